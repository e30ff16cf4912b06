"""The chapter list wraps by cells, as the events pane does: a wide title stays inside the list."""

from __future__ import annotations

from dataclasses import replace

from rich.cells import cell_len

from ihostage_tui.model import Story
from ihostage_tui.widgets.chapter_list import chapter_prompt


def test_a_cjk_title_wraps_inside_the_list_width(demo_story: Story) -> None:
    chapter = replace(demo_story.chapters[0], title="灯台守の長い夜と嵐の記録 " * 4)
    for width in (16, 24, 40):
        rows = chapter_prompt(demo_story, 1, chapter, width).plain.split("\n")
        assert len(rows) > 2, "the title must need wrapping for this to test"
        assert max(cell_len(row) for row in rows) <= width, rows
