"""The reader: chapter list, clock panel, perspective tabs over the events, details, timeline."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ihostage_tui import playback as pb
from ihostage_tui import state as st
from ihostage_tui.clock import Clock
from ihostage_tui.commands import ReaderCommands
from ihostage_tui.coverage import Coverage
from ihostage_tui.livereload import follow
from ihostage_tui.model import Story
from ihostage_tui.resume import ResumeStore, position_of
from ihostage_tui.screens.reader_actions import ReaderActions
from ihostage_tui.screens.reader_keys import READER_BINDINGS
from ihostage_tui.search_index import SearchIndex
from ihostage_tui.widgets.chapter_list import ChapterList
from ihostage_tui.widgets.clock_panel import ClockLine, ClockPanel
from ihostage_tui.widgets.compare_view import CompareView
from ihostage_tui.widgets.event_details import EventDetails
from ihostage_tui.widgets.events_view import EventsView
from ihostage_tui.widgets.key_footer import KeyFooter
from ihostage_tui.widgets.perspective_tabs import PerspectiveTabs
from ihostage_tui.widgets.timeline import Timeline

MIN_WIDTH = 30
"""Narrower than this, the reader asks for a larger terminal."""
MIN_HEIGHT = 8
"""Lower than this, the reader asks for a larger terminal."""
NARROW = 70
"""Narrower than this, the chapter list and clock panel give way to a one-line clock."""
SHORT = 16
"""Lower than this, the title, the details and the timeline give way to the events."""
ROOMY = 30
"""Lower than this (and not short), the sources pane keeps to two lines under the events."""

class ReaderScreen(ReaderActions):
    """The main screen; it hands the reading state (held by `ReaderActions`) down to every
    widget, plays the clock and remembers the place."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-medium"), (140, "-wide")]  # noqa: RUF012
    """Classes by width: `-narrow` (compact layout), `-medium`, `-wide` (details beside events)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-medium-height"), (ROOMY, "-tall")]  # noqa: RUF012
    """Classes by height: `-short` keeps only tabs, clock line, events and footer;
    `-medium-height` keeps the sources pane to two lines, so 80x24 shows 14 rows of events."""
    COMMANDS: ClassVar = {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS

    focus_mode: reactive[bool] = reactive(False, init=False)
    """Focus mode: the chapter list, the clock panel and the sources pane are hidden at any size
    (the one-line clock stays); remembered with the position."""

    def __init__(self, story: Story, initial: st.ReadingState, *, clock: Clock,
                 tick: float | None, store: ResumeStore | None,
                 keymap: Mapping[str, str] | None = None, focus: bool = False,
                 deferred: bool = False) -> None:
        super().__init__()
        self.story = story
        """The story being read."""
        self.keymap: Mapping[str, str] = keymap or {}
        """The user's keymap (binding id to keys), which help shows the keys with."""
        self.clock = clock
        """Wall clock for playback (injected; frozen in tests)."""
        self.tick = tick
        """Seconds between playback steps; None means no timer (a frozen screen)."""
        self.store = store
        """Where the position is remembered; None when it is not (`--no-save`, or while the
        content note is read)."""
        self._last_now = clock.now()
        self.search_index = SearchIndex(story)
        """The story's text, ready to search (the search dialog, `n`/`N` and the palette)."""
        self.coverage = Coverage(story)
        """Which sides tell which events (tab counts, `J`/`K`), once per story."""
        self._composing = False
        self.deferred = deferred
        """True while the widgets wait to be composed by `compose_now` (beneath the content note,
        so that the note's first frame does not wait for them)."""
        self.set_reactive(ReaderScreen.state, initial)
        self.set_reactive(ReaderScreen.focus_mode, focus)
        self.set_class(focus, "-focus", update=False)
        self.set_class(initial.compare, "-compare", update=False)

    def _size_classes(self) -> None:
        """Take the classes of the terminal's size: the breakpoints and `-too-small`.

        Called when the widgets are composed, so that the first frame is laid out for the terminal
        (Textual sets breakpoints on the first resize, after a first frame laid out without
        them, and every widget would be styled twice); every resize after that sets them.
        Styles are not updated here: the widgets are styled as they mount.
        """
        width, height = self.app.size
        for breakpoints, size in ((self.HORIZONTAL_BREAKPOINTS, width),
                                  (self.VERTICAL_BREAKPOINTS, height)):
            chosen = max((edge, name) for edge, name in breakpoints if edge <= size)[1]
            for _, name in breakpoints:
                self.set_class(name == chosen, name, update=False)
        self._fit(width, height, update=False)

    def compose(self) -> ComposeResult:
        """Title, then side column (clock, chapters) beside the tabs, events and details.

        The one-line clock is shown instead of the side column on a narrow terminal.
        Nothing while `deferred`.
        """
        self._size_classes()
        if self.deferred:
            return
        story, bind = self.story, ReaderScreen.state
        yield Static(Content.assemble((story.title, "bold"), "  ", (story.subtitle, "dim")),
                     id="title-bar")
        yield ClockLine(story, id="clock-line").data_bind(bind)
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield ClockPanel(story, id="clock").data_bind(bind)
                yield ChapterList(story, id="chapters").data_bind(bind)
            with Vertical(id="main"):
                yield PerspectiveTabs(story, coverage=self.coverage, id="tabs").data_bind(bind)
                with Horizontal(id="reading"):
                    yield EventsView(story, id="events").data_bind(bind)
                    yield EventDetails(story, id="details").data_bind(bind)
                if self.state.compare:  # else made when first opened (`v`), for a faster start
                    yield CompareView(story, id="compare").data_bind(bind)
        yield Timeline(story, id="timeline").data_bind(bind)
        yield Static(Content("Make the terminal larger to read this story "
                             f"(at least {MIN_WIDTH}x{MIN_HEIGHT})."), id="too-small")
        yield KeyFooter()

    def show_story(self, story: Story) -> None:
        """Show an edited version of the story in place of this one, keeping the place.

        The widgets are composed again from the screen's own message loop (where their bindings
        to the reading state are made), one composition at a time.
        """
        state = follow(self.story, story, self.state)
        self.story, self.search_index = story, SearchIndex(story)
        self.coverage = Coverage(story)
        self._follow_dialogs(story, state)
        self.set_reactive(ReaderScreen.state, state)
        if not self._composing:
            self._composing = True
            self.call_later(self._compose_again)

    def _follow_dialogs(self, story: Story, state: st.ReadingState) -> None:
        """The dialogs open over this screen follow an edit: search searches the edited story,
        the evidence shows the selected event as it now reads, go to time reads a time typed
        with the edited story's date and time zone."""
        from ihostage_tui.screens.evidence import EvidenceScreen
        from ihostage_tui.screens.go_to_time import GoToTimeScreen
        from ihostage_tui.screens.search import SearchScreen

        for dialog in self.app.screen_stack:
            if isinstance(dialog, GoToTimeScreen):
                dialog.story = story
            elif isinstance(dialog, SearchScreen):
                dialog.search_in(self.search_index)
            elif isinstance(dialog, EvidenceScreen):
                dialog.call_later(dialog.show_event, story, st.current_event(story, state))

    async def compose_now(self) -> None:
        """Compose the deferred widgets; returns once every one has mounted (a key then finds
        them). Run it in the screen's own message loop (`call_later`), like any composition."""
        if self.deferred:
            self.deferred = False
            await self.recompose()
            await self._all_mounted()
            self.refresh_bindings()  # the footer shows its keys beneath the note already

    async def _all_mounted(self) -> None:
        """Wait until every widget has mounted (about 2 s at most)."""
        for _ in range(400):
            if all(node.is_mounted for node in self.query("*")):
                return
            await asyncio.sleep(0.005)

    async def _compose_again(self) -> None:
        """Compose the widgets for the current story, again if it changed meanwhile.

        A second composition waits until every widget of the first has mounted: pruning a
        widget still mounting its own children breaks it (the tabs lose their active tab).
        """
        shown = None
        while shown is not self.story:
            shown = self.story
            await self.recompose()
            await self._all_mounted()
        self._composing = False
        self.refresh_bindings()

    def on_mount(self) -> None:
        """Start the playback timer (unless frozen)."""
        if self.tick is not None:
            self.set_interval(self.tick, self.advance_clock)

    def on_resize(self, event: events.Resize) -> None:
        """Ask for a larger terminal below the minimum size."""
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int, *, update: bool = True) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small", update=update)

    def watch_state(self, old: st.ReadingState, new: st.ReadingState) -> None:
        """Refresh which keys apply (only when that changed); remember a new chapter."""
        if self._applicable(old) != self._applicable(new):
            self.refresh_bindings()
        if old.compare != new.compare:
            self.set_class(new.compare, "-compare")
        if old.chapter != new.chapter or old.compare != new.compare:
            self.remember()

    def remember(self) -> None:
        """Save the position (a failure is said once and never stops reading)."""
        if self.store is None:
            return
        problem = self.store.save(self.story, position_of(self.story, self.state, self.focus_mode))
        if problem:
            self.notify(problem, markup=False, severity="warning")
            self.store = None

    def on_unmount(self) -> None:
        """Remember where the reader stopped."""
        self.remember()

    def advance_clock(self) -> str:
        """One playback step: run the story clock by the wall time since the last step.

        Returns the notice shown to the reader ("" when none): a skipped gap, the story's end.
        The story clock holds while a dialog (or the palette) is open over the reader.
        """
        now = self.clock.now()
        elapsed, self._last_now = now - self._last_now, now
        if not self.state.playing or not self.is_active:
            return ""
        self.state, notice = pb.advance(self.story, self.state, elapsed)
        if notice:
            self.notify(notice, markup=False, timeout=4)
        return notice

    def action_toggle_play(self) -> None:
        """Play or pause the story clock."""
        self._last_now = self.clock.now()
        self.state = pb.toggle_playing(self.state)
        if self.state.playing and st.is_last(self.story, self.state):
            self.state = pb.toggle_playing(self.state)
            self.notify("End of the story.", timeout=3, markup=False)

    def action_toggle_focus(self) -> None:
        """Focus mode on or off."""
        self.focus_mode = not self.focus_mode

    def watch_focus_mode(self, focus: bool) -> None:
        """Hide or show the side column and the sources; remember the choice."""
        self.set_class(focus, "-focus")
        self.remember()
