"""What the reader's keys, clicks and palette entries do: each changes the reading state.

`ReaderActions` is the reader screen's base: it holds the reading state (and the last search)
and turns every key into a move of that state; `ReaderScreen` composes the widgets that render
it, plays the clock and remembers the place.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.reactive import reactive
from textual.screen import Screen

from ihostage_tui import playback as pb
from ihostage_tui import state as st
from ihostage_tui.commands import Navigate
from ihostage_tui.compare import toggle_compare
from ihostage_tui.coverage import Coverage, next_told, prev_told
from ihostage_tui.model import Story
from ihostage_tui.safetext import TYPED, shown
from ihostage_tui.search_index import SearchIndex, following
from ihostage_tui.widgets.chapter_list import ChapterList
from ihostage_tui.widgets.clock_panel import order_words
from ihostage_tui.widgets.compare_view import CompareView
from ihostage_tui.widgets.events_view import EventsView
from ihostage_tui.widgets.perspective_tabs import PerspectiveTabs

if TYPE_CHECKING:  # the dialogs are imported when first opened, not before the first frame
    from ihostage_tui.screens.search import Choice

Move = Callable[[Story, st.ReadingState], st.ReadingState]
"""A navigation function: the state after a key, from the story and the state before."""


class ReaderActions(Screen[None]):
    """The reading state and every action on it (the reader screen's keys and clicks)."""

    story: Story
    """The story being read."""
    coverage: Coverage
    """Which sides tell which events (tab counts, `J`/`K`), once per story."""
    search_index: SearchIndex
    """The story's text, ready to search (the search dialog, `n`/`N` and the palette)."""
    keymap: Mapping[str, str]
    """The user's keymap (binding id to keys), which help shows the keys with."""

    state: reactive[st.ReadingState] = reactive(st.ReadingState(datetime.min), init=False,
                                                repaint=False)
    """Where the reader is: chapter, event, perspective, story time, playing, speed."""
    searched: reactive[str] = reactive("", init=False)
    """The words of the last search ("" before any): marked in the events pane, and what `n`
    and `N` look for."""

    def move(self, move: Move) -> None:
        """Apply a navigation function to the state."""
        self.state = move(self.story, self.state)

    def _applicable(self, state: st.ReadingState) -> tuple[bool | int, ...]:
        """What `check_action` depends on; the footer is rebuilt only when this changes."""
        story = self.story
        return (st.has_prev_chapter(story, state), st.has_next_chapter(story, state),
                st.is_first(story, state), st.is_last(story, state), state.speed, state.compare)

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

    async def action_toggle_compare(self) -> None:
        """The sides side by side (the compare view), or back to the tabs; the moment stays.

        The view is made the first time it opens (the reader's first compose leaves it out
        unless it starts open), before any key pressed after this one is handled. It is mounted
        from the screen's own message loop, where its binding to the reading state is made.
        """
        if not self.state.compare and not self.query(CompareView):
            mounted = asyncio.Event()

            async def mount() -> None:
                view = CompareView(self.story, id="compare").data_bind(ReaderActions.state)
                await self.query_one("#main").mount(view)
                mounted.set()

            self.call_later(mount)
            await mounted.wait()
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

    @on(ChapterList.ChapterClicked)
    def _chapter_clicked(self, message: ChapterList.ChapterClicked) -> None:
        self.move(lambda story, state: st.go_chapter(story, state, message.chapter))

    @on(PerspectiveTabs.TabClicked)
    def _tab_clicked(self, message: PerspectiveTabs.TabClicked) -> None:
        self.move(lambda story, state: st.set_perspective(story, state, message.perspective))

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
