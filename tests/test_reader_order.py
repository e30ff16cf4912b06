"""Pilot tests of time order in the reader: `o`, and playing the bundled night forwards."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_app, press, screen_text, settle
from test_time_order import TIME_ORDER, overlapping
from textual.widgets import Static

from ihostage_tui import state as st
from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Order, Story
from ihostage_tui.rows import build_layout
from ihostage_tui.screens.evidence import EvidenceScreen
from ihostage_tui.widgets.event_details import EventDetails


def reader(story: Story, clock: ManualClock, state_dir: Path) -> ReaderApp:
    """The app as tests build it: frozen clock, no timer, no animations, no resume."""
    return build_app(story, state_dir, clock=clock)


def selected(app: ReaderApp) -> tuple[int, int]:
    return app.reader.state.chapter, app.reader.state.event


def top(app: ReaderApp) -> object:
    """The screen on top (read through a function, so mypy does not narrow it across keys)."""
    return app.screen


def order_of(app: ReaderApp) -> Order:
    return app.reader.state.order


async def test_o_round_trips_and_keeps_the_selected_event(
    clock: ManualClock, state_dir: Path
) -> None:
    app = reader(overlapping(), clock, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "j", "j")
        assert selected(app) == TIME_ORDER[2] and order_of(app) is Order.TIME
        moment = app.reader.state.time
        await pilot.press("o")
        assert order_of(app) is Order.CHAPTERS
        assert selected(app) == TIME_ORDER[2] and app.reader.state.time == moment
        await pilot.press("j")
        assert selected(app) == (1, 1)  # the next event of the storm chapter, as written
        await pilot.press("k", "o")
        assert order_of(app) is Order.TIME and selected(app) == TIME_ORDER[2]
        await pilot.press("j")
        assert selected(app) == TIME_ORDER[3]  # the next event in time: back in dusk


async def test_o_says_the_order_in_the_words_the_clock_shows(
        clock: ManualClock, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The notice after `o` and the clock panel name the order in the same words."""
    app = reader(overlapping(), clock, state_dir)
    said: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        monkeypatch.setattr(app.reader, "notify", lambda message, **_: said.append(message))
        for words in ("chapter order", "time order"):
            await press(pilot, "o")
            assert said[-1] == f"Reading in {words}."
            assert words in screen_text(app)


async def test_playing_the_bundled_night_never_moves_the_clock_backwards(
    clock: ManualClock, state_dir: Path
) -> None:
    story = load_story(bundled_story_path())
    assert story.order is Order.TIME
    app = reader(story, clock, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        night = next(i for i, e in enumerate(story.time_order.events)
                     if e.at.date() == story.date)
        reading = app.reader
        reading.state = st.select(story, reading.state, *story.time_order.indices(night))
        await pilot.press("space")
        times, steps = [app.reader.state.time], 0
        while app.reader.state.playing and steps < 10_000:
            clock.advance(30.0)
            app.reader.advance_clock()
            times.append(app.reader.state.time)
            steps += 1
        await settle(pilot)
        assert not app.reader.state.playing, "playback reached the end of the story"
        assert times == sorted(times)
        assert selected(app) == story.time_order.indices(len(story.time_order) - 1)


def test_time_order_rows_label_each_event_and_count_disputes() -> None:
    """In time order every title carries its chapter; two disputes say "(2 disputes)"."""
    story = overlapping()
    labels = {c.id: f"{n} {c.title}" for n, c in enumerate(story.chapters, start=1)}
    stream = replace(story.chapters[0], events=story.time_order.events)
    storm = stream.events[2]
    two = replace(storm, disputed=storm.disputed * 2)
    stream = replace(stream, events=(*stream.events[:2], two, *stream.events[3:]))
    layout = build_layout(story, stream, None, 100, labels=labels)
    titles = ["".join(text for text, _ in line.pieces).strip() for line in layout.lines
              if any(kind == "events--title" for _, kind in line.pieces)]
    assert titles[:3] == ["17:00  The lamp is lit · 1 Dusk [2 4]",
                          "17:20  A storm warning · 1 Dusk [4]",
                          "17:20  The lamp goes out (2 disputes) · 2 The storm [2]"]


async def test_e_shows_every_dispute_and_escape_returns_to_the_same_place(
    clock: ManualClock, state_dir: Path
) -> None:
    story = load_story(bundled_story_path())
    runs = next(i for i, e in enumerate(story.time_order.events) if e.title == "The hostage runs")
    app = reader(story, clock, state_dir)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        app.reader.state = st.select(story, app.reader.state, *story.time_order.indices(runs))
        await settle(pilot)
        before = app.reader.state
        details = screen_text(app, within=app.reader.query_one(EventDetails))
        assert "3 disputes — press e" in details
        await pilot.press("e")
        assert isinstance(app.screen, EvidenceScreen)
        # the evidence scrolls past the terminal's height: read what its widgets hold (a
        # snapshot of this screen shows what fits)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        event = story.time_order.events[runs]
        for dispute in event.disputed:
            assert dispute.what in shown
            assert all(version.says in shown for version in dispute.versions)
        for source_id in event.sources:
            source = story.source(source_id)
            assert source is not None and source.title in shown and source.url in shown
        await pilot.press("escape")
        assert top(app) is app.reader and app.reader.state == before


async def test_help_explains_the_clock_panel_and_the_timeline(
    clock: ManualClock, state_dir: Path
) -> None:
    app = reader(overlapping(), clock, state_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "question_mark")
        # the evidence scrolls past the terminal's height: read what its widgets hold (a
        # snapshot of this screen shows what fits)
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        for heading in ("The clock panel", "The timeline strip"):
            assert heading in shown
        for words in ("T+01:30", "time since the first event", "where chapter 3 begins",
                      "time order", "the story clock"):
            assert words in shown
