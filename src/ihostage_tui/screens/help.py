"""Help: every key, generated from the bindings so it cannot drift, and what time marks mean."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.timefmt import TIME_LEGEND


def help_rows(app: App[Any], bindings: Iterable[BindingType],
              keymap: Mapping[str, str]) -> list[tuple[str, str]]:
    """(keys, what they do) per action, with the user's keymap applied as Textual applies it.

    Keys with the same explanation share a row; rows keep the order the bindings are declared
    in, so a rebound key stays in its place.
    """
    declared = BindingsMap(bindings)
    order = {_explained(binding): index for index, binding in
             enumerate(b for items in declared.key_to_bindings.values() for b in items)}
    if keymap:
        declared.apply_keymap(keymap)
    rows: dict[str, list[str]] = {}
    for key, items in declared.key_to_bindings.items():
        for binding in items:
            rows.setdefault(_explained(binding), []).append(
                app.get_key_display(replace(binding, key=key)))
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette")
    ranked = sorted(rows.items(), key=lambda row: order.get(row[0], len(order)))
    ranked.append(("Command palette: chapters, perspectives, events",
                   [app.get_key_display(palette)]))
    return [(" ".join(keys), text) for text, keys in ranked]


def _explained(binding: Binding) -> str:
    return binding.tooltip or binding.description


LEGENDS = (
    ("The clock panel", (
        ("T+01:30", "time since the first event on the story's day (T- before it; y: years)"),
        ("~ approx.", "the selected event's time is approximate; ? no time: placed by order"),
        ("time order", "j/k and playback walk every event by time (o: chapter order)"),
    )),
    ("The timeline strip", (
        ("┆3", "where chapter 3 begins"),
        ("2 3 4", "an event, drawn as the tab number of a side that tells it, in its colour"),
        ("┃", "an event no side's view tells (the Overview's account only)"),
        ("╎", "an event the sources give no time for"),
        ("▲ 19:00", "the story clock"),
    )),
    ("Coverage", (
        ("[2 4]", "after an Overview event: the tabs of the sides that tell it"),
        ("(31)", "after a tab's name: how many events that side tells"),
        ("no account", "that side does not tell this event (J/K skip to the next it does)"),
    )),
    ("Side by side (v)", (
        ("▌ ┃", "the selected moment, marked across every side's column"),
        ("sides 2-3 of 4", "the sides shown, when not all fit: ] and [ show the others"),
    )),
)
"""What the clock panel's and the timeline's marks mean, as (heading, (mark, meaning)...)."""


class HelpScreen(Dialog[None]):
    """A list of every key; any of escape, ? or q closes it."""

    BOX_TITLE = "Keys"
    BOX_SUBTITLE = "escape closes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,q", "close", "Close", id="close-help",
                tooltip="Close the list of keys"),
    ]

    DEFAULT_CSS = """
    HelpScreen {
        & > #dialog { width: 72; padding: 0; }
        #help-rows { height: auto; max-height: 100%; padding: 0 1; }
        .help-row { height: auto; }
        .help-keys { text-style: bold; color: $text-accent; max-width: 40%; padding-right: 1; }
        .help-text { width: 1fr; }
        .help-heading { text-style: bold; margin-top: 1; }
    }
    """

    def __init__(self, bindings: Iterable[BindingType], keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.bindings = list(bindings)
        """The bindings to explain (the app's and the reader's), as declared."""
        self.keymap = keymap
        """The user's keymap (binding id to keys), applied to them."""

    def compose_body(self) -> ComposeResult:
        """One row per action: keys, then what they do (wrapped under itself when narrow)."""
        rows = help_rows(self.app, self.bindings, self.keymap)
        width = max(len(keys) for keys, _ in rows) + 1
        with VerticalScroll(id="help-rows"):
            for keys, text in rows:
                yield from self._row(keys, text, width)
            yield Static(Content("Marks before a time"), classes="help-heading")
            for example, meaning in TIME_LEGEND:
                yield from self._row(example, meaning, width)
            for heading, legend in LEGENDS:
                yield Static(Content(heading), classes="help-heading")
                for example, meaning in legend:
                    yield from self._row(example, meaning, width)

    def _row(self, keys: str, text: str, width: int) -> ComposeResult:
        """One row: keys (or a mark) in a column of `width`, then what they mean."""
        with Horizontal(classes="help-row"):
            keys_label = Static(Content(keys), classes="help-keys")
            keys_label.styles.width = width
            yield keys_label
            yield Static(Content(text), classes="help-text")
