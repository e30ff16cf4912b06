"""Large chapters: the events pane lays out a window around the selection, never the whole chapter.

These tests check behaviour a reader notices (the selected event is on screen wherever it is, the
mouse scrolls on past the window's edge) and the structure that keeps a key press cheap (no layout
holds more than one window of events). Speed itself is measured by the benchmarks, not here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import build_app, press, screen_text, settle
from textual import events

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Chapter, Event, Perspective, Precision, Source, Story, View
from ihostage_tui.rows import LARGE, WINDOW, build_layout, chapter_facts
from ihostage_tui.widgets.events_view import EventsView

ZONE = ZoneInfo("Europe/Amsterdam")
EVENTS = 2_000


def big_story(events: int = EVENTS) -> Story:
    start = datetime(2022, 2, 22, 8, 0, tzinfo=ZONE)
    chapter = Chapter("big", "A long chapter", tuple(
        Event(f"big.{n + 1}", "big", start + timedelta(seconds=20 * n), Precision.SECOND,
              n % 7 == 0, f"Event number {n}", f"What happened at step {n}, told plainly.",
              (View("p", f"The side's view of step {n}."),) if n % 2 else (), ("s",))
        for n in range(events)))
    small = Chapter("small", "A short chapter", (
        Event("small.1", "small", start + timedelta(days=1), Precision.MINUTE, False,
              "The morning after", "Quiet.", (), ("s",)),))
    return Story("Big", "Europe/Amsterdam", date(2022, 2, 22), (Perspective("p", "Side", "Side"),),
                 (chapter, small), (Source("s", "A source"),))


@pytest.fixture(scope="module")
def big() -> Story:
    """The 2,000-event story, built once for this module's readers."""
    return big_story()


def reader(story: Story, tmp_path: Path) -> ReaderApp:
    return build_app(story, tmp_path, clock=ManualClock())


def visible_text(app: ReaderApp) -> str:
    """The events pane as it is on screen."""
    return screen_text(app, within=app.reader.query_one(EventsView))


def laid_out(app: ReaderApp) -> tuple[int, int]:
    layout = app.reader.query_one(EventsView)._layout
    assert layout is not None
    return layout.first, layout.last


def test_small_chapters_are_laid_out_whole() -> None:
    story = big_story(LARGE)
    layout = build_layout(story, story.chapters[0], None, 80, around=LARGE - 1)
    assert (layout.first, layout.last) == (0, LARGE)
    assert layout.lines[0].pieces[0] == ("A long chapter", "events--heading")


def test_a_large_chapter_is_laid_out_as_a_window() -> None:
    story = big_story()
    layout = build_layout(story, story.chapters[0], None, 80, around=1000)
    assert layout.last - layout.first == WINDOW
    assert layout.first <= 1000 < layout.last
    assert layout.lines[0].pieces == ((f"… {layout.first:,} earlier events", "events--quiet"),)
    assert layout.lines[-1].pieces == (
        (f"… {EVENTS - layout.last:,} later events", "events--quiet"),)


def test_the_time_column_fits_every_time_of_a_large_chapter() -> None:
    story = big_story()
    facts = chapter_facts(story, story.chapters[0])
    assert facts.column >= len("~17:59:40")  # approximate times with seconds occur


async def test_the_selection_stays_on_screen_as_it_walks_past_windows(
        big: Story, tmp_path: Path) -> None:
    """`down` held for 110 events (key repeat: the keys arrive faster than frames are drawn)
    walks past several window moves; the selected event is on screen at the end."""
    app = reader(big, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down")
        for _ in range(109):
            app.post_message(events.Key("down", None))
        await settle(pilot)
        assert app.reader.state.event == 110
        first, last = laid_out(app)
        assert first <= 110 < last and last - first == WINDOW
        assert "Event number 110" in visible_text(app)


async def test_go_to_time_lands_in_view_deep_in_a_large_chapter(big: Story, tmp_path: Path) -> None:
    app = reader(big, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("t", *"16:00", "enter")  # 8 h after 08:00, at 20 s a step: event 1440
        await settle(pilot)
        assert app.reader.state.event == 1440
        assert "Event number 1440" in visible_text(app)
        assert laid_out(app)[1] - laid_out(app)[0] == WINDOW


async def test_scrolling_past_the_window_brings_in_the_next_events(
        big: Story, tmp_path: Path) -> None:
    app = reader(big, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.reader.query_one(EventsView)
        await settle(pilot)
        assert laid_out(app) == (0, WINDOW)
        view.scroll_to(y=view.max_scroll_y, animate=False, immediate=True)
        await settle(pilot)
        first, _ = laid_out(app)
        assert first > 0
        shown = visible_text(app)
        assert f"Event number {WINDOW - 1}" in shown or f"Event number {WINDOW}" in shown
        assert app.reader.state.event == 0  # scrolling reads on; it does not move the clock
        await press(pilot, "down")
        assert "Event number 1" in visible_text(app)


async def test_switching_perspective_in_a_large_chapter_keeps_the_moment(
        big: Story, tmp_path: Path) -> None:
    app = reader(big, tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "t", *"12:00", "enter", "2")
        state = app.reader.state
        assert state.perspective == 1 and state.event == 720
        assert "Event number 720" in visible_text(app)
