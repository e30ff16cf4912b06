"""The chapter list: every chapter with its time span; the open one highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.rows import wrap
from ihostage_tui.timefmt import format_span
from ihostage_tui.widgets import FollowsReading


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


class ChapterList(OptionList, FollowsReading, can_focus=False):
    """Chapters in reading order; selecting one (click) posts `OptionList.OptionSelected`."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._width = 0
        self._marked = -1

    def on_resize(self) -> None:
        """Wrap the entries again for the new width, keeping the open chapter highlighted."""
        self._wrap()

    def render_lines(self, crop: Region) -> list[Strip]:
        """Wrap the entries before the first paint too, so that the first frame lists them
        (the first resize arrives only after it)."""
        self._wrap()
        return super().render_lines(crop)

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width - 1
        if width == self._width or width <= 0:
            return
        self._width = width
        self._marked = self.state.chapter if self.state is not None else -1
        self.set_options([Option(chapter_prompt(self.story, n, c, width, n - 1 == self._marked),
                                 id=f"chapter-{n}")
                          for n, c in enumerate(self.story.chapters, start=1)])
        if self.state is not None:
            self.highlighted = self.state.chapter

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Highlight and mark the open chapter."""
        if state is None:
            return
        if self.highlighted != state.chapter:
            self.highlighted = state.chapter
        if self._width and self._marked != state.chapter:
            old, self._marked = self._marked, state.chapter
            for index in (old, state.chapter):
                if 0 <= index < self.option_count:
                    prompt = chapter_prompt(self.story, index + 1, self.story.chapters[index],
                                            self._width, index == state.chapter)
                    self.replace_option_prompt_at_index(index, prompt)
