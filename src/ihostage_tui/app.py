"""The reader app and its one factory, used by the command line and by the tests."""

from __future__ import annotations

import asyncio
import gc
import io
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console
from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.dom import DOMNode
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from ihostage_tui import state as st
from ihostage_tui.clock import Clock, SystemClock
from ihostage_tui.config import unknown_ids
from ihostage_tui.livereload import Outcome, follow, watch
from ihostage_tui.model import Story
from ihostage_tui.resume import NoteMemory, ResumeStore, default_dir, restore
from ihostage_tui.safetext import printable
from ihostage_tui.startup import start_state

if TYPE_CHECKING:
    from ihostage_tui.screens.reader import ReaderScreen

TICK = 0.25
"""Seconds between playback steps in the real app."""
THEME = "textual-dark"
"""The theme the reader starts with (tests pin it too)."""


class StoryEdited(Message):
    """The story's files were changed while the reader is open (live reload)."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__()
        self.outcome = outcome
        """The edited story; or, when it has errors, what `validate` says of them."""


def quit_binding(*, keeps_place: bool) -> Binding:
    """The quit key, saying what quitting does to the reader's place (footer tooltip, help)."""
    said = "your place is remembered for next time" if keeps_place else (
        "this reader does not keep your place")
    return Binding("q", "quit", "Quit", id="quit", tooltip=f"Quit; {said}")


