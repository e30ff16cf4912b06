"""The reader's keys: one binding per job, each with an id (for a user keymap) and a tooltip."""

from __future__ import annotations

from textual.binding import Binding, BindingType


def tab_bindings() -> list[BindingType]:
    """`1`..`9`: perspective tab 1 = Overview, 2 = first perspective, ..."""
    return [Binding(str(n), f"perspective({n - 1})", "Tab", show=False, id=f"tab-{n}",
                    tooltip="Open perspective tab 1-9 (1 = Overview)") for n in range(1, 10)]


READER_BINDINGS: list[BindingType] = [
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
    *tab_bindings(),
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
"""The reader's keys, in the order help lists them; the footer shows those with `show`."""
