"""Every dialog is one `Dialog`: titled, escape closes it, the story clock holds under it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_app, press, screen_text, settle
from textual import events
from textual.binding import Binding
from textual.widgets import Input

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.screens.content_note import ContentNoteScreen
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.screens.go_to_time import GoToTimeScreen
from ihostage_tui.screens.help import HelpScreen
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.screens.search import SearchScreen

OPENERS = {"t": GoToTimeScreen, "slash": SearchScreen, "question_mark": HelpScreen}
"""The key that opens each of the reader's dialogs."""


def said(app: ReaderApp, selector: str) -> str:
    """What a widget of the open screen shows, its wrapped lines joined, read off the screen."""
    return " ".join(screen_text(app, within=app.screen.query_one(selector)).split())


@pytest.fixture
def app(demo_story: Story, clock: ManualClock, state_dir: Path) -> ReaderApp:
    return build_app(demo_story, state_dir, clock=clock)


@pytest.mark.parametrize("key", list(OPENERS))
async def test_each_dialog_is_a_titled_box_that_escape_closes(app: ReaderApp, key: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", key)
        dialog = app.screen
        assert isinstance(dialog, Dialog) and isinstance(dialog, OPENERS[key])
        assert str(dialog.query_one("#dialog").border_title)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_escape_continues_past_the_content_note(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ContentNoteScreen)
        assert isinstance(app.screen, Dialog)
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.parametrize("key", list(OPENERS))
async def test_story_clock_holds_while_a_dialog_is_open(
        app: ReaderApp, clock: ManualClock, key: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space", key)
        before = app.reader.state.time
        clock.advance(30)  # half a story hour at 60x, all of it with the dialog open
        app.reader.advance_clock()
        assert app.reader.state.time == before
        await pilot.press("escape")
        assert app.reader.state.playing  # paused by the dialog, not stopped
        clock.advance(1)
        app.reader.advance_clock()
        assert (app.reader.state.time - before).total_seconds() == 60  # only the time after


def test_every_dialog_binding_has_a_tooltip() -> None:
    for dialog in (Dialog, ContentNoteScreen, GoToTimeScreen, HelpScreen, SearchScreen):
        for binding in dialog.BINDINGS:
            assert isinstance(binding, Binding) and binding.tooltip, (dialog, binding)
            assert binding.id, (dialog, binding)


async def test_go_to_time_takes_the_dates_the_reader_shows(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t", *"Sat 6 Nov 08:00", "enter")
        assert isinstance(app.screen, ReaderScreen)
        state = app.reader.state
        assert (state.chapter, state.event) == (2, 1)


async def test_go_to_time_with_an_empty_box_says_so(app: ReaderApp) -> None:
    """The placeholder is an example, not a default: enter on the empty box moves nothing."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t")
        field = app.screen.query_one(Input)
        assert field.placeholder.startswith("for example ")
        await press(pilot, "enter")
        assert isinstance(app.screen, GoToTimeScreen)
        assert said(app, "#time-error") == "nothing typed: write a time such as 19:00."
        field.post_message(events.Paste("x" * 60))  # pasted: typing 60 keys only costs time
        await press(pilot, "enter")
        assert said(app, "#time-error") == f"'{'x' * 39}…' is not a time."


@pytest.mark.parametrize("key", ["enter", "space", "escape"])
async def test_each_of_enter_space_and_escape_continues_past_the_note(
        app: ReaderApp, key: str) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press(key)
        assert isinstance(app.screen, ReaderScreen)
        assert not app.reader.state.playing  # space went to the note, not to the clock


async def test_the_note_is_shown_once_until_it_changes(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    def start(story: Story, note: bool = False) -> ReaderApp:
        return build_app(story, state_dir, clock=clock, note=note, resume=True)

    first = start(demo_story)
    async with first.run_test(size=(100, 30)) as pilot:
        assert isinstance(first.screen, ContentNoteScreen)
        await settle(pilot)
        assert "--note" in said(first, "#note-again")
        await pilot.press("enter", "q")
    again = start(demo_story)
    async with again.run_test(size=(100, 30)):
        assert isinstance(again.screen, ReaderScreen)
    asked = start(demo_story, note=True)
    async with asked.run_test(size=(100, 30)):
        assert isinstance(asked.screen, ContentNoteScreen)
    changed = replace(demo_story, content_note=demo_story.content_note + " Revised.")
    async with start(changed).run_test(size=(100, 30)) as pilot:
        assert isinstance(pilot.app.screen, ContentNoteScreen)
