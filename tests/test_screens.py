"""Screens that hold at every size and palette: the footer, the events' room, focus mode, the marks
that do not rely on colour."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import build_app, press, screen_rows, screen_strips, screen_text, settle
from textual.widget import Widget

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.errors import StoryError
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Story
from ihostage_tui.screens.reader import MIN_HEIGHT, MIN_WIDTH
from ihostage_tui.widgets.clock_panel import ClockLine
from ihostage_tui.widgets.events_view import EventsView
from ihostage_tui.widgets.key_footer import KeyFooter, fitting

Snap = Callable[..., bool]
SIZES = [(120, 40), (80, 24), (60, 20), (40, 12), (MIN_WIDTH, MIN_HEIGHT)]
LABELS = {"Chapter", "Event", "Tab", "Play", "Time", "Search", "Focus", "Help", "Quit", "palette"}
"""Every description a footer key may show: a cut one ("Even", "Qu") is none of these."""


def build(story: Story, state_dir: Path, *, resume: bool = False, **options: Any) -> ReaderApp:
    options.setdefault("theme", "textual-dark")
    return build_app(story, state_dir, resume=resume, **options)


def footer_words(app: ReaderApp) -> list[str]:
    """The words of the footer's descriptions, as on screen."""
    return re.findall(r"[A-Za-z]{2,}", screen_rows(app)[-1])


# The footer
@pytest.mark.parametrize("size", SIZES)
async def test_help_and_quit_stay_in_the_footer_and_no_label_is_cut(
        demo_story: Story, state_dir: Path, size: tuple[int, int]) -> None:
    app = build(demo_story, state_dir)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter", "j")
        words = footer_words(app)
        assert "? Help" in screen_rows(app)[-1] and "q Quit" in screen_rows(app)[-1]
        assert set(words) <= LABELS | {"space"}, words


async def test_the_footer_gives_way_from_the_least_useful_key(
        demo_story: Story, state_dir: Path) -> None:
    app = build(demo_story, state_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "enter", "j")
        wide = footer_words(app)
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        narrow = footer_words(app)
    assert {"Chapter", "Event", "Play", "Search", "Focus", "Help", "Quit"} <= set(wide)
    assert narrow == ["Event", "space", "Play", "Help", "Quit"]


