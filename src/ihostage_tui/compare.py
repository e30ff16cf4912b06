"""The compare view's columns and rows: every side's account of each moment, side by side.

Plain Python (`rich.cells` only, for cell widths). In the compare view (`v`) each row is a moment
of the reading stream (the open chapter's events in chapter order, the story's time-order stream
in time order) and each column one side (a perspective): that side's account of the moment or,
dimmed, "no account from this side", so the reader sees what each side knew at the same moment.
The rows are a `rows.Layout` made by `rows.build_layout`, so a stream of 100,000 events is laid
out a window of events at a time around the selection, as in the events pane. How many sides
fit is a matter of width alone: each column needs `MIN_COLUMN` cells of text; the others are
reached by moving the window of columns (`]`/`[`). Whether the view is on is part of the
reading state (`ReadingState.compare`), so it is remembered with the place.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import partial

from rich.cells import cell_len

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Event, Perspective, Story
from ihostage_tui.rows import (
    NO_ACCOUNT,
    ChapterFacts,
    Layout,
    Line,
    Piece,
    build_layout,
    title_lines,
    wrap,
)

MIN_COLUMN = 28
"""Cells of text one side's column needs; with less room than one column the view says so."""
RULE = " │ "
"""Drawn between two columns."""
SELECTED_RULE = " ┃ "
"""Drawn between two columns on the selected moment's rows: marked without colour too."""


def toggle_compare(state: st.ReadingState) -> st.ReadingState:
    """The compare view on or off; the moment, the tab and the order stay."""
    return replace(state, compare=not state.compare)


def fitting(width: int, sides: int) -> int:
    """How many of `sides` columns fit side by side in `width` cells (0: not even one)."""
    return max(0, min(sides, (width + len(RULE)) // (MIN_COLUMN + len(RULE))))


def column_width(width: int, columns: int) -> int:
    """The cells of text each of `columns` columns gets in `width` cells."""
    return (width - len(RULE) * (columns - 1)) // max(columns, 1)


def side_window(first: int, shown: int, sides: int) -> tuple[int, int]:
    """The columns shown, as (first side, how many): `shown` sides from `first`, moved back as
    far as needed to stay within the story's `sides`."""
    shown = max(0, min(shown, sides))
    return min(max(first, 0), sides - shown), shown


def caption(first: int, shown: int, sides: int, keys: str = "] [") -> str:
    """What the column headings say about the sides shown: "sides 2-3 of 4 — ] [ for more"."""
    if shown >= sides:
        return f"Side by side: all {sides} sides" if sides != 1 else "Side by side: 1 side"
    span = f"side {first + 1}" if shown == 1 else f"sides {first + 1}-{first + shown}"
    return f"{span} of {sides} — {keys} for more"


RULE_KIND = "compare--rule"
"""The component class of the rule between columns."""


def moment_lines(sides: Sequence[Perspective], width: int, index: int, event: Event, time: str,
                 label: str) -> list[Line]:
    """The rows of one moment: its time and title across the width, then each side's account
    in its own column (or that side's silence, in words), then a blank row."""
    column = column_width(width, len(sides))
    cells: list[tuple[list[str], str]] = []
    for side in sides:
        told = event.view(side.id)
        cells.append((wrap(told, column), "events--body") if told is not None
                     else (wrap(NO_ACCOUNT, column), "events--quiet"))
    rows = title_lines(index, event, time, width, label)
    for row in range(max((len(lines) for lines, _ in cells), default=0)):
        pieces: list[Piece] = []
        for number, (lines, kind) in enumerate(cells):
            text = lines[row] if row < len(lines) else ""
            if number:
                pieces.append((RULE, RULE_KIND))
            last = number == len(cells) - 1
            pieces.append((text if last else text + " " * (column - cell_len(text)), kind))
        rows.append(Line(index, tuple(pieces)))
    return [*rows, Line(index, ())]


def build_rows(story: Story, chapter: Chapter, sides: Sequence[Perspective], width: int, *,
               facts: ChapterFacts | None = None, around: int = 0,
               labels: Mapping[str, str] | None = None) -> Layout:
    """The compare view's rows for a chapter (or the time-order stream): every moment, or for a
    large stream the window `around` one, with a column for each of `sides` in `width` cells."""
    return build_layout(story, chapter, None, width, facts=facts, around=around, labels=labels,
                        rows=partial(moment_lines, tuple(sides), width))
