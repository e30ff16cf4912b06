"""The chapter list: every chapter with its time span; the open one highlighted."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.timefmt import format_event_time, format_moment


def chapter_span(story: Story, chapter: Chapter) -> str:
    """`17:00-18:10`, the end's date left out when it is the start's."""
    first, last = chapter.events[0], chapter.events[-1]
    start = format_event_time(first, story.date)
    if last is first:
        return start
    end = format_moment(last.at, last.precision, first.at.date())
    return f"{start}-{'~' if last.approx else ''}{end}"


def chapter_prompt(story: Story, number: int, chapter: Chapter) -> Content:
    """A chapter entry: number and title, then its time span, all story text kept literal."""
    return Content.assemble(
        (f"{number:>2} ", "dim"), chapter.title, "\n", (f"   {chapter_span(story, chapter)}", "dim")
    )


class ChapterList(OptionList, can_focus=False):
    """Chapters in reading order; selecting one (click) posts `OptionList.OptionSelected`."""

    state: reactive[st.ReadingState | None] = reactive(None)
    """The reading state, bound from the reader screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        options = [Option(chapter_prompt(story, n, c), id=f"chapter-{n}")
                   for n, c in enumerate(story.chapters, start=1)]
        super().__init__(*options, id=id)
        self.story = story
        """The story being read."""

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Highlight the open chapter."""
        if state is not None and self.highlighted != state.chapter:
            self.highlighted = state.chapter