async def test_a_click_on_a_footer_key_presses_it(demo_story: Story, state_dir: Path) -> None:
    app = build(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        footer = screen_rows(app)[-1]
        await pilot.click(KeyFooter, offset=(footer.index("↓ Event") + 3, 0))
        await settle(pilot)
        assert app.reader.state.event == 1
        await pilot.click(KeyFooter, offset=(footer.index("? Help") + 3, 0))
        await settle(pilot)
        assert "Keys" in screen_text(app) and type(app.screen).__name__ == "HelpScreen"


def style_of(app: ReaderApp, widget: Widget, text: str) -> object:
    """The style of the first piece of the widget's rows on screen whose text holds `text`."""
    region = widget.region
    strips = screen_strips(app)[region.y:region.bottom]
    return next(segment.style for strip in strips
                for segment in strip.crop(region.x, region.right) if text in segment.text)


@pytest.mark.parametrize(("where", "text"), [
    ("#tabs", "Keeper"), ("#chapters", "The storm"), ("KeyFooter", "Search")])
async def test_the_part_under_the_pointer_lights_up(
        demo_story: Story, state_dir: Path, where: str, text: str) -> None:
    """A tab, a chapter and a footer key light up under the pointer, and go out after."""
    app = build(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        widget = app.reader.query_one(where)
        rows = screen_rows(app, within=widget)
        y = next(n for n, row in enumerate(rows) if text in row)
        before = style_of(app, widget, text)
        await pilot.hover(where, offset=(rows[y].index(text), y))
        await settle(pilot)
        assert style_of(app, widget, text) != before
        await pilot.hover("#events", offset=(5, 5))
        await settle(pilot)
        assert style_of(app, widget, text) == before


def test_fitting_keeps_the_best_ranked_that_fit() -> None:
    widths, ranks = [10, 9, 8, 8, 14], [4, 2, 0, 1, 9]
    assert fitting(widths, ranks, 30) == [False, True, True, True, False]
    assert fitting(widths, ranks, 16) == [False, False, True, True, False]
    assert fitting(widths, ranks, 100) == [True] * 5


# Room for the story
@pytest.fixture(scope="module")
def bundled() -> Story:
    try:
        return load_story(bundled_story_path())
    except StoryError as error:
        pytest.skip(f"the bundled story does not load: {error}")


async def test_80x24_shows_at_least_14_rows_of_events(bundled: Story, state_dir: Path) -> None:
    app = build(bundled, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # past the content note; its first event has long sources
        await settle(pilot)
        assert app.reader.query_one(EventsView).size.height >= 14


async def test_the_chapter_list_keeps_the_open_chapter_in_view(
        bundled: Story, state_dir: Path) -> None:
    """At 80x24 the bundled story's chapters do not all fit: the open one is scrolled to, on
    the way to the last chapter and back, and a click on a chapter opens it."""
    app = build(bundled, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")
        listed = app.reader.query_one("#chapters")
        last = len(bundled.chapters)
        for key in ["right"] * last + ["left"] * last:
            await press(pilot, key)
            number = app.reader.state.chapter + 1
            shown = screen_rows(app, within=listed)
            assert any(row.startswith(f"▌{number:>2} ") for row in shown), (number, shown)
        assert app.reader.state.chapter == 0
        second = next(y for y, row in enumerate(screen_rows(app, within=listed))
                      if row.startswith("  2 "))
        await pilot.click("#chapters", offset=(4, second))
        await settle(pilot)
        assert app.reader.state.chapter == 1


# Focus mode
@pytest.mark.parametrize("size", [(160, 50), (80, 24), (60, 20)])
async def test_focus_mode_hides_chapters_clock_panel_and_sources(
        demo_story: Story, state_dir: Path, size: tuple[int, int]) -> None:
    app = build(demo_story, state_dir)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter", "j")
        events_before = app.reader.query_one(EventsView).size
        await press(pilot, "f")
        reader = app.reader
        shown = {name: reader.query_one(name).display
                 for name in ("#side", "#details", "#clock-line", "#events", "#tabs")}
        assert shown == {"#side": False, "#details": False, "#clock-line": True,
                         "#events": True, "#tabs": True}
        text = "\n".join(screen_rows(app))
        assert "17:20:00  ■ paused 60x" in text and "Sources:" not in text
        after = reader.query_one(EventsView).size
        assert after.area > events_before.area
        await press(pilot, "f")
        assert reader.query_one("#details").display


@pytest.mark.parametrize("resume", [True, False])
async def test_focus_mode_is_remembered_across_starts(
        demo_story: Story, state_dir: Path, resume: bool) -> None:
    first = build(demo_story, state_dir, resume=True)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "f", "q")
    again = build(demo_story, state_dir, resume=resume)
    async with again.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        assert not again.reader.query_one("#side").display
        assert again.reader.focus_mode


# Marks that do not rely on colour
@pytest.mark.parametrize("palette", ["no-color", "16-colours"])
async def test_the_open_chapter_is_marked_by_a_glyph(
        demo_story: Story, state_dir: Path, monkeypatch: pytest.MonkeyPatch,
        palette: str) -> None:
    if palette == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = build(demo_story, state_dir, theme="ansi-dark" if palette == "16-colours"
                else "textual-dark")
    app.ansi_color = palette == "16-colours"
    async with app.run_test(size=(80, 30)) as pilot:
        await press(pilot, "enter")
        rows = screen_rows(app)
        assert any(row.startswith("▌ 1 Dusk") for row in rows)
        await press(pilot, "right")
        rows = screen_rows(app)
        assert any(row.startswith("▌ 2 The storm") for row in rows)
        assert any(row.startswith("  1 Dusk") for row in rows)


async def test_timeline_tells_perspectives_apart_by_their_tab_number(
        demo_story: Story, state_dir: Path) -> None:
    app = build(demo_story, state_dir, theme="ansi-dark")
    app.ansi_color = True
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter")
        ticks = screen_rows(app)[-3]  # the timeline's tick row, above the now row
        numbers = {char for char in ticks if char.isdigit()}
        told = {str(n + 2) for n, p in enumerate(demo_story.perspectives)
                if any(e.views and e.views[0].perspective == p.id
                       for c in demo_story.chapters for e in c.events)}
        assert numbers == told and len(told) >= 2


async def test_the_one_line_clock_says_a_year_once(tmp_path: Path) -> None:
    """At 60x20 the clock is one line; on an event dated by its year alone (1940 in the bundled
    story) the year was written twice, as the time and as the day."""
    app = build_app(load_story(bundled_story_path()), tmp_path, clock=ManualClock(0.0))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("enter", "j", "j", "j")
        await settle(pilot)
        line = screen_text(app, within=app.reader.query_one(ClockLine)).strip()
        assert line.startswith("1940 ") and line.count("1940") == 1, line
