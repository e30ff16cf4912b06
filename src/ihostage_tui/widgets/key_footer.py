"""The footer: the keys that fit the width, the most useful first; Help and Quit at every size.

Textual's footer shows every key in a row and lets the last ones fall off the edge, cut mid-word.
This one ranks them, keeps whole labels only, and gives way from the least useful key up.
The keys are Textual's own (its footer's key widgets, read by their public attributes
`action`, `key_display` and `description`), so they look and click as before.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


def fitting(widths: list[int], ranks: list[int], room: int) -> list[bool]:
    """Which items to keep: the best ranked first (lowest rank), as long as they fit in `room`.

    An item that does not fit is skipped and a lesser one may still take the space left.
    """
    keep = [False] * len(widths)
    for index in sorted(range(len(widths)), key=lambda i: (ranks[i], i)):
        if widths[index] <= room:
            keep[index], room = True, room - widths[index]
    return keep


class KeyFooter(Footer):
    """A footer that shows, of the keys on offer, those that fit: by rank, whole labels only."""

    RANKS: ClassVar[tuple[str, ...]] = (
        "help", "quit", "next_event", "toggle_play", "next_chapter", "cycle_perspective",
        "search", "go_to_time", "toggle_focus",
    )
    """Actions in the order they keep their place; any other action comes after these, the
    command palette last."""

    def __init__(self) -> None:
        super().__init__()
        self._width = 0
        self._offered: tuple[tuple[str, str, str, bool], ...] | None = None

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Rebuild the keys only when those on offer changed. Textual's footer rebuilds them
        whenever the screen's bindings are refreshed, as when a dialog over the screen closes
        (the content note over the reader): a restyle of every key for the same keys."""
        offered = tuple((binding.action, binding.key, binding.description, enabled)
                        for _node, binding, enabled, _tip in screen.active_bindings.values()
                        if binding.show)
        if offered != self._offered or not self.children:
            self._offered = offered
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        """Textual's keys, less those that do not fit."""
        keys = list(super().compose())
        width = self.size.width or self.app.size.width
        self._width = width
        ranks = [self._rank(key) for key in keys]
        yield from (key for key, kept
                    in zip(keys, fitting([_width(key) for key in keys], ranks, width), strict=True)
                    if kept)

    def _rank(self, key: Widget) -> int:
        if key.has_class("-command-palette"):
            return len(self.RANKS) + 1
        action = str(getattr(key, "action", "")).split("(")[0].removeprefix("app.")
        return self.RANKS.index(action) if action in self.RANKS else len(self.RANKS)

    def on_resize(self, event: events.Resize) -> None:
        """Choose the keys again for a new width."""
        if event.size.width != self._width:
            self.call_after_refresh(self.recompose)


def _width(key: Widget) -> int:
    """Cells a footer key takes: ` key ` and `description ` (the palette key adds its border)."""
    shown, description = str(getattr(key, "key_display", "")), str(getattr(key, "description", ""))
    text = cell_len(shown) + 2 + (cell_len(description) + 1 if description else 0)
    return text + 2 if key.has_class("-command-palette") else text
