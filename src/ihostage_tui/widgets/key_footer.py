"""The footer: the keys that fit the width, the most useful first; Help and Quit at every size.

Textual's footer shows every key in a row and lets the last ones fall off the edge, cut mid-word.
This one ranks them, keeps whole labels only, and gives way from the least useful key up.

It is one widget that draws its line from the screen's active bindings, styled as Textual's
footer keys are (the same theme colours). Textual's footer is a container of one widget per
key, composed only after the screen's first frame: the reader's first frame had no footer, and
mounting and styling its keys took longer than drawing the rest of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.screen import Screen
from textual.strip import Strip

from ihostage_tui.widgets import LitUnderPointer


def fitting(widths: list[int], ranks: list[int], room: int) -> list[bool]:
    """Which items to keep: the best ranked first (lowest rank), as long as they fit in `room`.

    An item that does not fit is skipped and a lesser one may still take the space left.
    """
    keep = [False] * len(widths)
    for index in sorted(range(len(widths)), key=lambda i: (ranks[i], i)):
        if widths[index] <= room:
            keep[index], room = True, room - widths[index]
    return keep


@dataclass(frozen=True)
class Key:
    """One key as the footer shows it."""

    key: str
    """The key pressed when the label is clicked (the binding's first key)."""
    shown: str
    """The key as displayed (`app.get_key_display`)."""
    description: str
    action: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        """Cells taken: ` key ` and `description `."""
        return cell_len(self.shown) + 2 + (cell_len(self.description) + 1
                                           if self.description else 0)

    @property
    def palette_width(self) -> int:
        """Cells taken as the palette's key: `▏key description `."""
        return 1 + cell_len(self.shown) + 1 + cell_len(self.description) + 1


class KeyFooter(LitUnderPointer, can_focus=False):
    """A footer that shows, of the keys on offer, those that fit: by rank, whole labels only;
    the command palette's key at the right edge. A click on a key presses it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "footer-key--key", "footer-key--description", "footer-key--hover",
        "footer-key--border",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        & > .footer-key--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .footer-key--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .footer-key--hover { background: $block-hover-background; }
        & > .footer-key--border { color: $foreground 20%; }
    }
    """

    RANKS: ClassVar[tuple[str, ...]] = (
        "help", "quit", "next_event", "toggle_play", "next_chapter", "cycle_perspective",
        "search", "go_to_time", "toggle_focus",
    )
    """Actions in the order they keep their place; any other action comes after these."""

    def __init__(self) -> None:
        super().__init__()
        self._offered: tuple[tuple[Key, ...], Key | None] = ((), None)
        self._spans: list[tuple[int, int, Key]] = []

    def on_mount(self) -> None:
        """Follow the keys the screen offers."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Redraw when the keys on offer changed (not each time the bindings are refreshed)."""
        if screen is self.screen and self._keys(screen) != self._offered:
            self.refresh()

    def _keys(self, screen: Screen[object]) -> tuple[tuple[Key, ...], Key | None]:
        """The keys on offer in the screen's order, one per action; and the palette's key."""
        keys: dict[str, Key] = {}
        palette: Key | None = None
        for name, (_node, binding, enabled, tooltip) in screen.active_bindings.items():
            key = Key(binding.key, self.app.get_key_display(binding), binding.description,
                      binding.action, enabled, tooltip or binding.tooltip)
            if name == self.app.COMMAND_PALETTE_BINDING:
                palette = key if self.app.ENABLE_COMMAND_PALETTE else None
            elif binding.show:
                keys.setdefault(binding.action, key)
        return tuple(keys.values()), palette

    def _rank(self, key: Key) -> int:
        action = key.action.split("(")[0].removeprefix("app.")
        return self.RANKS.index(action) if action in self.RANKS else len(self.RANKS)

    def _layout(self, width: int) -> list[tuple[int, int, Key]]:
        """Where each shown key goes: (first cell, cells, key); the palette's at the right."""
        self._offered = keys, palette = self._keys(self.screen)
        widths = [key.width for key in keys]
        ranks = [self._rank(key) for key in keys]
        if palette is not None:  # the palette's key gives way before every other
            widths.append(palette.palette_width)
            ranks.append(len(self.RANKS) + 1)
        kept = fitting(widths, ranks, width)
        spans, x = [], 0
        for key, cells, keep in zip(keys, widths, kept, strict=False):
            if keep:
                spans.append((x, cells, key))
                x += cells
        if palette is not None and kept[-1]:
            spans.append((width - widths[-1], widths[-1], palette))
        return spans

    def render_line(self, y: int) -> Strip:
        """The keys that fit, each ` key description `; the palette's after a thin rule."""
        width = self.size.width
        base = self.rich_style
        self._spans = spans = self._layout(width)
        segments: list[Segment] = []
        x = 0
        for start, cells, key in spans:
            if start > x:
                segments.append(Segment(" " * (start - x), base))
            segments.extend(self._draw(key, base, palette=key is self._offered[1]))
            x = start + cells
        return Strip(segments).extend_cell_length(width, base).crop(0, width)

    def _draw(self, key: Key, base: Style, *, palette: bool) -> list[Segment]:
        """` key description `; the palette's key compact, `▏key description `, as Textual
        draws it."""
        lit = Style(bgcolor=self.get_component_rich_style("footer-key--hover").bgcolor) \
            if key == self.hovered else Style()  # last: the parts resolve to opaque backgrounds
        dim = Style(dim=not key.enabled)
        back = base + lit
        key_style = base + self.get_component_rich_style("footer-key--key") + dim + lit
        described = base + self.get_component_rich_style("footer-key--description") + dim + lit
        if palette:
            border = base + self.get_component_rich_style("footer-key--border")
            return [Segment("▏", border), Segment(key.shown, key_style),
                    Segment(f" {key.description}", described), Segment(" ", back + dim)]
        segments = [Segment(f" {key.shown} ", key_style)]
        if key.description:
            segments.append(Segment(f"{key.description} ", described))
        return segments

    def part_at(self, x: int, y: int) -> Key | None:
        """The key drawn at column `x`, if any."""
        return next((key for start, cells, key in self._spans if start <= x < start + cells),
                    None)

    def hovered_changed(self) -> None:
        """Offer the tooltip of the key under the pointer."""
        key = self.hovered
        self.tooltip = key.tooltip if isinstance(key, Key) and key.tooltip else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the clicked key (a bell for one that does not apply now)."""
        key = self.part_at(event.x, event.y)
        if key is None:
            return
        if key.enabled:
            self.app.simulate_key(key.key)
        else:
            self.app.bell()
