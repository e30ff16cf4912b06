"""Rows of the events pane: story text wrapped into lines, for all of a chapter or a window of it.

Plain Python, no Textual: what the events pane draws, computed without a screen. Widths are
measured with `rich.cells`, the function Textual itself measures text with, so a row fits the
pane exactly as it is drawn (wide CJK, emoji, combining marks).
A chapter of up to `LARGE` events is laid out whole. A larger one is laid out as a window of
`WINDOW` events around the selected event, so opening, switching and moving cost the same for a
chapter of 300 events or of 30,000: work follows what can be seen, not what exists.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from rich.cells import cell_len, chop_cells

from ihostage_tui.model import Chapter, Event, Precision, Story
from ihostage_tui.state import tab_number
from ihostage_tui.timefmt import format_day, format_event_time, time_mark

LARGE = 300
"""Chapters with more events than this are laid out as a window around the selected event."""
WINDOW = 60
"""Events in one window of a large chapter."""
MARGIN = 15
"""A window is moved once the selection comes this close to an edge that is not the chapter's."""

Piece = tuple[str, str]
"""A run of text and the component class that styles it."""

_WIDEST = {  # widest text of each time form (two-digit days), without its mark ("~" or "?")
    (Precision.SECOND, True): 8, (Precision.MINUTE, True): 5,
    (Precision.SECOND, False): 20, (Precision.MINUTE, False): 17,
    (Precision.DAY, False): 15, (Precision.MONTH, False): 8, (Precision.YEAR, False): 4,
}


@dataclass(frozen=True, slots=True)
class Line:
    """One wrapped row: the event it belongs to (-1 for headings and notes) and its pieces."""

    event: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """Events `first` to `last` (exclusive) of a chapter, wrapped for one perspective and width."""

    lines: tuple[Line, ...]
    """Every row, top to bottom."""
    spans: tuple[tuple[int, int], ...]
    """For each event of the window, its first row and number of rows."""
    first: int = 0
    """Index of the first event laid out."""
    last: int = 0
    """Index after the last event laid out."""
    total: int = 0
    """Events in the chapter."""

    def span(self, event: int) -> tuple[int, int] | None:
        """First row and row count of an event, or None when it is outside the window."""
        if self.first <= event < self.last:
            return self.spans[event - self.first]
        return None

    def covers(self, event: int) -> bool:
        """True when the event is laid out with room to move before the window must follow."""
        low = 0 if self.first == 0 else self.first + MARGIN
        high = self.total if self.last == self.total else self.last - MARGIN
        return low <= event < high


@dataclass(frozen=True, slots=True)
class ChapterFacts:
    """What the layout needs to know about a whole chapter, computed once per chapter."""

    day: date | None
    """The one calendar day every event falls on (with clock times), or None."""
    column: int
    """Width of the time column: exact for a small chapter, the widest possible for a large one."""


def chapter_facts(story: Story, chapter: Chapter) -> ChapterFacts:
    """The chapter's single day (if any) and its time column width: one cheap pass.

    For more than `LARGE` events in time order (`Story.time_order`), no pass at all: no single
    day, and the widest time column any event could need.
    """
    events = chapter.events
    if len(events) > LARGE and events is story.time_order.events:
        return ChapterFacts(None, max(_WIDEST.values()) + 1)
    days = {event.at.date() for event in events}
    day = days.pop() if len(days) == 1 and all(
        event.precision.has_clock_time for event in events) else None
    shown_day = day or story.date
    if len(events) <= LARGE:
        return ChapterFacts(day, max(len(format_event_time(e, shown_day)) for e in events))
    forms = {(e.precision, len(time_mark(e)), e.precision.has_clock_time
              and e.at.date() == shown_day) for e in events}
    return ChapterFacts(day, max(_WIDEST[precision, same] + mark
                                 for precision, mark, same in forms))


