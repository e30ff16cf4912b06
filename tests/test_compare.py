"""The compare view (`v`): a column per side, a row per moment, on the same reading state."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from conftest import build_app, press, screen_rows, screen_text, settle
from test_time_order import overlapping
from textual.widgets import Static

from ihostage_tui import compare
from ihostage_tui import state as st
from ihostage_tui.model import Chapter, Story
from ihostage_tui.resume import position_of, restore
from ihostage_tui.rows import NO_ACCOUNT, WINDOW


def rows_text(story: Story, chapter: Chapter, sides: int, width: int,
              around: int = 0) -> list[str]:
    layout = compare.build_rows(story, chapter, story.perspectives[:sides], width, around=around)
    return ["".join(text for text, _ in line.pieces) for line in layout.lines]


def marked(rows: list[str], title: str) -> bool:
    """True when a row of the screen is the moment titled `title`, marked as selected."""
    return any(re.search(rf"▌ +\S+  {re.escape(title)}", row) for row in rows)


def test_how_many_sides_fit_side_by_side() -> None:
    """Each column needs 28 cells and the rule between two columns 3: four need 121."""
    assert compare.fitting(121, 4) == 4
    assert compare.fitting(120, 4) == 3
    assert compare.fitting(59, 4) == 2
    assert compare.fitting(28, 4) == 1
    assert compare.fitting(27, 4) == 0
    assert compare.fitting(500, 3) == 3


def test_the_window_of_columns_stays_within_the_sides() -> None:
    assert compare.side_window(0, 2, 4) == (0, 2)
    assert compare.side_window(3, 2, 4) == (2, 2)
    assert compare.side_window(-1, 2, 4) == (0, 2)
    assert compare.side_window(2, 4, 4) == (0, 4)


def test_the_caption_says_which_sides_are_shown() -> None:
    assert compare.caption(1, 2, 4) == "sides 2-3 of 4 — ] [ for more"
    assert compare.caption(3, 1, 4) == "side 4 of 4 — ] [ for more"
    assert compare.caption(0, 4, 4) == "Side by side: all 4 sides"


def test_each_side_tells_the_moment_in_its_own_column(demo_story: Story) -> None:
    """The moment's title spans the row; under it each side's account, or its silence in
    words, starts in the same cell of every row, after the rule."""
    chapter = demo_story.chapters[0]
    event = chapter.events[0]  # told by the keeper only
    keeper, crew = (event.view(p.id) for p in demo_story.perspectives[:2])
    assert keeper is not None and crew is None
    rows = rows_text(demo_story, chapter, 2, 80)
    start = next(n for n, row in enumerate(rows) if row.endswith(f"  {event.title}"))
    cells = rows[start + 1:rows.index("", start)]
    column = compare.column_width(80, 2)
    assert all(row[column:column + 3] == compare.RULE for row in cells)
    assert " ".join(row[:column].strip() for row in cells).strip() == keeper
    assert cells[0][column + 3:].strip() == NO_ACCOUNT


def test_a_large_stream_is_laid_out_a_window_at_a_time() -> None:
    """With every event of a long stream, only a window around the selection is laid out."""
    story = overlapping()
    events = story.time_order.events * 100
    stream = Chapter("", "Every chapter, in time order", events)
    layout = compare.build_rows(story, stream, story.perspectives, 120, around=600)
    assert layout.last - layout.first == WINDOW
    assert layout.first <= 600 < layout.last
    notes = [line for line in layout.lines if line.event < 0 and line.pieces]
    assert len(notes) == 2  # … earlier events, … later events


def test_compare_is_remembered_with_the_place(demo_story: Story) -> None:
    state = compare.toggle_compare(st.select(demo_story, st.start(demo_story), 1, 2))
    assert restore(demo_story, position_of(demo_story, state)) == state
    assert not compare.toggle_compare(state).compare


async def test_v_keeps_the_moment(demo_story: Story, state_dir: Path) -> None:
    """The selected event and the clock are the same before `v`, in the compare view, and
    after `v` again; the view shows each side's heading and the selected moment, marked."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "enter", "right", "j", "j", "3")
        before = app.reader.state
        await press(pilot, "v")
        shown = app.reader.state
        assert shown.compare
        assert replace(shown, compare=False) == before
        rows = screen_rows(app)
        title = st.current_event(demo_story, before).title
        assert marked(rows, title)
        assert any("3 " + demo_story.perspectives[1].name in row for row in rows)
        await press(pilot, "v")
        assert app.reader.state == before
        assert not any("3 " + demo_story.perspectives[1].name in row for row in screen_rows(app))


