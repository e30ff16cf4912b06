"""Terminals: the small sizes, the compact layout, a burst of resizes, NO_COLOR and 16 colours."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    assert_clean,
    build_app,
    click_tab,
    press,
    screen_rows,
    screen_strips,
    settle,
)
from rich.color import Color
from textual import events
from textual.geometry import Size

from ihostage_tui.app import ReaderApp
from ihostage_tui.model import Story
from ihostage_tui.screens.reader import MIN_HEIGHT, MIN_WIDTH


def shown(app: ReaderApp, selector: str) -> bool:
    return app.reader.query_one(selector).display


def hues(app: ReaderApp) -> set[str]:
    """Every colour on screen (text or background) that is not a grey: none under NO_COLOR."""
    colours: set[Color] = set()
    for strip in screen_strips(app):
        for segment in strip:
            if segment.style is not None:
                colours.update(c for c in (segment.style.color, segment.style.bgcolor) if c)
    return {colour.name for colour in colours if len(set(colour.get_truecolor())) > 1}


@pytest.mark.parametrize(("size", "side", "clock_line", "timeline"), [
    ((80, 24), True, False, True), ((60, 20), False, True, True), ((40, 12), False, True, False),
    ((MIN_WIDTH, MIN_HEIGHT), False, True, False),
])
async def test_usable_at_each_size(demo_story: Story, state_dir: Path, size: tuple[int, int],
                                   side: bool, clock_line: bool, timeline: bool) -> None:
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter", "j", "j", "right", "2", "space", "space")
        reader = app.reader
        assert not reader.has_class("-too-small")
        assert (shown(app, "#side"), shown(app, "#clock-line"), shown(app, "#timeline")) == (
            side, clock_line, timeline)
        assert shown(app, "#events") and shown(app, "KeyFooter")
        text = "\n".join(screen_rows(app))
        if clock_line:  # the panel's digits are drawn with box characters
            assert "19:05:00  ■ paused 60x" in text
        assert "Make the terminal larger" not in text
        assert "The storm" in text
        assert (reader.state.chapter, reader.state.perspective) == (1, 1)


@pytest.mark.parametrize("size", [(MIN_WIDTH - 1, 20), (60, MIN_HEIGHT - 1)])
async def test_larger_please_only_below_the_minimum(
        demo_story: Story, state_dir: Path, size: tuple[int, int]) -> None:
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=size) as pilot:
        await press(pilot, "enter")
        assert app.reader.has_class("-too-small")
        assert "Make the terminal larger" in " ".join(screen_rows(app))
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await settle(pilot)
        assert not app.reader.has_class("-too-small")


async def test_a_burst_of_resizes_draws_like_a_fresh_start(
        hostile_story: Story, tmp_path: Path) -> None:
    sizes = [(120, 40), (40, 12), (200, 60), (29, 7), (61, 19), (80, 24), (35, 9), (150, 45)]
    app = build_app(hostile_story, tmp_path / "a")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "j")
        for _ in range(3):
            for width, height in sizes:  # a burst: posted together, no wait between them
                app.post_message(events.Resize(Size(width, height), Size(width, height)))
        await pilot.resize_terminal(60, 20)
        await settle(pilot)
        after_burst = screen_rows(app)
    fresh = build_app(hostile_story, tmp_path / "b")
    async with fresh.run_test(size=(60, 20)) as pilot:
        await press(pilot, "enter", "j")
        assert screen_rows(fresh) == after_burst


async def test_the_open_tab_stays_in_view_when_the_tabs_do_not_fit(
        demo_story: Story, state_dir: Path) -> None:
    """At the smallest size the tabs overflow: the open one is scrolled into view, whole, and
    a click lands on the tab drawn where it is clicked."""
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(MIN_WIDTH, MIN_HEIGHT)) as pilot:
        await press(pilot, "enter")
        tabs = app.reader.query_one("#tabs")
        for number, label in ((4, "4 Harbour"), (1, "1 Overview"), (3, "3 Crew")):
            await press(pilot, str(number))
            assert label in screen_rows(app, within=tabs)[0], number
        await click_tab(pilot, app, "4 ")  # partly in view beside the open third tab
        assert app.reader.state.perspective == 3


@pytest.mark.parametrize("dialog", ["content note", "help"])
async def test_resized_while_covered_the_reader_shows_the_new_layout(
        demo_story: Story, tmp_path: Path, dialog: str) -> None:
    """A resize while the content note or a dialog covers the reader: back on top, the reader
    is laid out for the new size, as if it had started at that size."""
    app = build_app(demo_story, tmp_path / "a")
    async with app.run_test(size=(120, 40)) as pilot:
        if dialog == "help":
            await press(pilot, "enter", "question_mark")
        await pilot.resize_terminal(60, 20)
        await press(pilot, "escape")
        covered = screen_rows(app)
        assert (shown(app, "#side"), shown(app, "#clock-line")) == (False, True)
    fresh = build_app(demo_story, tmp_path / "b")
    async with fresh.run_test(size=(60, 20)) as pilot:
        await press(pilot, "enter")
        assert screen_rows(fresh) == covered


async def test_no_color_draws_in_greys_and_stays_readable(
        demo_story: Story, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR set: not one colour on screen is other than a grey (the same screen without it
    has hues, so the check can fail), and the selection is still marked by a character."""
    colour = build_app(demo_story, state_dir)
    async with colour.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "j")
        assert hues(colour), "the screen without NO_COLOR should have colours to lose"
    monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(demo_story, state_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "j")
        assert hues(app) == set()
        rows = screen_rows(app)
        text = "\n".join(rows)
        for words in ("Dusk", "17:20  A storm warning", "■ paused 60x", "1 Overview"):
            assert words in text
        assert any("▌  17:20  A storm warning" in row for row in rows)
        for row in rows:
            assert_clean(row)


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light"])
async def test_sixteen_colours_stay_readable(
        demo_story: Story, state_dir: Path, theme: str) -> None:
    app = build_app(demo_story, state_dir, theme=theme)
    app.ansi_color = True
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "enter", "j", "right", "2")
        text = "\n".join(screen_rows(app))
        assert "The storm" in text and "Keeper" in text and "Sources:" in text
        assert app.is_running
