"""The chapter's events in one perspective, drawn with the line API.

Only visible rows are rendered. The text is wrapped (greedy, by cells) once per chapter, perspective
and width, kept in a small cache, and wrapped again when the width changes. Story text only ever
becomes `Segment` text, never markup.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Event, Story
from ihostage_tui.timefmt import format_event_time
from ihostage_tui.widgets import StyleCache

LARGE_CHAPTER = 2000
"""Above this many events, wrapping costs enough to wait until a resize pauses."""
RESIZE_PAUSE = 0.15
"""Seconds without a resize before a large chapter is wrapped again."""

Piece = tuple[str, str]
"""A run of text and the component class that styles it."""


@dataclass(frozen=True, slots=True)
class Line:
    """One wrapped row: the event it belongs to (-1 for the chapter heading) and its pieces."""

    event: int
    pieces: tuple[Piece, ...]


@dataclass(frozen=True, slots=True)
class Layout:
    """A chapter wrapped for one perspective and width."""

    lines: tuple[Line, ...]
    """Every row, top to bottom."""
    spans: tuple[tuple[int, int], ...]
    """For each event, its first row and number of rows."""


def _wrap(text: str, width: int) -> list[str]:
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


def _event_lines(index: int, event: Event, body: str, time: str, width: int) -> list[Line]:
    """The rows of one event: time and title, then the body indented under the title."""
    indent = len(time) + 2 if width >= 48 else 2
    marker = "(disputed)" if event.disputed else ""
    kind = "events--title" if body else "events--quiet"
    titles = _wrap(f"{event.title} {marker}".strip(), width - len(time) - 2)
    rows: list[Line] = []
    for number, title in enumerate(titles):
        lead: tuple[Piece, ...] = (((time, "events--time" if body else "events--quiet"),
                                    ("  ", "")) if number == 0 else ((" " * (len(time) + 2), ""),))
        tail: tuple[Piece, ...] = ((title, kind),)
        if marker and number == len(titles) - 1 and title.endswith(marker):
            tail = ((title[: -len(marker)], kind), (marker, "events--disputed"))
        rows.append(Line(index, lead + tail))
    if body:
        rows += [Line(index, ((" " * indent, ""), (row, "events--body")))
                 for row in _wrap(body, width - indent)]
    return [*rows, Line(index, ())]


def _one_day(chapter: Chapter) -> date | None:
    """The calendar day of every event in the chapter, when they share one and have clock times."""
    days = {event.at.date() for event in chapter.events}
    if len(days) == 1 and all(event.precision.has_clock_time for event in chapter.events):
        return days.pop()
    return None


def build_layout(story: Story, chapter: Chapter, perspective: str | None, width: int) -> Layout:
    """Wrap a chapter's events for a perspective (None = Overview) at a width."""
    day = _one_day(chapter)
    heading: list[Piece] = [(chapter.title, "events--heading")]
    if day is not None and day != story.date:
        heading.append((f"  {day:%a} {day.day} {day:%b %Y}", "events--quiet"))
    lines: list[Line] = [Line(-1, tuple(heading))]
    if perspective is not None:
        name = next(p.name for p in story.perspectives if p.id == perspective)
        lines += [Line(-1, ((row, "events--quiet"),)) for row in _wrap(name, width)]
    if chapter.summary:
        lines += [Line(-1, ((row, "events--summary"),)) for row in _wrap(chapter.summary, width)]
    lines.append(Line(-1, ()))
    times = [format_event_time(event, day or story.date) for event in chapter.events]
    column = max(len(time) for time in times)
    spans: list[tuple[int, int]] = []
    for index, event in enumerate(chapter.events):
        body = event.text if perspective is None else (event.view(perspective) or "")
        rows = _event_lines(index, event, body, times[index].rjust(column), width)
        spans.append((len(lines), len(rows)))
        lines += rows
    return Layout(tuple(lines), tuple(spans))