async def test_j_in_compare_moves_as_outside(demo_story: Story, state_dir: Path) -> None:
    """`j`, `k`, `J` and `right` change the same reading state in the compare view."""
    keys = ["j", "j", "J", "right", "k"]
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "enter", "2", *keys)
        outside = app.reader.state
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "enter", "2", "v", *keys)
        assert app.reader.state == replace(outside, compare=True)
        title = st.current_event(demo_story, outside).title
        assert marked(screen_rows(app), title)


async def test_keys_typed_right_after_the_first_v_reach_the_view(
        demo_story: Story, state_dir: Path) -> None:
    """The view is made when first opened; `]` and `j` typed at once after `v` wait for it."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        for key in ("v", "right_square_bracket", "j"):  # typed at once: nothing waits between
            app.simulate_key(key)
        await settle(pilot)
        assert app.reader.state.compare and app.reader.state.event == 1
        assert "sides 2-3 of 3 — ] [ for more" in screen_text(app)


async def test_brackets_shift_the_columns_when_not_all_sides_fit(
        demo_story: Story, state_dir: Path) -> None:
    """At 100x30 two of the three sides fit: `]` shows sides 2-3, `[` sides 1-2 again, and
    the open tab stays as it was."""
    names = [p.name for p in demo_story.perspectives]
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "v")
        text = screen_text(app)
        assert "sides 1-2 of 3 — ] [ for more" in text
        assert f"2 {names[0]}" in text and f"4 {names[2]}" not in text
        await press(pilot, "]", "]")
        text = screen_text(app)
        assert "sides 2-3 of 3 — ] [ for more" in text
        assert f"2 {names[0]}" not in text and f"4 {names[2]}" in text
        await press(pilot, "[")
        assert "sides 1-2 of 3" in screen_text(app)
        assert app.reader.state.perspective == 0


async def test_too_narrow_for_one_column_says_how_wide(demo_story: Story,
                                                       state_dir: Path) -> None:
    """At 31 columns a side's column does not fit: the view says how wide to make the
    terminal, and one column more is enough."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(31, 10)) as pilot:
        await press(pilot, "enter", "v")
        text = " ".join(row.strip() for row in screen_rows(app))
        assert "Too narrow to set the sides side by side" in text
        assert "at least 32 columns wide" in text
        await pilot.resize_terminal(32, 10)
        await press(pilot)
        rows = screen_rows(app)
        assert "Too narrow" not in " ".join(rows)
        assert any("side 1 of 3" in row for row in rows)


async def test_the_open_tabs_side_is_in_view(demo_story: Story, state_dir: Path) -> None:
    """Opened from the third side's tab where two sides fit, the view shows sides 2-3."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "4", "v")
        assert "sides 2-3 of 3" in screen_text(app)


async def test_the_view_follows_moves_made_while_it_was_closed(demo_story: Story,
                                                               state_dir: Path) -> None:
    """Closed, the view lays nothing out; opened again after `j`, it marks the new moment."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(120, 36)) as pilot:
        await press(pilot, "enter", "v", "v", "j", "j", "v")
        rows = screen_rows(app)
        assert marked(rows, demo_story.chapters[0].events[2].title)
        assert not marked(rows, demo_story.chapters[0].events[0].title)
        await press(pilot, "v", "k", "v")
        assert marked(screen_rows(app), demo_story.chapters[0].events[1].title)


async def test_the_headings_name_the_keys_as_bound(demo_story: Story, state_dir: Path) -> None:
    """With `next-sides` and `prev-sides` rebound, the headings name the reader's own keys, and
    those keys move the columns."""
    app = build_app(demo_story, state_dir, keymap={"next-sides": "full_stop",
                                                   "prev-sides": "comma"})
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "v")
        assert "sides 1-2 of 3 — . , for more" in screen_text(app)
        await press(pilot, "full_stop")
        assert "sides 2-3 of 3 — . , for more" in screen_text(app)


async def test_help_explains_the_compare_marks(demo_story: Story, state_dir: Path) -> None:
    """`?` says what the compare view's marks and headings mean."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 40)) as pilot:
        await press(pilot, "enter", "question_mark")
        # the legends are below the fold: read what the help's widgets hold
        shown = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Side by side (v)" in shown
        assert "the selected moment, marked across every side's column" in shown
        assert "] and [ show the others" in shown
