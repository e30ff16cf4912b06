"""The chapter list wraps by cells, as the events pane does: a wide title stays inside the list."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rich.cells import cell_len
from textual.content import Content

from ihostage_tui.model import Story
from ihostage_tui.rows import wrap
from ihostage_tui.widgets.chapter_list import chapter_prompt


def test_a_cjk_title_wraps_inside_the_list_width(demo_story: Story) -> None:
    chapter = replace(demo_story.chapters[0], title="灯台守の長い夜と嵐の記録 " * 4)
    for width in (16, 24, 40):
        rows = chapter_prompt(demo_story, 1, chapter, width).plain.split("\n")
        assert len(rows) > 2, "the title must need wrapping for this to test"
        assert max(cell_len(row) for row in rows) <= width, rows


@pytest.mark.parametrize("text", [
    "灯台守の長い夜と嵐の記録 " * 4,                      # wide CJK, two cells each
    "storm 🌊🌊 warning ❤️ flags 🇳🇱 family 👨‍👩‍👧 " * 3,  # emoji, a VS16, a flag, a ZWJ family
    "e\u0301e\u0301e\u0301 cafe\u0301 n\u0303o " * 6,      # combining marks take no cell
])
def test_rows_are_as_wide_as_textual_draws_them(text: str) -> None:
    """The events pane's rows, measured the way Textual measures what it draws: each fits."""
    for width in (8, 13, 20, 33):
        rows = wrap(text, width)
        assert len(rows) > 1
        assert all(Content(row).cell_length <= width for row in rows), rows
        assert "".join(rows).replace(" ", "") == text.replace(" ", "")  # nothing lost