class ReaderApp(App[None]):
    """Reads one story: a content note first when it has one, then the reader screen."""

    CSS_PATH = "styles/app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [quit_binding(keeps_place=True)]

    def __init__(self, story: Story, initial: st.ReadingState, *, clock: Clock,
                 tick: float | None, store: ResumeStore | None, notice: str = "",
                 theme: str = THEME, watch: Path | None = None, note: bool = True,
                 keymap: Mapping[str, str] | None = None, focus: bool = False) -> None:
        super().__init__()
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap: binding id to keys, from the config file (see `config`)."""
        self.set_keymap(self.keymap)
        self.story = story
        """The story being read."""
        self.show_note = note and bool(story.content_note)
        """Whether the content note is shown before the reader opens."""
        self._initial, self._focus = initial, focus
        self._clock, self._tick, self._store = clock, tick, store
        self.notice = notice
        """One line to say at start (why the saved position was not used), or ""."""
        self.theme = theme
        self.title = "ihostage-tui"
        self._watched = watch
        self.problems = ""
        """Errors of the story's files as edited, shown until the story loads again, or ""."""
        self.collect_after_start = False
        """Whether to start Python's cycle collector once the reader is on screen (the command
        line pauses it for the start-up: `startup.collector_paused`)."""
        self.reader_ready = asyncio.Event()
        """Set once the reader's widgets have all mounted (at once without a content note)."""

    @cached_property
    def reader(self) -> ReaderScreen:
        """The main screen, which holds the reading state (imported when first needed). Behind a
        content note its widgets are composed only once the note is on screen."""
        from ihostage_tui.screens.reader import ReaderScreen

        return ReaderScreen(self.story, self._initial, clock=self._clock, tick=self._tick,
                            store=None if self.show_note else self._store, keymap=self.keymap,
                            focus=self._focus, deferred=self.show_note)

    def get_default_screen(self) -> Screen[None]:
        """The reader: the bottom of the screen stack from the start, the content note above it."""
        return self.reader

    def on_mount(self) -> None:
        """Show the content note; say why the saved position was not used."""
        if self.show_note:
            from ihostage_tui.screens.content_note import ContentNoteScreen  # only when shown

            self.push_screen(ContentNoteScreen(self.story, self.reader_ready), self._note_read)
            self.call_after_refresh(self._build_reader)  # once the note's first frame is out
        else:
            self.reader_ready.set()
            self.call_after_refresh(self._started)  # once the reader's first frame is out
        if self.notice:
            self.notify(printable(self.notice), markup=False, severity="warning")

    def _started(self) -> None:
        """The reader is on screen (behind a note: built). Python's cycle collector, paused by
        the command line for the start-up, runs again, what exists now (the modules, the story,
        the widgets, which live as long as the reader) frozen out of its passes; and live
        reload starts."""
        if self.collect_after_start:
            self.collect_after_start = False
            gc.freeze()
            gc.enable()
        self._watch()

    def _watch(self) -> None:
        """Start live reload: after the first frame, and behind a note after the reader is
        built, since starting the watch imports watchfiles and anyio (measured in
        benchmarks/run.py: about a tenth of a start's work)."""
        if self._watched is not None:
            self.run_worker(watch(self._watched, lambda edit: self.post_message(StoryEdited(edit))),
                            name="live-reload", exit_on_error=False)

    def _build_reader(self) -> None:
        """Compose the reader beneath the note while it is read (in the reader's own loop), so
        that going on only uncovers it (measured in benchmarks/run.py)."""
        async def compose() -> None:
            await self.reader.compose_now()
            self.reader_ready.set()
            self._started()
        self.reader.call_later(compose)

    def _note_read(self, _: None) -> None:
        """The note has been read (and is not shown again until it changes): the reader shows,
        and from now on remembers its place (quitting at the note keeps the last one)."""
        self.reader.store = self._store
        if self._store is not None:
            NoteMemory(self._store.folder).remember(self.story)
        self.call_after_refresh(self._show_problems)

    @on(StoryEdited)
    async def _story_edited(self, message: StoryEdited) -> None:
        """Show the edited story where the reader is; or keep it and show what is wrong.

        The errors panel is gone before the reader composes its widgets again, and a save that
        changed nothing the reader shows (a comment, a second event for one save) changes nothing.
        """
        self.problems = message.outcome if isinstance(message.outcome, str) else ""
        await self._show_problems()
        if isinstance(message.outcome, Story) and message.outcome != self.story:
            old, self.story = self.story, message.outcome
            if "reader" in self.__dict__:  # built: it follows its own place
                self.reader.show_story(self.story)
            else:
                self._initial = follow(old, self.story, self._initial)

    async def _show_problems(self) -> None:
        """The errors panel on the reader while there are errors; none once the story loads."""
        if "reader" not in self.__dict__ or not self.reader.is_attached:
            return
        from ihostage_tui.widgets.story_problems import StoryProblems  # only after an edit

        panels = self.reader.query(StoryProblems)
        if not self.problems:
            await panels.remove()
        elif panels:
            panels.first().show(self.problems)
        else:
            await self.reader.mount(StoryProblems(self.problems))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Live reload failed to start (no file watching here): say so; reading goes on."""
        if event.worker.name == "live-reload" and event.state is WorkerState.ERROR:
            self.notify(f"Live reload is off: {event.worker.error}", markup=False,
                        severity="warning")


class PlacelessReaderApp(ReaderApp):
    """The reader when it keeps no place (`--no-save`, and so every served visitor's): the same
    app, its quit key saying so. (A subclass's binding replaces its base's for the same key.)"""

    BINDINGS: ClassVar[list[BindingType]] = [quit_binding(keeps_place=False)]


def make_app(
    story: Story,
    *,
    clock: Clock | None = None,
    tick: float | None = TICK,
    state_dir: Path | None = None,
    resume: bool = True,
    save: bool = True,
    chapter: str | None = None,
    perspective: str | None = None,
    at: str | None = None,
    theme: str = THEME,
    animations: bool = True,
    notice: str = "",
    watch: Path | None = None,
    note: bool = False,
    keymap: Mapping[str, str] | None = None,
) -> ReaderApp:
    """Build the reader. Any start option replaces the remembered position entirely (no tab or
    event left over from the last session); `LaunchError` if an option does not fit the story.

    `tick=None` runs no timer: the clock only moves when a test calls `advance_clock`.
    `save=False` leaves the remembered position as it was (the reader saves none on quit).
    `watch` is the story's path, to show edits to its files as they are saved (live reload).
    The content note is shown until the reader has once continued past it as it now reads;
    `note=True` shows it anyway.
    `keymap` rebinds keys by binding id (the user's config file); unknown ids are said at start.
    """
    store = ResumeStore(state_dir or default_dir())
    base, said = None, ""
    position, problem = store.load(story)  # focus mode is kept even when starting afresh
    if resume and (chapter, perspective, at) == (None, None, None):
        said = problem
        if position is not None:
            base = restore(story, position)
            if base is None:
                said = "The saved position is no longer in this story; starting fresh."
    if keymap:
        said = " ".join(line for line in (said, unknown_ids(dict(keymap), binding_ids())) if line)
    notice = " ".join(line for line in (notice, said) if line)
    initial = start_state(story, base, chapter=chapter, perspective=perspective, at=at)
    note = note or not NoteMemory(store.folder).seen(story)
    kind = ReaderApp if save else PlacelessReaderApp
    app = kind(story, initial, clock=clock or SystemClock(), tick=tick,
               store=store if save else None, notice=notice, theme=theme, watch=watch,
               note=note, keymap=keymap, focus=position is not None and position.focus)
    if not animations:
        app.animation_level = "none"
    return app


def binding_ids() -> set[str]:
    """The id of every key binding a keymap can change: the app's, the reader's, the dialogs'.

    Every module of `screens` is imported first: the reader imports a dialog only when it opens.
    """
    import importlib
    import pkgutil

    from ihostage_tui import screens
    from ihostage_tui.screens.dialog import Dialog
    from ihostage_tui.screens.reader import ReaderScreen

    for module in pkgutil.iter_modules(screens.__path__):
        importlib.import_module(f"{screens.__name__}.{module.name}")

    classes: list[type[DOMNode]] = [ReaderApp, ReaderScreen]
    todo: list[type[DOMNode]] = [Dialog]
    while todo:
        dialog = todo.pop()
        classes.append(dialog)
        todo.extend(dialog.__subclasses__())
    return {binding.id for cls in classes for binding in cls.BINDINGS
            if isinstance(binding, Binding) and binding.id}


def run_reader(story: Story, *, resume: bool = True, save: bool = True,
               chapter: str | None = None, perspective: str | None = None,
               at: str | None = None, notice: str = "", watch: Path | None = None,
               note: bool = False, keymap: Mapping[str, str] | None = None,
               collecting: bool = False) -> tuple[int, str]:
    """Check the start options against the story (`LaunchError`), then read it.

    `notice` is one line to show as the reader opens (the story cache could not be written);
    `watch` the story's path, watched for edits (None: not watched). `collecting`: Python's
    cycle collector was running and the caller paused it for the start-up
    (`startup.collector_paused`): the reader starts it again once on screen.
    Returns the app's exit code and, after a crash, Textual's report of it, which is kept from
    the terminal: the command line says it in one line.
    """
    start_state(story, chapter=chapter, perspective=perspective, at=at)
    app = make_app(story, resume=resume, save=save, chapter=chapter, perspective=perspective,
                   at=at, notice=notice, watch=watch, note=note, keymap=keymap)
    report = io.StringIO()
    app.error_console = Console(file=report, width=100, color_system=None, force_terminal=False)
    app.collect_after_start = collecting
    app.run()
    return app.return_code or 0, report.getvalue()
