"""The reader's widgets, one module per widget."""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual import events
from textual.reactive import reactive
from textual.widget import Widget

from ihostage_tui import state as st
from ihostage_tui.model import Story

PERSPECTIVE_COLOURS = ("$primary", "$warning", "$success", "$error", "$secondary", "$accent")
"""The theme colour of each perspective, by position: its tab's number, its ticks on the
timeline and its column's heading in the compare view all take it from here."""
COLOURS = len(PERSPECTIVE_COLOURS)
"""Perspective colours before they repeat."""


def perspective_colour(perspective: int) -> str:
    """The colour of the perspective at `story.perspectives[perspective]`."""
    return PERSPECTIVE_COLOURS[perspective % COLOURS]


class FollowsReading:
    """Mixed into each widget that shows the reading state: the state, which the reader screen
    binds to it (`data_bind`, attributes down), and the story the state is a place in.

    Name it after the Textual class (`class ClockLine(Static, FollowsReading)`), so the widget
    keeps that class's CSS type and constructor; the widget's constructor sets `story`.
    """

    state: reactive[st.ReadingState | None] = reactive(None, repaint=False)
    """The reading state, bound from the reader screen (None until it is bound)."""
    story: Story
    """The story being read."""


def foreground(style: Style) -> Style:
    """A component's style without its background, to lay over a line's own background."""
    return Style(color=style.color, bold=style.bold, italic=style.italic, dim=style.dim,
                 underline=style.underline, reverse=style.reverse)


class StyleCache:
    """Foreground styles of a widget's component classes, looked up once per theme or CSS change."""

    def __init__(self, lookup: Callable[[str], Style]) -> None:
        self._lookup = lookup
        self._styles: dict[str, Style] = {}

    def __getitem__(self, name: str) -> Style:
        """The foreground style of a component class."""
        if name not in self._styles:
            self._styles[name] = foreground(self._lookup(name))
        return self._styles[name]

    def clear(self) -> None:
        """Forget every style (call from `notify_style_update`)."""
        self._styles.clear()


class LitUnderPointer(Widget):
    """A widget drawn with its own lines whose parts light up under the pointer, as Textual's
    option lists, tabs and footer keys do: `hovered` is the part `part_at` finds under the
    pointer (None for none), and the widget is redrawn when it changes. Name it after any
    Textual class the widget is (`class ChapterList(ScrollView, LitUnderPointer)`): Textual
    takes a widget's CSS types from its first base, and ScrollView's styles make it scroll."""

    hovered: object = None
    """The part under the pointer (a chapter's index, a tab's, a footer key), or None."""

    def part_at(self, x: int, y: int) -> object:
        """The part drawn at this offset in the widget, or None."""
        raise NotImplementedError

    def hovered_changed(self) -> None:
        """Called when `hovered` changed, after the redraw is asked for."""

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.part_at(event.x, event.y))

    def on_leave(self) -> None:
        self._hover(None)

    def _hover(self, part: object) -> None:
        if part != self.hovered:
            self.hovered = part
            self.refresh()
            self.hovered_changed()
