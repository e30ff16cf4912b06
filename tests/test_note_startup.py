"""Start-up behind the content note: the reader is built beneath the note while it is read, so
going on only uncovers it, and no key pressed meanwhile is lost. (How fast that is, is measured
in benchmarks/run.py, not asserted here.)"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from conftest import build_app, screen_text, settle

from ihostage_tui import playback as pb
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.screens.content_note import ContentNoteScreen
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.widgets.events_view import EventsView


async def test_the_reader_is_built_beneath_the_note_before_enter(
        demo_story: Story, state_dir: Path) -> None:
    """While the note is read, the reader's widgets are mounted under it, hidden by it."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ContentNoteScreen)
        assert app.screen_stack == [app.reader, app.screen]
        assert app.reader.query_one(EventsView).is_mounted
        assert "The lamp is lit" not in screen_text(app)  # nothing of the story shows through
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen_stack == [app.reader]
        assert "17:00  The lamp is lit" in screen_text(app)


@pytest.fixture
def build_on_enter(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reader's widgets are composed only once Enter has reached the note: a machine so slow
    that a fast reader's keys all arrive before the reader is built."""
    entered = asyncio.Event()
    compose_now, go_on = ReaderScreen.compose_now, ContentNoteScreen.action_go_on

    async def composed_late(self: ReaderScreen) -> None:
        await entered.wait()
        await compose_now(self)

    async def going_on(self: ContentNoteScreen) -> None:
        entered.set()
        await go_on(self)

    monkeypatch.setattr(ReaderScreen, "compose_now", composed_late)
    monkeypatch.setattr(ContentNoteScreen, "action_go_on", going_on)


@pytest.mark.usefixtures("build_on_enter")
async def test_keys_pressed_before_the_reader_is_built_reach_it_in_order(
        demo_story: Story, state_dir: Path) -> None:
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        for key in ("enter", "right", "j", "j"):  # typed at once: nothing waits between them
            app.simulate_key(key)
        await settle(pilot)
        assert app.screen_stack == [app.reader]
        state = app.reader.state
        assert (state.chapter, state.event) == (1, 2), "the next chapter, then two events on"
        assert "The lifeboat is launched" in screen_text(app)


async def test_enter_at_once_reaches_the_reader(demo_story: Story, state_dir: Path) -> None:
    """Enter as the app starts, before anything has settled, opens the reader."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen_stack == [app.reader]
        assert "17:00  The lamp is lit" in screen_text(app)


async def test_the_clock_does_not_run_while_the_note_is_up(
        demo_story: Story, state_dir: Path) -> None:
    clock = ManualClock(1000.0)
    app = build_app(demo_story, state_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.reader.state = pb.toggle_playing(app.reader.state)
        before = app.reader.state.time
        clock.advance(60)
        app.reader.advance_clock()
        assert app.reader.state.time == before, "the story clock ran under the note"
        await pilot.press("enter")
        await settle(pilot)
        clock.advance(1)
        app.reader.advance_clock()
        assert app.reader.state.time > before


async def test_quitting_at_the_note_keeps_the_remembered_place(
        demo_story: Story, state_dir: Path) -> None:
    """The reader beneath the note has not been read: quitting there saves nothing over the
    place remembered from the last session (here a fresh start, --no-resume, quit at once)."""
    first = build_app(demo_story, state_dir)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right", "j")
        await settle(pilot)
        await pilot.press("q")
    fresh = build_app(demo_story, state_dir, note=True)
    async with fresh.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(fresh.screen, ContentNoteScreen)
        await pilot.press("q")
    again = build_app(demo_story, state_dir, resume=True)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert (again.reader.state.chapter, again.reader.state.event) == (1, 1)
