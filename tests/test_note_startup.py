"""Start-up behind the content note: the reader is built beneath the note while it is read, so
going on only uncovers it, and no key pressed meanwhile is lost. (How fast that is, is measured
in benchmarks/run.py, not asserted here.)"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import DEMO, build_app, screen_text, settle

from ihostage_tui import playback as pb
from ihostage_tui.cli import main
from ihostage_tui.clock import ManualClock
from ihostage_tui.errors import LaunchError
from ihostage_tui.model import Story
from ihostage_tui.screens.content_note import ContentNoteScreen
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.startup import collector_paused
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


# Python's cycle collector is paused for the start-up (see startup.collector_paused)
@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the collector as the test found it, whatever the test did to it."""
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


@pytest.mark.parametrize("raised", [False, True])
def test_the_collector_is_paused_and_given_back(collector: None, raised: bool) -> None:
    gc.enable()
    with contextlib.suppress(LaunchError), collector_paused() as collecting:
        assert collecting and not gc.isenabled()
        if raised:
            raise LaunchError("a start option that does not fit")
    assert gc.isenabled()
    gc.disable()
    with collector_paused() as collecting:  # paused by someone else: left paused
        assert not collecting
    assert not gc.isenabled()


@pytest.mark.parametrize("note", [False, True])
async def test_the_reader_starts_the_collector_once_it_is_on_screen(
        collector: None, demo_story: Story, state_dir: Path, note: bool) -> None:
    """Paused by the command line, the collector runs again once the reader is on screen; with
    a content note, once the reader is built beneath it."""
    story = demo_story if note else replace(demo_story, content_note="")
    app = build_app(story, state_dir)
    app.collect_after_start = True
    gc.disable()
    async with app.run_test(size=(100, 30)) as pilot:
        await app.reader_ready.wait()
        await settle(pilot)
        assert gc.isenabled()
        assert isinstance(app.screen, ContentNoteScreen) is note


async def test_the_command_line_pauses_the_collector_until_the_reader_runs(
        collector: None, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[bool, bool]] = []

    def run_reader(story: object, **options: object) -> tuple[int, str]:
        seen.append((bool(options["collecting"]), gc.isenabled()))
        return 0, ""

    monkeypatch.setattr("ihostage_tui.app.run_reader", run_reader)
    monkeypatch.setattr("ihostage_tui.cli.closed_standard_stream", lambda: "")  # pytest's stdin
    gc.enable()
    assert main(["--story", str(DEMO), "--no-resume"]) == 0
    assert seen == [(True, False)]  # paused, and the reader told to start it again
    assert gc.isenabled()
