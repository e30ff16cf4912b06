"""The chapter list: every chapter with its time span; the open one highlighted and marked.

Drawn with the line API, as the events pane is: the entries are wrapped once per width and only
the rows on screen are drawn, styled as Textual's option lists are (the same theme colours).
Textual's `OptionList` measured and rendered every entry as a widget of its own content on the
reader's first frame, a tenth of its start-up.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.rows import wrap
from ihostage_tui.timefmt import format_span
from ihostage_tui.widgets import FollowsReading, LitUnderPointer


def chapter_span(story: Story, chapter: Chapter) -> str:
    """`17:00-18:10`: from the chapter's first event to its last (see `format_span`)."""
    return format_span(chapter.events[0], chapter.events[-1], story.date)


MARK = "▌"
"""Marks the open chapter, as the selected event is marked: visible without colour too."""


def chapter_prompt(story: Story, number: int, chapter: Chapter, width: int = 80,
                   current: bool = False) -> Content:
    """A chapter entry: the mark if it is open, number and title, then its time span, wrapped
    with a hanging indent. Story text is kept literal; `width` is the columns available."""
    title = "\n    ".join(wrap(chapter.title, width - 4))
    span = "\n    ".join(wrap(chapter_span(story, chapter), width - 4))
    mark = (MARK, "bold $accent") if current else (" ", "")
    return Content.assemble(mark, (f"{number:>2} ", "dim"), title, "\n", (f"    {span}", "dim"))


class ChapterList(ScrollView, LitUnderPointer, FollowsReading, can_focus=False):
    """Chapters in reading order; a click on one posts `ChapterClicked`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chapter-list--highlighted", "chapter-list--hover",
    }
    DEFAULT_CSS = """
    ChapterList {
        color: $foreground;
        background: $surface;
        overflow-x: hidden;
        & > .chapter-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .chapter-list--hover { background: $block-hover-background; }
    }
    """

    class ChapterClicked(Message):
        """The reader clicked a chapter."""

        def __init__(self, chapter: int) -> None:
            self.chapter = chapter
            """The chapter's index in the story."""
            super().__init__()

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._width = 0
        self._rows: list[tuple[int, Content]] = []
        """Every row of every entry at the current width: (chapter index, the row's text)."""
        self._first: list[int] = []
        """The first row of each chapter's entry."""

    def entry(self, index: int) -> Content:
        """The entry of the chapter at `index` as shown (at the current width)."""
        lines = [text for chapter, text in self._rows if chapter == index]
        return Content("\n").join(lines)

    def _wrap(self) -> None:
        """Wrap the entries for the width (once per width), the open chapter marked."""
        width = self.scrollable_content_region.width - 1
        if width == self._width or width <= 0:
            return
        self._width = width
        current = self.state.chapter if self.state is not None else -1
        self._rows, self._first = [], []
        for index, chapter in enumerate(self.story.chapters):
            self._first.append(len(self._rows))
            prompt = chapter_prompt(self.story, index + 1, chapter, width, index == current)
            self._rows.extend((index, line) for line in prompt.split("\n"))
        self.virtual_size = Size(width, len(self._rows))
        self._show_current()

    def _show_current(self) -> None:
        """Scroll just enough to show the open chapter's entry."""
        if self.state is None or not self._first:
            return
        index = self.state.chapter
        first = self._first[index]
        last = self._first[index + 1] if index + 1 < len(self._first) else len(self._rows)
        self.call_after_refresh(self.scroll_to_region, Region(0, first, 1, last - first),
                                animate=False, immediate=True)

    def on_resize(self) -> None:
        """Wrap the entries again for a new width."""
        self._wrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrap the entries before the first paint too, so that the first frame lists them
        (the first resize arrives only after it)."""
        self._wrap()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One visible row: the open chapter's rows highlighted, the hovered one lit."""
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if row >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        index, text = self._rows[row]
        current = self.state is not None and index == self.state.chapter
        classes = ("chapter-list--highlighted",) if current else \
            ("chapter-list--hover",) if index == self.hovered else ()
        style = self.get_visual_style(*classes)
        segments = [Segment(part, look.rich_style) for part, look
                    in text.render(style, end="", parse_style=self._get_style)]
        return Strip(segments).extend_cell_length(width, style.rich_style).crop(0, width)

    def watch_state(self, old: st.ReadingState | None, new: st.ReadingState | None) -> None:
        """Highlight and mark the open chapter (a new chapter redraws two entries)."""
        if new is None or not self._rows or (old is not None and old.chapter == new.chapter):
            return
        before = old.chapter if old is not None else -1
        for index in (before, new.chapter):
            if 0 <= index < len(self._first):
                prompt = chapter_prompt(self.story, index + 1, self.story.chapters[index],
                                        self._width, index == new.chapter)
                first = self._first[index]
                for offset, line in enumerate(prompt.split("\n")):
                    self._rows[first + offset] = (index, line)
        self._show_current()
        self.refresh()

    def part_at(self, x: int, y: int) -> int | None:
        """The index of the chapter whose entry is drawn on row `y`, if any."""
        row = self.scroll_offset.y + y
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        """Open the clicked chapter."""
        index = self.part_at(event.x, event.y)
        if index is not None:
            self.post_message(self.ChapterClicked(index))
