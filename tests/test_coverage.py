"""Coverage: which sides tell which events (Overview marks, tab counts, silences, `J`/`K`)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_app, press, screen_rows
from test_time_order import TIME_ORDER, overlapping

from ihostage_tui import state as st
from ihostage_tui.coverage import Coverage, next_told, prev_told
from ihostage_tui.model import Order, Story
from ihostage_tui.rows import NO_ACCOUNT, build_layout
from ihostage_tui.widgets import perspective_colour
from ihostage_tui.widgets.perspective_tabs import _numbered

CREW = [(0, 2), (1, 1), (1, 2), (1, 3)]
"""`(chapter, event)` of the events the demo story's crew tells, in chapter order."""
KEEPER = [(0, 0), (0, 2), (1, 0), (1, 2), (2, 0)]
"""The same for the keeper."""


def row_text(story: Story, chapter: int, perspective: str | None) -> list[str]:
    layout = build_layout(story, story.chapters[chapter], perspective, 90)
    return ["".join(text for text, _ in line.pieces) for line in layout.lines]


def test_overview_rows_end_with_the_tabs_of_the_sides_that_tell_them(demo_story: Story) -> None:
    rows = row_text(demo_story, 0, None)
    assert any(row.endswith("The lamp is lit [2 4]") for row in rows)  # keeper, harbour
    assert any(row.endswith("The wind rises [2 3]") for row in rows)  # keeper, crew
    lone = row_text(demo_story, 2, None)
    assert any(row.endswith("The lamp is inspected") for row in lone)  # no side tells it


def test_an_untold_event_says_so_in_a_perspective_tab(demo_story: Story) -> None:
    layout = build_layout(demo_story, demo_story.chapters[0], "crew", 90)
    said = [line for line in layout.lines if any(NO_ACCOUNT in text for text, _ in line.pieces)]
    assert [line.event for line in said] == [0, 1, 3]  # crew tells only "The wind rises"
    kinds = {kind for line in said for text, kind in line.pieces if text.strip()}
    assert kinds == {"events--quiet"}


def test_counts_of_told_events_per_side(demo_story: Story) -> None:
    coverage = Coverage(demo_story)
    assert [coverage.count(p.id) for p in demo_story.perspectives] == [5, 4, 6]


def walk_told(story: Story, state: st.ReadingState, coverage: Coverage,
              step: int) -> list[tuple[int, int]]:
    move = next_told if step > 0 else prev_told
    seen = [(state.chapter, state.event)]
    while (state := move(story, state, coverage)) and (state.chapter, state.event) != seen[-1]:
        seen.append((state.chapter, state.event))
    return seen


def test_j_and_k_told_walk_only_what_the_side_tells_in_chapter_order(demo_story: Story) -> None:
    coverage = Coverage(demo_story)
    state = st.set_perspective(demo_story, st.start(demo_story), 2)  # crew
    assert walk_told(demo_story, state, coverage, 1) == [(0, 0), *CREW]
    last = st.select(demo_story, state, 2, 2)
    assert walk_told(demo_story, last, coverage, -1) == [(2, 2), *reversed(CREW)]


def test_j_and_k_told_follow_time_order() -> None:
    story = overlapping()
    coverage = Coverage(story)
    state = st.set_perspective(story, replace(st.start(story), order=Order.TIME), 1)  # keeper
    keeper = [(0, 0), (1, 0), (0, 2), (1, 2), (2, 0)]  # the storm's 17:20 before dusk's 17:45
    assert keeper == [place for place in TIME_ORDER if place in KEEPER]
    assert walk_told(story, state, coverage, 1) == keeper
    end = st.select(story, state, 2, 2)
    assert walk_told(story, end, coverage, -1) == [(2, 2), *reversed(keeper)]


def test_j_told_in_the_overview_is_next_event(demo_story: Story) -> None:
    state = st.start(demo_story)
    coverage = Coverage(demo_story)
    assert next_told(demo_story, state, coverage) == st.next_event(demo_story, state)
    later = st.select(demo_story, state, 1, 2)
    assert prev_told(demo_story, later, coverage) == st.prev_event(demo_story, later)


@pytest.mark.parametrize("key", ["J", "K"])
async def test_shift_j_skips_events_the_side_does_not_tell(
        demo_story: Story, state_dir: Path, key: str) -> None:
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "3")  # the crew tab
        if key == "K":
            await pilot.press("end", *["j"] * 3)
        start = (app.reader.state.chapter, app.reader.state.event)
        await press(pilot, key)
        assert (app.reader.state.chapter, app.reader.state.event) == (
            (0, 2) if key == "J" else (1, 3))
        assert start not in CREW
        assert "3 Crew (4)" in "\n".join(screen_rows(app))


async def test_tab_counts_give_way_when_the_tabs_would_not_fit(demo_story: Story,
                                                               state_dir: Path) -> None:
    """At 120 columns every tab says its count; at 80 the four tabs with counts would not fit
    beside the side column, so they keep their numbers and names only, and all four show."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await press(pilot, "enter")
        tabs = next(row for row in screen_rows(app) if "1 Overview" in row)
        assert "2 Keeper (5)" in tabs and "4 Harbour (6)" in tabs
        await pilot.resize_terminal(80, 24)
        await press(pilot)
        tabs = next(row for row in screen_rows(app) if "1 Overview" in row)
        assert "2 Keeper" in tabs and "4 Harbour" in tabs and "(" not in tabs


def test_a_side_has_one_number_and_one_colour(demo_story: Story) -> None:
    """A perspective's tab, its number after an Overview event and its colour are one rule:
    the first perspective is 2 (the Overview is 1), coloured as `perspective_colour` says."""
    names = ["Overview", *(p.short for p in demo_story.perspectives)]
    for index, label in enumerate(_numbered(names)[1:]):
        assert label.plain.startswith(f"{st.tab_number(index)} ")
        assert any(perspective_colour(index) in str(span.style) for span in label.spans)
    rows = build_layout(demo_story, demo_story.chapters[0], None, 100).lines
    first = "".join(text for text, _ in next(row for row in rows if row.event == 0).pieces)
    told = [view.perspective for view in demo_story.chapters[0].events[0].views]
    ids = [p.id for p in demo_story.perspectives]
    assert first.endswith(f"[{' '.join(str(st.tab_number(ids.index(p))) for p in told)}]")