class EventsView(ScrollView, can_focus=False):
    """The open chapter's events as told by the open perspective; the selected one highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "events--heading", "events--summary", "events--time", "events--title", "events--body",
        "events--quiet", "events--selected", "events--gutter", "events--disputed",
    }

    DEFAULT_CSS = """
    EventsView {
        background: $surface;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;
        & > .events--heading { text-style: bold; color: $text-primary; }
        & > .events--summary { text-style: italic; color: $text-muted; }
        & > .events--time { color: $text-accent; text-style: bold; }
        & > .events--title { text-style: bold; }
        & > .events--body { }
        & > .events--quiet { color: $text-muted; }
        & > .events--selected { background: $boost; }
        & > .events--gutter { color: $accent; }
        & > .events--disputed { color: $text-warning; text-style: italic; }
    }
    """

    state: reactive[st.ReadingState | None] = reactive(None, repaint=False)
    """The reading state, bound from the reader screen."""

    class EventClicked(Message):
        """The reader clicked an event."""

        def __init__(self, event: int) -> None:
            self.event = event
            """Index of the event in the open chapter."""
            super().__init__()

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        """The story being read."""
        self._styles = StyleCache(self.get_component_rich_style)
        self._layouts: OrderedDict[tuple[int, int, int], Layout] = OrderedDict()
        self._resize_timer: Timer | None = None
        self._layout: Layout | None = None

    def _wrap_width(self) -> int:
        """Columns available for text: the content width minus the gutter."""
        return self.scrollable_content_region.width - 2

    def layout_for(self, state: st.ReadingState) -> Layout | None:
        """The wrapped chapter for the state at the current width (cached), or None if unsized."""
        width = self._wrap_width()
        if width <= 0:
            return None
        key = (state.chapter, state.perspective, width)
        if key not in self._layouts:
            chapter = self.story.chapters[state.chapter]
            self._layouts[key] = build_layout(
                self.story, chapter, st.perspective_id(self.story, state), width)
            while len(self._layouts) > 16:
                self._layouts.popitem(last=False)
        return self._layouts[key]

    def watch_state(self, old: st.ReadingState | None, new: st.ReadingState | None) -> None:
        """Re-wrap for a new chapter or perspective; otherwise repaint only what changed."""
        self._relayout(old)

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for the new width; for a large chapter, once the resizing has paused."""
        if self._resize_timer is not None:
            self._resize_timer.stop()
            self._resize_timer = None
        events_count = len(self.story.chapters[self.state.chapter].events) if self.state else 0
        if self._layout is not None and events_count > LARGE_CHAPTER:
            self._resize_timer = self.set_timer(RESIZE_PAUSE, lambda: self._relayout(None))
        else:
            self._relayout(None)

    def _relayout(self, old: st.ReadingState | None) -> None:
        state = self.state
        layout = self.layout_for(state) if state is not None else None
        if state is None or layout is None:
            return
        same = layout is self._layout and old is not None
        self._layout = layout
        size = Size(self._wrap_width() + 2, len(layout.lines))
        if size != self.virtual_size:
            self.virtual_size = size
        if same and old is not None and old.event == state.event:
            return  # only the clock moved: nothing in this view changed
        self._show_selected(state.event)
        if same and old is not None:
            self.refresh_lines(*layout.spans[old.event])
            self.refresh_lines(*layout.spans[state.event])
        else:
            self.refresh()

    def _show_selected(self, event: int) -> None:
        """Scroll just enough to show the selected event (its start, if taller than the view)."""
        assert self._layout is not None
        first, count = self._layout.spans[event]
        if event == 0:
            first, count = 0, first + count  # show the chapter heading with the first event
        height = max(self.scrollable_content_region.height, 1)
        region = Region(0, first, 1, min(count, height))
        self.call_after_refresh(self.scroll_to_region, region, animate=False, immediate=True)

    def render_line(self, y: int) -> Strip:
        """One visible row: only rows on screen are ever drawn."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row = scroll_y + y
        base = self.rich_style
        if self._layout is None or self.state is None or row >= len(self._layout.lines):
            return Strip.blank(width, base)
        line = self._layout.lines[row]
        selected = line.event == self.state.event and line.event >= 0
        back = base + self.get_component_rich_style("events--selected") if selected else base
        gutter = self._styles["events--gutter"]
        segments = [Segment("▌ " if selected and line.pieces else "  ", back + gutter)]
        for text, kind in line.pieces:
            style = back + self._styles[kind] if kind else back
            segments.append(Segment(text, style))
        return Strip(segments).extend_cell_length(width, back).crop(scroll_x, scroll_x + width)

    def on_click(self, event: events.Click) -> None:
        """Select the clicked event."""
        if self._layout is None:
            return
        row = self.scroll_offset.y + event.y
        if 0 <= row < len(self._layout.lines) and self._layout.lines[row].event >= 0:
            self.post_message(self.EventClicked(self._layout.lines[row].event))

    def notify_style_update(self) -> None:
        """Theme or CSS changed: look the component styles up again."""
        super().notify_style_update()
        self._styles.clear()