def window(event: int, total: int) -> tuple[int, int]:
    """The events to lay out around a selected one: all of a small chapter."""
    if total <= LARGE:
        return 0, total
    first = min(max(event - WINDOW // 3, 0), total - WINDOW)
    return first, first + WINDOW


def wrap(text: str, width: int) -> list[str]:
    """Wrap text to `width` cells, keeping the author's line breaks (an empty line stays empty)."""
    width = max(width, 8)
    rows: list[str] = []
    for paragraph in text.split("\n"):
        rows.extend(_wrap_paragraph(paragraph, width))
    return rows


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    """Greedy word wrap (about 4x faster than `textwrap`); words wider than a row are cut."""
    measure = len if paragraph.isascii() else cell_len
    rows: list[str] = []
    line, used = "", 0
    for word in paragraph.split():
        size = measure(word)
        if line and used + 1 + size <= width:
            line, used = f"{line} {word}", used + 1 + size
            continue
        if line:
            rows.append(line)
        line, used = word, size
        if size > width:
            *full, line = chop_cells(word, width)
            rows.extend(full)
            used = measure(line)
    rows.append(line)
    return rows


def disputed_marker(event: Event) -> str:
    """"(disputed)" for one point in dispute, "(2 disputes)" for more, "" for none."""
    count = len(event.disputed)
    return "(disputed)" if count == 1 else f"({count} disputes)" if count else ""


def _title_tail(title: str, kind: str, marks: tuple[Piece, ...]) -> tuple[Piece, ...]:
    """The last title row, its trailing marks (dispute, chapter label) styled as themselves."""
    tail: list[Piece] = []
    for text, style in reversed(marks):
        if text and (title.endswith(text) or title == text.lstrip()):
            tail.insert(0, (title[-len(text):], style))
            title = title[: -len(text)] if title.endswith(text) else ""
    return ((title, kind), *tail)


NO_ACCOUNT = "no account from this side"
"""Said, dimmed, under an event the open perspective does not tell."""


def tellers(event: Event, tabs: Mapping[str, str]) -> str:
    """The tab numbers of the perspectives that tell an event, e.g. "2 4" ("" for none)."""
    return " ".join(tabs[view.perspective] for view in event.views if view.perspective in tabs)


def title_lines(index: int, event: Event, time: str, width: int, label: str = "",
                told: str = "", *, quiet: bool = False) -> list[Line]:
    """An event's title rows: its time, then its title and marks wrapped beside the time.

    `label` names the event's chapter (time order) and `told` the tabs that tell it (Overview):
    both follow the title, dimmed, as a dispute marker does. `quiet` dims the time and title.
    """
    marks = ((f" {disputed_marker(event)}" if event.disputed else "", "events--disputed"),
             (f" · {label}" if label else "", "events--quiet"),
             (f" [{told}]" if told else "", "events--quiet"))
    kind = "events--quiet" if quiet else "events--title"
    titles = wrap(event.title + "".join(text for text, _ in marks), width - len(time) - 2)
    rows: list[Line] = []
    for number, title in enumerate(titles):
        lead: tuple[Piece, ...] = (((time, "events--quiet" if quiet else "events--time"),
                                    ("  ", "")) if number == 0 else ((" " * (len(time) + 2), ""),))
        last = number == len(titles) - 1
        tail = _title_tail(title, kind, marks) if last else ((title, kind),)
        rows.append(Line(index, lead + tail))
    return rows


def _event_lines(index: int, event: Event, body: str | None, time: str, width: int,
                 label: str = "", told: str = "") -> list[Line]:
    """The rows of one event: its title rows, then the body indented under the title.

    A `body` of None is a perspective's silence, said in words.
    """
    indent = len(time) + 2 if width >= 48 else 2
    rows = title_lines(index, event, time, width, label, told, quiet=not body)
    if body:
        rows += [Line(index, ((" " * indent, ""), (row, "events--body")))
                 for row in wrap(body, width - indent)]
    elif body is None:
        rows += [Line(index, ((" " * indent, ""), (row, "events--quiet")))
                 for row in wrap(NO_ACCOUNT, width - indent)]
    return [*rows, Line(index, ())]


def _heading(story: Story, chapter: Chapter, facts: ChapterFacts, perspective: str | None,
             width: int) -> list[Line]:
    heading: list[Piece] = [(chapter.title, "events--heading")]
    day = facts.day
    if day is not None and day != story.date:
        heading.append((f"  {format_day(day)}", "events--quiet"))
    lines: list[Line] = [Line(-1, tuple(heading))]
    if perspective is not None:
        name = next(p.name for p in story.perspectives if p.id == perspective)
        lines += [Line(-1, ((row, "events--quiet"),)) for row in wrap(name, width)]
    if chapter.summary:
        lines += [Line(-1, ((row, "events--summary"),)) for row in wrap(chapter.summary, width)]
    return [*lines, Line(-1, ())]


EventLines = Callable[[int, Event, str, str], list[Line]]
"""The rows of one event from its index, the event, its time as shown and its chapter label."""


def build_layout(story: Story, chapter: Chapter, perspective: str | None, width: int, *,
                 facts: ChapterFacts | None = None, around: int = 0,
                 labels: Mapping[str, str] | None = None,
                 rows: EventLines | None = None) -> Layout:
    """Wrap a chapter's events (or, for a large chapter, the window `around` an event).

    `labels` (chapter id to label) marks each event with its chapter: the time-order stream.
    `rows` lays out each event in place of the perspective's telling (the compare view's).
    """
    facts = facts or chapter_facts(story, chapter)
    total = len(chapter.events)
    first, last = window(around, total)
    if first == 0:
        lines = _heading(story, chapter, facts, perspective, width)
    else:
        lines = [Line(-1, ((f"… {first:,} earlier events", "events--quiet"),)), Line(-1, ())]
    spans: list[tuple[int, int]] = []
    tabs = {p.id: str(tab_number(n)) for n, p in enumerate(story.perspectives)}
    for index in range(first, last):
        event = chapter.events[index]
        time = format_event_time(event, facts.day or story.date).rjust(facts.column)
        label = labels.get(event.chapter_id, "") if labels else ""
        if rows is not None:
            shown = rows(index, event, time, label)
        else:
            body = event.text if perspective is None else event.view(perspective)
            told = tellers(event, tabs) if perspective is None else ""
            shown = _event_lines(index, event, body, time, width, label, told)
        spans.append((len(lines), len(shown)))
        lines += shown
    if last < total:
        lines.append(Line(-1, ((f"… {total - last:,} later events", "events--quiet"),)))
    return Layout(tuple(lines), tuple(spans), first, last, total)


def split_matches(text: str, needle: str) -> list[tuple[str, bool]]:
    """Text cut into runs, each saying whether it is a match of `needle` (lower case), so the
    events pane can mark the words searched for."""
    lower = text.lower()
    if not needle or len(lower) != len(text):  # a letter whose lower case is longer: unmarked
        return [(text, False)]
    runs: list[tuple[str, bool]] = []
    at = 0
    while (found := lower.find(needle, at)) >= 0:
        if found > at:
            runs.append((text[at:found], False))
        at = found + len(needle)
        runs.append((text[found:at], True))
    if at < len(text) or not runs:
        runs.append((text[at:], False))
    return runs
