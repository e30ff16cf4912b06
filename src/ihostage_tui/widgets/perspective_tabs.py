"""The perspective tabs: Overview, then one tab per perspective in the story's order.

One widget draws the row of tabs and the bar under them, styled as Textual's tabs are (the same
theme colours and bar glyphs). Textual's `Tabs` is a nest of ten widgets (containers, one per
tab, the underline) whose mounting and styling took a fifth of the reader's start-up.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.content import Content
from textual.message import Message
from textual.renderables.bar import Bar
from textual.strip import Strip

from ihostage_tui import state as st
from ihostage_tui.coverage import Coverage
from ihostage_tui.model import Story
from ihostage_tui.widgets import FollowsReading, LitUnderPointer, perspective_colour


class PerspectiveTabs(LitUnderPointer, FollowsReading, can_focus=False):
    """Tabs that mirror the state's perspective; a click on a tab posts `TabClicked`."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "perspective-tabs--tab", "perspective-tabs--active", "perspective-tabs--bar",
    }
    DEFAULT_CSS = """
    PerspectiveTabs {
        width: 100%;
        height: 2;
        & > .perspective-tabs--tab { color: $foreground 50%; }
        & > .perspective-tabs--active { color: $foreground; }
        & > .perspective-tabs--bar {
            color: $block-cursor-background;
            background: $foreground 10%;
        }
        &:ansi {
            & > .perspective-tabs--tab { text-style: dim; }
            & > .perspective-tabs--active { text-style: not dim bold; }
            & > .perspective-tabs--bar { background: $border-blurred; }
        }
    }
    """

    class TabClicked(Message):
        """The reader clicked a tab."""

        def __init__(self, perspective: int) -> None:
            self.perspective = perspective
            """The tab's index: 0 the Overview, then the story's perspectives in order."""
            super().__init__()

    def __init__(self, story: Story, *, coverage: Coverage | None = None,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        coverage = coverage or Coverage(story)
        counted = ["Overview", *(f"{p.short} ({coverage.count(p.id):,})"
                                 for p in story.perspectives)]
        self._labels = (_numbered(counted), _numbered(["Overview",
                                                       *(p.short for p in story.perspectives)]))

    def labels(self) -> list[Content]:
        """The tab labels as shown at the current width: with each side's count when all the
        tabs fit with them (the last tab's right padding may fall off the edge), else without."""
        counted = sum(label.cell_length + 2 for label in self._labels[0]) - 1 <= self.size.width
        return self._labels[0 if counted else 1]

    def _spans(self) -> list[tuple[int, int]]:
        """Each tab's first cell and width (its label and a cell of padding either side)."""
        spans, x = [], 0
        for label in self.labels():
            spans.append((x, label.cell_length + 2))
            x += label.cell_length + 2
        return spans

    def _offset(self, spans: list[tuple[int, int]]) -> int:
        """Columns scrolled off the left: when the tabs do not all fit, the open one is centred
        (as near as the ends allow), as Textual's tabs do."""
        total, width = sum(cells for _, cells in spans), self.size.width
        if total <= width or self.state is None:
            return 0
        start, cells = spans[self.state.perspective]
        return max(0, min(start + cells // 2 - width // 2, total - width))

    def part_at(self, x: int, y: int) -> int | None:
        """The index of the tab drawn at column `x` (on its label or its part of the bar)."""
        spans = self._spans()
        x += self._offset(spans)
        return next((n for n, (start, width) in enumerate(spans)
                     if start <= x < start + width), None)

    def render_line(self, y: int) -> Strip:
        """The row of tabs, then the bar with the open tab's part lit."""
        width, base = self.size.width, self.rich_style
        active = self.state.perspective if self.state is not None else 0
        spans = self._spans()
        offset = self._offset(spans)
        if y == 1:
            bar = self.get_component_rich_style("perspective-tabs--bar")
            start, cells = spans[active]
            drawn = max(width, sum(cells for _, cells in spans))
            strips = Strip.from_lines(self.app.console.render_lines(
                Bar((start + 1, start + cells - 1), Style.from_color(bar.color),
                    Style.from_color(bar.bgcolor), width=drawn),
                self.app.console.options.update_width(drawn), new_lines=False))
            line = strips[0].apply_style(base) if strips else Strip.blank(drawn, base)
            return line.crop(offset, offset + width)
        segments: list[Segment] = []
        for index, label in enumerate(self.labels()):
            lit = index in (active, self.hovered)
            style = self.get_visual_style(
                "perspective-tabs--active" if lit else "perspective-tabs--tab")
            padded = Content.assemble(" ", label, " ")
            segments.extend(Segment(text, part.rich_style) for text, part
                            in padded.render(style, end="", parse_style=self._get_style))
        return Strip(segments).extend_cell_length(width + offset, base).crop(offset,
                                                                               offset + width)

    def watch_state(self, old: st.ReadingState | None, new: st.ReadingState | None) -> None:
        """Show the state's tab as open (only a new perspective redraws)."""
        if old is None or new is None or old.perspective != new.perspective:
            self.refresh()

    def on_click(self, event: events.Click) -> None:
        """Open the clicked tab (on its label or on its part of the bar)."""
        index = self.part_at(event.x, event.y)
        if index is not None:
            self.post_message(self.TabClicked(index))


def _numbered(labels: list[str]) -> list[Content]:
    """Each label after its tab number, in its side's colour (the Overview's dim)."""
    colours = ["dim", *(perspective_colour(n) for n in range(len(labels) - 1))]
    return [Content.assemble((f"{n} ", f"bold {colour}"), label)
            for n, (label, colour) in enumerate(zip(labels, colours, strict=True), start=1)]
