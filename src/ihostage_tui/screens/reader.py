"""The reader: chapter list, clock panel, perspective tabs over the events, details, timeline."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import OptionList, Static, Tabs

from ihostage_tui import playback as pb
from ihostage_tui import state as st
from ihostage_tui.clock import Clock
from ihostage_tui.commands import Navigate, ReaderCommands
from ihostage_tui.compare import toggle_compare
from ihostage_tui.coverage import Coverage, next_told, prev_told
from ihostage_tui.livereload import follow
from ihostage_tui.model import Story
from ihostage_tui.resume import ResumeStore, position_of
from ihostage_tui.safetext import TYPED, shown
from ihostage_tui.search_index import SearchIndex, following
from ihostage_tui.widgets.chapter_list import ChapterList
from ihostage_tui.widgets.clock_panel import ClockLine, ClockPanel, order_words
from ihostage_tui.widgets.compare_view import CompareView
from ihostage_tui.widgets.event_details import EventDetails
from ihostage_tui.widgets.events_view import EventsView
from ihostage_tui.widgets.key_footer import KeyFooter
from ihostage_tui.widgets.perspective_tabs import PerspectiveTabs
from ihostage_tui.widgets.timeline import Timeline

if TYPE_CHECKING:  # the dialogs are imported when first opened, not before the first frame
    from ihostage_tui.screens.search import Choice

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

Move = Callable[[Story, st.ReadingState], st.ReadingState]


def _tab_bindings() -> list[BindingType]:
    """`1`..`9`: perspective tab 1 = Overview, 2 = first perspective, ..."""
    return [Binding(str(n), f"perspective({n - 1})", "Tab", show=False, id=f"tab-{n}",
                    tooltip="Open perspective tab 1-9 (1 = Overview)") for n in range(1, 10)]


class ReaderScreen(Screen[None]):
    """The main screen; it holds the reading state and hands it down to every widget."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW, "-medium"), (140, "-wide")]  # noqa: RUF012
    """Classes by width: `-narrow` (compact layout), `-medium`, `-wide` (details beside events)."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-medium-height"), (ROOMY, "-tall")]  # noqa: RUF012
    """Classes by height: `-short` keeps only tabs, clock line, events and footer;
    `-medium-height` keeps the sources pane to two lines, so 80x24 shows 14 rows of events."""
    COMMANDS: ClassVar = {ReaderCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "next_chapter", "Chapter", id="next-chapter",
                tooltip="Next chapter"),
        Binding("left", "prev_chapter", "Chapter", id="prev-chapter", show=False,
                tooltip="Previous chapter"),
        Binding("down,j", "next_event", "Event", id="next-event",
                tooltip="Next event (moves the clock)"),
        Binding("up,k", "prev_event", "Event", id="prev-event", show=False,
                tooltip="Previous event (moves the clock)"),
        Binding("J", "next_told", "Told", id="next-told", show=False,
                tooltip="Next event the open side tells (skips those it does not)"),
        Binding("K", "prev_told", "Told", id="prev-told", show=False,
                tooltip="Previous event the open side tells (skips those it does not)"),
        *_tab_bindings(),
        Binding("right_square_bracket", "cycle_perspective(1)", "Tab", id="next-tab",
                tooltip="Next perspective tab"),
        Binding("left_square_bracket", "cycle_perspective(-1)", "Tab", id="prev-tab",
                show=False, tooltip="Previous perspective tab"),
        Binding("right_square_bracket", "shift_sides(1)", "Sides", id="next-sides",
                tooltip="Compare: the next side's column, when not all sides fit"),
        Binding("left_square_bracket", "shift_sides(-1)", "Sides", id="prev-sides",
                show=False, tooltip="Compare: the previous side's column"),
        Binding("pagedown", "scroll_events(1)", "Scroll", id="page-down", show=False,
                tooltip="Scroll the events down a page (a long event reads to its end)"),
        Binding("pageup", "scroll_events(-1)", "Scroll", id="page-up", show=False,
                tooltip="Scroll the events up a page"),
        Binding("space", "toggle_play", "Play", id="play", tooltip="Play or pause the clock"),
        Binding("plus,equals_sign", "speed(1)", "Faster", id="faster", show=False,
                tooltip="Faster clock (1x, 10x, 60x, 300x, 1800x)"),
        Binding("minus", "speed(-1)", "Slower", id="slower", show=False,
                tooltip="Slower clock"),
        Binding("t", "go_to_time", "Time", id="go-to-time", tooltip="Go to a time"),
        Binding("slash", "search", "Search", id="search", tooltip="Search the events' text"),
        Binding("n", "next_match(1)", "Match", id="next-match", show=False,
                tooltip="Next match of the last search (opens the tab it is in)"),
        Binding("N", "next_match(-1)", "Match", id="prev-match", show=False,
                tooltip="Previous match of the last search"),
        Binding("home", "first_chapter", "First", id="first-chapter", show=False,
                tooltip="First chapter"),
        Binding("end", "last_chapter", "Last", id="last-chapter", show=False,
                tooltip="Last chapter"),
        Binding("o", "toggle_order", "Order", id="toggle-order", show=False,
                tooltip="Time order (all events by time) / chapter order"),
        Binding("e", "evidence", "Evidence", id="evidence", show=False,
                tooltip="Evidence: every source and every disputed version, in full"),
        Binding("v", "toggle_compare", "Compare", id="compare", show=False,
                tooltip="Compare: every side's account of each moment, side by side"),
        Binding("f", "toggle_focus", "Focus", id="focus",
                tooltip="Focus on the events: hide the chapters, the big clock and the sources"),
        Binding("question_mark", "help", "Help", id="help", tooltip="Show every key"),
    ]

    state: reactive[st.ReadingState] = reactive(st.ReadingState(datetime.min), init=False,
                                                repaint=False)
    """Where the reader is: chapter, event, perspective, story time, playing, speed."""
    searched: reactive[str] = reactive("", init=False)
    """The words of the last search ("" before any): marked in the events pane, and what `n`
    and `N` look for."""
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
        self.set_class(focus, "-focus")
        self.set_class(initial.compare, "-compare")

    def compose(self) -> ComposeResult:
        """Title, then side column (clock, chapters) beside the tabs, events and details.

        The one-line clock is shown instead of the side column on a narrow terminal.
        Nothing while `deferred`.
        """
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
                yield PerspectiveTabs(story, self.state.perspective, coverage=self.coverage,
                                      id="tabs").data_bind(bind)
                with Horizontal(id="reading"):
                    yield EventsView(story, id="events").data_bind(bind)
                    yield EventDetails(story, id="details").data_bind(bind)
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
        the evidence shows the selected event as it now reads."""
        from ihostage_tui.screens.evidence import EvidenceScreen
        from ihostage_tui.screens.search import SearchScreen

        for dialog in self.app.screen_stack:
            if isinstance(dialog, SearchScreen):
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
        """Start the playback timer (unless frozen) and check the size."""
        if self.tick is not None:
            self.set_interval(self.tick, self.advance_clock)
        self._fit(self.size.width, self.size.height)

    def on_resize(self, event: events.Resize) -> None:
        """Ask for a larger terminal below the minimum size."""
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    def watch_state(self, old: st.ReadingState, new: st.ReadingState) -> None:
        """Refresh which keys apply (only when that changed); remember a new chapter."""
        if self._applicable(old) != self._applicable(new):
            self.refresh_bindings()
        if old.compare != new.compare:
            self.set_class(new.compare, "-compare")
        if old.chapter != new.chapter or old.compare != new.compare:
            self.remember()

    def _applicable(self, state: st.ReadingState) -> tuple[bool | int, ...]:
        """What `check_action` depends on; the footer is rebuilt only when this changes."""
        story = self.story
        return (st.has_prev_chapter(story, state), st.has_next_chapter(story, state),
                st.is_first(story, state), st.is_last(story, state), state.speed, state.compare)

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

    def move(self, move: Move) -> None:
        """Apply a navigation function to the state."""
        self.state = move(self.story, self.state)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing here: no "next" on the last chapter, no tab 7 of 4..."""
        story, state = self.story, self.state
        if action in ("next_chapter", "last_chapter"):
            return st.has_next_chapter(story, state)
        if action in ("prev_chapter", "first_chapter"):
            return st.has_prev_chapter(story, state)
        if action == "next_event":
            return not st.is_last(story, state)
        if action == "prev_event":
            return not st.is_first(story, state)
        if action == "perspective":
            return int(str(parameters[0])) <= len(story.perspectives)
        if action == "cycle_perspective":
            return bool(story.perspectives) and not state.compare
        if action in ("toggle_compare", "shift_sides"):
            return bool(story.perspectives) and (state.compare or action == "toggle_compare")
        if action == "speed":
            return pb.change_speed(state, int(str(parameters[0]))).speed != state.speed
        return True

    def action_next_chapter(self) -> None:
        """Open the next chapter at its first event."""
        self.move(st.next_chapter)

    def action_prev_chapter(self) -> None:
        """Open the previous chapter at its first event."""
        self.move(st.prev_chapter)

    def action_first_chapter(self) -> None:
        """Open the first chapter."""
        self.move(st.first_chapter)

    def action_last_chapter(self) -> None:
        """Open the last chapter."""
        self.move(st.last_chapter)

    def action_next_event(self) -> None:
        """Select the next event; the clock moves to it."""
        self.move(st.next_event)

    def action_prev_event(self) -> None:
        """Select the previous event; the clock moves to it."""
        self.move(st.prev_event)

    def action_next_told(self) -> None:
        """Select the next event the open side tells (the next event in the Overview)."""
        self.move(lambda story, state: next_told(story, state, self.coverage))

    def action_prev_told(self) -> None:
        """Select the previous event the open side tells (the previous in the Overview)."""
        self.move(lambda story, state: prev_told(story, state, self.coverage))

    def action_toggle_order(self) -> None:
        """Switch between time order and chapter order, keeping the selected event."""
        self.state = st.toggle_order(self.state)
        self.notify(f"Reading in {order_words(self.state)}.", timeout=2, markup=False)

    def action_perspective(self, index: int) -> None:
        """Open a perspective tab, keeping the moment."""
        self.move(lambda story, state: st.set_perspective(story, state, index))

    def action_cycle_perspective(self, step: int) -> None:
        """Open the next or previous perspective tab."""
        self.move(lambda story, state: st.cycle_perspective(story, state, step))

    def action_toggle_compare(self) -> None:
        """The sides side by side (the compare view), or back to the tabs; the moment stays."""
        self.state = toggle_compare(self.state)

    def action_shift_sides(self, step: int) -> None:
        """In the compare view, move the window of columns by a side."""
        self.query_one(CompareView).shift(step)

    def action_scroll_events(self, pages: int) -> None:
        """Scroll the events pane by a page, without moving the selection or the clock."""
        view = self.query_one("#compare-rows" if self.state.compare else "#events", EventsView)
        if pages > 0:
            view.scroll_page_down(animate=False)
        else:
            view.scroll_page_up(animate=False)

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

    def action_speed(self, step: int) -> None:
        """Faster or slower playback."""
        self.state = pb.change_speed(self.state, step)

    def action_go_to_time(self) -> None:
        """Ask for a time and jump to the event at or before it."""
        from ihostage_tui.screens.go_to_time import GoToTimeScreen

        def jump(moment: datetime | None) -> None:
            if moment is not None:
                self.move(lambda story, state: st.go_to_time(story, state, moment))
        self.app.push_screen(GoToTimeScreen(self.story), jump)

    def action_search(self) -> None:
        """Search the events' text; the chosen result is selected in the tab that shows it."""
        from ihostage_tui.screens.search import SearchScreen

        def jump(choice: Choice | None) -> None:
            if choice is not None:
                self.searched = choice.query
                self.show_match(choice.chapter, choice.event, choice.tab)
        self.app.push_screen(SearchScreen(self.search_index), jump)

    def show_match(self, chapter: int, event: int, tab: int | None) -> None:
        """Select a matching event, in the tab showing the match (None: the open tab)."""
        def move(story: Story, state: st.ReadingState) -> st.ReadingState:
            state = st.select(story, state, chapter, event)
            return state if tab is None else st.set_perspective(story, state, tab)
        self.move(move)

    def watch_searched(self, query: str) -> None:
        """Mark the words searched for in the events pane."""
        for view in self.query(EventsView):
            view.highlight = query.lower()

    def action_next_match(self, step: int) -> None:
        """Go to the next (1) or previous (-1) event matching the last search."""
        from ihostage_tui.screens.search import match_tab

        if not self.searched:
            self.notify("Search first (/); then n and N go from match to match.", timeout=3)
            return
        matches = self.search_index.matches(self.searched, sys.maxsize)
        rank = st.order_rank(self.story, self.state)
        found = following(matches, rank(self.state.chapter, self.state.event), step, rank)
        if found is None:
            self.notify(f"No event mentions {shown(self.searched, TYPED)}.", markup=False)
            return
        self.show_match(found.chapter, found.event, match_tab(self.story, found))

    def action_evidence(self) -> None:
        """Show the selected event's sources and disputes in full; escape comes back here."""
        from ihostage_tui.screens.evidence import EvidenceScreen

        event = st.current_event(self.story, self.state)
        self.app.push_screen(EvidenceScreen(self.story, event))

    def action_help(self) -> None:
        """Show every key, generated from the bindings."""
        from ihostage_tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen([*self.app.BINDINGS, *self.BINDINGS], self.keymap))

    @on(OptionList.OptionSelected, "#chapters")
    def _chapter_clicked(self, message: OptionList.OptionSelected) -> None:
        self.move(lambda story, state: st.go_chapter(story, state, message.option_index))

    @on(Tabs.TabActivated, "#tabs")
    def _tab_clicked(self, message: Tabs.TabActivated) -> None:
        tabs = self.query_one(PerspectiveTabs)
        index = tabs.ids.index(message.tab.id or "overview")
        self.move(lambda story, state: st.set_perspective(story, state, index))

    @on(EventsView.EventClicked)
    def _event_clicked(self, message: EventsView.EventClicked) -> None:
        self.move(lambda story, state: st.select_shown(story, state, message.event))

    @on(Navigate)
    def _navigate(self, message: Navigate) -> None:
        state = self.state
        if message.chapter is not None:
            state = st.select(self.story, state, message.chapter, message.event or 0)
        if message.perspective is not None:
            state = st.set_perspective(self.story, state, message.perspective)
        self.state = state
