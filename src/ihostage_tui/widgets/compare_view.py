"""The compare view (`v`): a column per side, a row per moment, the selected moment marked.

Two heading lines (which sides are shown, then each column's side) over the rows, which are the
events pane's own scrolling, windowed rows laid out by `compare_rows`: with 100,000 events only a
window of them is ever laid out, and only the rows on screen are drawn. The view renders the
reading state it is bound to; the one thing of its own is which side its first column shows.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ihostage_tui import compare
from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.rows import ChapterFacts, Layout
from ihostage_tui.widgets import FollowsReading, perspective_colour
from ihostage_tui.widgets.events_view import EventsView

GUTTER = 2
"""Cells before the first column: the selection mark, as in the events pane."""
SCROLLBAR = 1
"""Cells the rows' scrollbar keeps on the right."""
MARGIN = 1
"""Cells kept blank between the last column and the scrollbar."""


class CompareRows(EventsView):
    """The moments, each with every shown side's account in its column; the selected one marked
    by `▌` at the left and a heavy rule between its columns, as well as by its background."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {*EventsView.COMPONENT_CLASSES, compare.RULE_KIND}
    SELECTED_GLYPHS: ClassVar[Mapping[str, str]] = {compare.RULE_KIND: compare.SELECTED_RULE}
    CENTRE_SELECTED: ClassVar[bool] = True

    DEFAULT_CSS = """
    CompareRows > .compare--rule { color: $text-muted; }
    """

    sides: reactive[tuple[int, int]] = reactive((0, 0), init=False, repaint=False)
    """The sides shown: (index of the first in `story.perspectives`, how many)."""

    def shows(self, state: st.ReadingState) -> bool:
        """True in the compare view."""
        return state.compare

    def view_key(self, state: st.ReadingState) -> Hashable:
        """The rows depend on the sides shown, not on the open tab."""
        return self.sides

    def build(self, state: st.ReadingState, chapter: Chapter, width: int, facts: ChapterFacts,
              around: int, labels: Mapping[str, str] | None) -> Layout:
        """A row of columns per moment, for the sides shown."""
        first, count = self.sides
        sides = self.story.perspectives[first:first + count]
        return compare.build_rows(self.story, chapter, sides, width - MARGIN, facts=facts,
                                  around=around, labels=labels)

    def watch_sides(self) -> None:
        """Lay the rows out again for other sides."""
        self._relayout(None)


class CompareView(Vertical, FollowsReading):
    """The sides side by side, as many as fit; `shift` moves the window of columns."""

    DEFAULT_CSS = """
    CompareView {
        height: 1fr;
        background: $surface;
        #compare-caption { height: 1; padding: 0 0 0 2; color: $text-muted; }
        #compare-heads { height: 1; }
        #compare-rows { height: 1fr; }
        &.-too-narrow {
            #compare-heads, #compare-rows { display: none; }
            #compare-caption { height: auto; padding: 1 1; color: $text; text-style: bold; }
        }
    }
    """

    first_side: reactive[int] = reactive(0, init=False)
    """Index of the side the first column shows, as the reader last moved it (`]`/`[`)."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story

    def compose(self) -> ComposeResult:
        """The caption, the column headings, then the rows."""
        yield Static(id="compare-caption")
        yield Static(id="compare-heads")
        yield CompareRows(self.story, id="compare-rows").data_bind(CompareView.state)

    def shown(self) -> tuple[int, int]:
        """The sides shown at the current width: (first, how many); how many is 0 when not
        even one column fits."""
        width = self.size.width - GUTTER - SCROLLBAR - MARGIN
        count = compare.fitting(width, len(self.story.perspectives))
        return compare.side_window(self.first_side, count, len(self.story.perspectives))

    def shift(self, step: int) -> None:
        """Show the next (`step=1`) or previous (`step=-1`) side as well, where not all fit."""
        first, count = self.shown()
        self.first_side = compare.side_window(first + step, count, len(self.story.perspectives))[0]

    def watch_state(self, old: st.ReadingState | None, new: st.ReadingState | None) -> None:
        """Opening the view (or another tab in it) brings the open tab's side into view, and
        its heading is underlined."""
        if new is None or (old is not None and (old.compare, old.perspective)
                           == (new.compare, new.perspective)):
            return
        if new.compare and new.perspective:
            first, count = self.shown()
            if not first <= new.perspective - 1 < first + count:
                self.first_side = new.perspective - 1
        self._arrange()

    def on_resize(self, event: events.Resize) -> None:
        """Fit the columns to the new width."""
        self._arrange()

    def watch_first_side(self) -> None:
        """Show the sides from the new first one."""
        self._arrange()

    def _arrange(self) -> None:
        """Choose the sides that fit; head the columns with them, or say how wide to be."""
        if not self.size.width:
            return
        first, count = self.shown()
        self.set_class(count == 0, "-too-narrow")
        caption = self.query_one("#compare-caption", Static)
        if count == 0:
            caption.update(Content(self._too_narrow() if self.story.perspectives
                                   else "This story has no sides to set side by side."))
            return
        sides = len(self.story.perspectives)
        keys = f"{self._keys('next-sides', ']')} {self._keys('prev-sides', '[')}"
        caption.update(Content(compare.caption(first, count, sides, keys)))
        self.query_one("#compare-heads", Static).update(self._headings(first, count))
        self.query_one(CompareRows).sides = (first, count)

    def _too_narrow(self) -> str:
        """The message shown instead of the columns: how wide the terminal must be."""
        missing = GUTTER + compare.MIN_COLUMN + SCROLLBAR + MARGIN - self.size.width
        return (f"Too narrow to set the sides side by side: make the terminal at least "
                f"{self.app.size.width + missing} columns wide, "
                f"or press {self._keys('compare', 'v')} to leave.")

    def _keys(self, binding_id: str, default: str) -> str:
        """The key(s) bound to a binding id, as the footer shows them (with the reader's
        keymap applied); `default` while they are not on offer."""
        shown = [self.app.get_key_display(active.binding)
                 for active in self.screen.active_bindings.values()
                 if active.binding.id == binding_id]
        return "/".join(shown) or default

    def _headings(self, first: int, count: int) -> Content:
        """Each shown side's tab number and name, over its column, in the tab's colour."""
        width = self.size.width - GUTTER - SCROLLBAR - MARGIN
        column = compare.column_width(width, count)
        pieces: list[tuple[str, str] | str] = [" " * GUTTER]
        open_side = self.state.perspective - 1 if self.state is not None else -1
        for number in range(first, first + count):
            side = self.story.perspectives[number]
            tab = f"{st.tab_number(number)} "
            name = side.name if cell_len(tab + side.name) <= column else side.short
            if number > first:
                pieces.append((compare.RULE, "dim"))
            colour = perspective_colour(number)
            name = set_cell_size(name, max(column - len(tab), 0)).rstrip()
            pieces += [(tab, f"bold {colour}"),
                       (name, "bold underline" if number == open_side else "bold"),
                       " " * (column - len(tab) - cell_len(name))]
        return Content.assemble(*pieces).truncate(width + GUTTER)
