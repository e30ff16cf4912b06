"""The timeline strip: the story's span, chapter starts, one tick per event, and now."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip
from textual.widget import Widget

from ihostage_tui import state as st
from ihostage_tui.model import Event, Precision, Story
from ihostage_tui.timefmt import format_moment, time_mark
from ihostage_tui.widgets import COLOURS, PERSPECTIVE_COLOURS, FollowsReading, StyleCache

LONG_STORY = timedelta(days=30)
"""A story longer than this is drawn one chapter at a time (else years squash hours flat)."""

Cell = tuple[str, str]


class Timeline(Widget, FollowsReading, can_focus=False):
    """Three rows: chapter numbers, event ticks coloured by perspective, the current moment.

    An event's tick is the tab number of the perspective it is coloured by (`2` for the first
    perspective), so perspectives are told apart without colour too (16 colours give two of them
    the same red); `┃` for an event no perspective tells. An event the sources give no time for
    (placed by its order) has a broken tick, `╎`.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--rule", "timeline--chapter", "timeline--current", "timeline--now",
        "timeline--neutral", *(f"timeline--p{n}" for n in range(COLOURS)),
    }

    DEFAULT_CSS = """
    Timeline {
        height: 3;
        padding: 0 1;
        background: $panel;
        & > .timeline--rule { color: $text-muted; }
        & > .timeline--chapter { color: $text-muted; }
        & > .timeline--current { color: $text-primary; text-style: bold; }
        & > .timeline--now { color: $text-accent; text-style: bold; }
        & > .timeline--neutral { color: $text; }
    }
""" + "".join(f"Timeline > .timeline--p{n} {{ color: {colour}; }}\n"
             for n, colour in enumerate(PERSPECTIVE_COLOURS)) + """
    """

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._styles = StyleCache(self.get_component_rich_style)
        self._ticks_key: tuple[datetime, datetime, int, int, int] | None = None
        self._ticks: list[Strip] = []
        self._now_row: Strip | None = None
        self._perspectives = {p.id: n for n, p in enumerate(story.perspectives)}
        self._times: dict[int, list[datetime]] = {}

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Redraw the moment; the ticks only when the range or the open chapter changed."""
        self._now_row = None
        self.refresh()

    def on_resize(self) -> None:
        """Redraw at the new width."""
        self._now_row = None
        self._ticks_key = None

    def span(self, state: st.ReadingState) -> tuple[datetime, datetime]:
        """The range drawn: the story's, or the open chapter's when the story is long."""
        if self.story.end - self.story.start > LONG_STORY:
            chapter = st.current_chapter(self.story, state)
            return chapter.start, chapter.end
        return self.story.start, self.story.end

    def _tick_class(self, event: Event, perspective: str | None) -> str:
        """The colour of an event's tick.

        In the Overview: its first view's perspective (neutral without views). In a perspective's
        tab: that perspective's colour where it tells the event, the rule's colour where not.
        """
        if perspective is not None:
            if event.view(perspective) is None:
                return "timeline--rule"
            return f"timeline--p{self._perspectives[perspective] % COLOURS}"
        if event.views:
            return f"timeline--p{self._perspectives[event.views[0].perspective] % COLOURS}"
        return "timeline--neutral"

    def _tick_char(self, event: Event, perspective: str | None) -> str:
        """The tick's character: the perspective's tab number, `┃` for none, `╎` for placed."""
        if event.placed:
            return "╎"
        if perspective is None:
            perspective = event.views[0].perspective if event.views else None
        elif event.view(perspective) is None:
            perspective = None
        number = st.tab_number(self._perspectives[perspective]) if perspective is not None else 10
        return str(number) if number <= 9 else "┃"

    def _column(self, moment: datetime, low: datetime, high: datetime, width: int) -> int:
        """The column of a moment in the drawn range."""
        fraction = (moment - low).total_seconds() / max((high - low).total_seconds(), 1.0)
        return min(max(round(fraction * (width - 1)), 0), width - 1)

    def _draw_ticks(self, state: st.ReadingState, width: int) -> list[list[Cell]]:
        """Chapter numbers and event ticks: the same until the range or chapter changes."""
        low, high = self.span(state)
        perspective = st.perspective_id(self.story, state)
        rows = [[(" ", "timeline--rule")] * width, [("─", "timeline--rule")] * width]
        for number, chapter in enumerate(self.story.chapters, start=1):
            if chapter.end < low or chapter.start > high:
                continue
            if low <= chapter.start:
                kind = "timeline--current" if number - 1 == state.chapter else "timeline--chapter"
                x = self._column(chapter.start, low, high, width)
                for offset, char in enumerate(f"┆{number}"):
                    if x + offset < width:
                        rows[0][x + offset] = (char, kind)
            for x, event in self._last_per_column(number - 1, low, high, width):
                rows[1][x] = (self._tick_char(event, perspective),
                              self._tick_class(event, perspective))
        return rows

    def _last_per_column(self, chapter: int, low: datetime, high: datetime, width: int
                         ) -> list[tuple[int, Event]]:
        """The last of a chapter's events in each column: found by bisection, so the cost is
        the strip's width, not the chapter's length."""
        events = self.story.chapters[chapter].events
        if chapter not in self._times:
            self._times[chapter] = [event.at for event in events]
        times = self._times[chapter]
        found: list[tuple[int, Event]] = []
        start, stop = bisect_left(times, low), bisect_right(times, high)
        for x in range(width):  # the same rounding as `_column`, so ticks land where they did
            end = bisect_right(times, x, start, stop,
                               key=lambda moment: self._column(moment, low, high, width))
            if end > start:
                found.append((x, events[end - 1]))
                start = end
        return found

    def _draw_now(self, state: st.ReadingState, width: int) -> list[Cell]:
        """The current moment: a marker with the time beside it (left of it near the end)."""
        low, high = self.span(state)
        row = [(" ", "timeline--rule")] * width
        x = self._column(min(max(state.time, low), high), low, high, width)
        event = st.current_event(self.story, state)
        exact = state.time == event.at
        label = (time_mark(event) if exact else "") + format_moment(
            state.time, event.precision if exact else Precision.MINUTE, self.story.date)
        text = f"▲ {label}" if x + len(label) + 2 <= len(row) else f"{label} ▲"
        start = x if text.startswith("▲") else max(x - len(label) - 1, 0)
        for offset, char in enumerate(text):
            if start + offset < len(row):
                row[start + offset] = (char, "timeline--now")
        return row

    def _strip(self, cells: list[Cell], base: Style) -> Strip:
        """Cells grouped into styled segments."""
        segments: list[Segment] = []
        for char, kind in cells:
            style = base + self._styles[kind]
            if segments and segments[-1].style == style:
                segments[-1] = Segment(segments[-1].text + char, style)
            else:
                segments.append(Segment(char, style))
        return Strip(segments)

    def render_line(self, y: int) -> Strip:
        """One of the three rows."""
        width = self.content_region.width
        if self.state is None or width < 4 or y >= 3:
            return Strip.blank(width, self.rich_style)
        low, high = self.span(self.state)
        key = (low, high, self.state.chapter, self.state.perspective, width)
        if key != self._ticks_key:
            self._ticks_key = key
            self._ticks = [self._strip(r, self.rich_style)
                           for r in self._draw_ticks(self.state, width)]
        if y < 2:
            return self._ticks[y]
        if self._now_row is None or self._now_row.cell_length != width:  # drawn at another width
            self._now_row = self._strip(self._draw_now(self.state, width), self.rich_style)
        return self._now_row

    def notify_style_update(self) -> None:
        """Theme or CSS changed: look the component styles up again."""
        super().notify_style_update()
        self._styles.clear()
        self._ticks_key = None
        self._now_row = None
