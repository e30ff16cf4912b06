"""The chapter's events in one perspective, drawn with the line API.

Only visible rows are rendered. The rows come from `rows`: a whole small chapter, or a window
of a large one that follows the selection and the scroll position, wrapped once per chapter,
perspective, width and window, kept in a small cache. Story text only ever becomes `Segment` text,
never markup.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.timer import Timer

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.rows import (
    LARGE,
    ChapterFacts,
    Layout,
    build_layout,
    chapter_facts,
    split_matches,
)
from ihostage_tui.widgets import FollowsReading, StyleCache

RESIZE_PAUSE = 0.15
"""Seconds without a resize before a large chapter is wrapped again."""


class EventsView(ScrollView, FollowsReading, can_focus=False):
    """The open chapter's events as told by the open perspective; the selected one highlighted."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "events--heading", "events--summary", "events--time", "events--title", "events--body",
        "events--quiet", "events--selected", "events--gutter", "events--disputed",
        "events--match",
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
        & > .events--match { background: $warning 40%; text-style: bold underline; }
    }
    """

    SELECTED_GLYPHS: ClassVar[Mapping[str, str]] = {}
    CENTRE_SELECTED: ClassVar[bool] = False
    """Keep the selected event in the middle of the view (else scroll just enough to show it)."""
    """Text drawn in place of a piece of this component class on the selected event's rows."""

    highlight: reactive[str] = reactive("")
    """The words last searched for (lower case), marked wherever they appear; "" for none."""

    class EventClicked(Message):
        """The reader clicked an event."""

        def __init__(self, event: int) -> None:
            self.event = event
            """Index of the event among those shown: the open chapter's, or the time order's."""
            super().__init__()

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._styles = StyleCache(self.get_component_rich_style)
        self._layouts: OrderedDict[tuple[int, Hashable, int, int], Layout] = OrderedDict()
        self._facts: dict[int, ChapterFacts] = {}
        self._resize_timer: Timer | None = None
        self._layout: Layout | None = None
        self._laid_for: tuple[Size, st.ReadingState | None] = (Size(0, 0), None)
        self._shown: tuple[int, Hashable, int] | None = None
        self._sliding = False
        self._stream_chapter: Chapter | None = None
        self._labels = {c.id: f"{n} {c.title}" for n, c in enumerate(story.chapters, start=1)}

    def section(self, state: st.ReadingState) -> tuple[int, Chapter, int]:
        """What the pane shows: a key, its events as a chapter, and the selected index in it.

        In chapter order that is the open chapter; in time order the story's whole time-order
        stream (key -1), each event labelled with its chapter.
        """
        if not st.in_time(state):
            return state.chapter, self.story.chapters[state.chapter], state.event
        return -1, self._stream, st.time_position(self.story, state)

    @property
    def _stream(self) -> Chapter:
        """The time-order stream as one chapter, made on first use."""
        if self._stream_chapter is None:
            events = self.story.time_order.events
            self._stream_chapter = Chapter("", "Every chapter, in time order", events)
        return self._stream_chapter

    def selected(self) -> int:
        """Index of the selected event among the events shown (-1 before a state is bound)."""
        return self.section(self.state)[2] if self.state is not None else -1

    def _wrap_width(self) -> int:
        """Columns available for text: the content width minus the gutter."""
        return self.scrollable_content_region.width - 2

    def layout_for(self, state: st.ReadingState, around: int | None = None) -> Layout | None:
        """The rows for the state at the current width (cached), or None while unsized.

        A large chapter is laid out around `around` (the selected event by default), unless the
        window already shown still has room around the selection.
        """
        width = self._wrap_width()
        if width <= 0 or not self.shows(state):
            return None
        current = self._layout
        number, chapter, selected = self.section(state)
        view = self.view_key(state)
        if (around is None and current is not None and self._shown == (number, view, width)
                and current.covers(selected)):
            return current
        if number not in self._facts:
            self._facts[number] = chapter_facts(self.story, chapter)
        target = selected if around is None else around
        first = 0 if len(chapter.events) <= LARGE else target
        key = (number, view, width, first)
        if key not in self._layouts:
            self._layouts[key] = self.build(state, chapter, width, self._facts[number], target,
                                            self._labels if number < 0 else None)
            while len(self._layouts) > 16:
                self._layouts.popitem(last=False)
        self._shown = (number, view, width)
        return self._layouts[key]

    def shows(self, state: st.ReadingState) -> bool:
        """True when this view is on screen in the state: the events pane, unless the sides
        are compared (a hidden view lays nothing out)."""
        return not state.compare

    def view_key(self, state: st.ReadingState) -> Hashable:
        """What, beside the chapter, the width and the window, decides the rows: the open tab."""
        return state.perspective

    def build(self, state: st.ReadingState, chapter: Chapter, width: int, facts: ChapterFacts,
              around: int, labels: Mapping[str, str] | None) -> Layout:
        """Lay out the rows (all of a small chapter, or the window `around` an event)."""
        return build_layout(self.story, chapter, st.perspective_id(self.story, state), width,
                            facts=facts, around=around, labels=labels)

    def watch_state(self, old: st.ReadingState | None, new: st.ReadingState | None) -> None:
        """Re-wrap for a new chapter or perspective; otherwise repaint only what changed (all of
        it when the view comes back on screen)."""
        self._relayout(old if old is not None and self.shows(old) else None)

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again for the new width; for a large chapter, once the resizing has paused.
        Nothing to do when the rows were laid out at this size for this state (the first
        resize, after the first paint laid them out)."""
        if (event.size, self.state) == self._laid_for:
            return
        if self._resize_timer is not None:
            self._resize_timer.stop()
            self._resize_timer = None
        events_count = len(self.section(self.state)[1].events) if self.state else 0
        if self._layout is not None and events_count > LARGE:
            self._resize_timer = self.set_timer(RESIZE_PAUSE, lambda: self._relayout(None))
        else:
            self._relayout(None)

    def _relayout(self, old: st.ReadingState | None) -> None:
        state = self.state
        layout = self.layout_for(state) if state is not None else None
        if state is None or layout is None:
            return
        same = layout is self._layout and old is not None
        self._layout, self._laid_for = layout, (self.size, state)
        size = Size(self._wrap_width() + 2, len(layout.lines))
        if size != self.virtual_size:
            self.virtual_size = size
        selected = self.section(state)[2]
        before = self.section(old)[2] if old is not None else None
        if same and before == selected:
            return  # only the clock moved: nothing in this view changed
        self._show_selected(selected)
        old_span = layout.span(before) if before is not None else None
        new_span = layout.span(selected)
        if same and old_span is not None and new_span is not None:
            self.refresh_lines(*old_span)
            self.refresh_lines(*new_span)
        else:
            self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolled to an edge of a large chapter's window: move the window on."""
        super().watch_scroll_y(old_value, new_value)
        self._slide(new_value)

    def _slide(self, y: float) -> None:
        layout, state = self._layout, self.state
        if layout is None or state is None or self._sliding or layout.total <= LARGE:
            return
        at_end = y >= self.max_scroll_y and layout.last < layout.total
        if not (at_end or (y <= 0 and layout.first > 0)):
            return
        row = min(int(y), len(layout.lines) - 1)
        top = next((line.event for line in layout.lines[row:] if line.event >= 0),
                   layout.last - 1)
        top_row = (layout.span(top) or (row, 1))[0]
        moved = self.layout_for(state, around=top)
        span = moved.span(top) if moved is not None else None
        if moved is None or span is None or moved is layout:
            return
        self._layout = moved
        self.virtual_size = Size(self._wrap_width() + 2, len(moved.lines))
        self._sliding = True
        try:
            self.scroll_to(y=span[0] + row - top_row, animate=False, immediate=True)
        finally:
            self._sliding = False
        self.refresh()

    def _show_selected(self, event: int) -> None:
        """Scroll just enough to show the selected event (its start, if taller than the view)."""
        assert self._layout is not None
        span = self._layout.span(event)
        if span is None:
            return
        first, count = span
        if event == 0:
            first, count = 0, first + count  # show the chapter heading with the first event
        height = max(self.scrollable_content_region.height, 1)
        region = Region(0, first, 1, min(count, height))
        self.call_after_refresh(self.scroll_to_region, region, animate=False, immediate=True,
                                center=self.CENTRE_SELECTED)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Lay the rows out before the first paint too, so that the first frame shows them
        (the first resize arrives only after it)."""
        if self._layout is None:
            self._relayout(None)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One visible row: only rows on screen are ever drawn."""
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row = scroll_y + y
        base = self.rich_style
        if self._layout is None or self.state is None or row >= len(self._layout.lines):
            return Strip.blank(width, base)
        line = self._layout.lines[row]
        selected = line.event == self.selected() and line.event >= 0
        back = base + self.get_component_rich_style("events--selected") if selected else base
        gutter = self._styles["events--gutter"]
        segments = [Segment("▌ " if selected and line.pieces else "  ", back + gutter)]
        match = self._styles["events--match"]
        glyphs = self.SELECTED_GLYPHS if selected else {}
        for text, kind in line.pieces:
            style = back + self._styles[kind] if kind else back
            text = glyphs.get(kind, text)
            segments.extend(Segment(run, style + match if hit else style)
                            for run, hit in split_matches(text, self.highlight))
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
