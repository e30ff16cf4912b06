"""Starting the reader: start options, resuming, the playback timer and the remembered position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import build_app, press, screen_text, wait_until

from ihostage_tui import app as app_module
from ihostage_tui.app import ReaderApp, run_reader
from ihostage_tui.clock import ManualClock
from ihostage_tui.errors import LaunchError
from ihostage_tui.model import Story
from ihostage_tui.resume import ResumeStore
from ihostage_tui.startup import start_state


def build(story: Story, clock: ManualClock, state_dir: Path, **options: object) -> ReaderApp:
    """The reader as the CLI starts it by default: resuming from `state_dir`."""
    options.setdefault("resume", True)
    return build_app(story, state_dir, clock=clock, **options)


@pytest.mark.parametrize(("options", "expected"), [
    ({"chapter": "storm"}, (1, 0, 0)), ({"chapter": "3"}, (2, 0, 0)),
    ({"perspective": "crew"}, (0, 0, 2)), ({"perspective": "overview"}, (0, 0, 0)),
    ({"at": "19:40"}, (1, 1, 0)), ({"at": "2021-11-06 08:30"}, (2, 1, 0)),
    ({"chapter": "storm", "at": "20:30", "perspective": "keeper"}, (1, 2, 1)),
    ({"chapter": "morning", "at": "Sat 6 Nov 08:00"}, (2, 1, 0)),
    ({"perspective": "Crew"}, (0, 0, 2)), ({"perspective": "the LIFEBOAT crew"}, (0, 0, 2)),
    ({"perspective": "3"}, (0, 0, 2)), ({"perspective": "1"}, (0, 0, 0)),
    ({"at": "~Sat 6 Nov 08:30"}, (2, 1, 0)), ({"at": "T+02:40"}, (1, 1, 0)),
])
def test_start_options(demo_story: Story, options: dict[str, str],
                       expected: tuple[int, int, int]) -> None:
    state = start_state(demo_story, **options)  # type: ignore[arg-type]
    assert (state.chapter, state.event, state.perspective) == expected


@pytest.mark.parametrize(("options", "words"), [
    ({"chapter": "4"}, "no chapter '4'"), ({"chapter": "nope"}, "1 to 3"),
    ({"chapter": "0"}, "no chapter"), ({"perspective": "police"}, "keeper, crew, harbour"),
    ({"at": "25:00"}, "--at: 25:00 is not a clock time"), ({"at": "soon"}, "\"19:00\""),
    ({"at": "1800"}, "--at: a bare number is not a time; write 18:00"),
    ({"chapter": "morning", "at": "17:00"}, "outside chapter 3 (Sat 6 Nov 07:30-09:15)"),
    ({"perspective": "5"}, "a tab number from 1 to 4"),
    ({"at": "x" * 500}, "'" + "x" * 39 + "…'"),
])
def test_bad_start_options_raise_one_line(demo_story: Story, options: dict[str, str],
                                          words: str) -> None:
    with pytest.raises(LaunchError) as caught:
        start_state(demo_story, **options)  # type: ignore[arg-type]
    assert words in str(caught.value) and "\n" not in str(caught.value)


def test_run_reader_checks_options_before_building(
        demo_story: Story, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(app_module, "make_app", lambda *a, **k: pytest.fail("built the app"))
    with pytest.raises(LaunchError):
        run_reader(demo_story, chapter="99")


async def test_position_is_remembered_and_restored(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    first = build(demo_story, clock, state_dir)
    async with first.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right", "j", "3", "plus", "q")
    again = build(demo_story, clock, state_dir)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        state = again.reader.state
        assert (state.chapter, state.event, state.perspective, state.speed) == (1, 1, 2, 300)
    fresh = build(demo_story, clock, state_dir, resume=False)
    async with fresh.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert (fresh.reader.state.chapter, fresh.reader.state.event) == (0, 0)


async def test_start_options_win_over_resume(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    state_dir.mkdir()
    store.path(demo_story).write_text(json.dumps({"version": 1, "position": {
        "chapter": "morning", "event": "morning.2", "perspective": "crew", "speed": 10}}))
    app = build(demo_story, clock, state_dir, chapter="storm")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        state = app.reader.state
        # the saved place is replaced entirely: no tab or speed left over from it
        assert (state.chapter, state.event, state.perspective, state.speed) == (1, 0, 0, 60)


async def test_corrupt_position_starts_fresh_and_says_so(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    state_dir.mkdir()
    ResumeStore(state_dir).path(demo_story).write_text("{oops", encoding="utf-8")
    app = build(demo_story, clock, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        assert app.reader.state.chapter == 0
        assert app.notice == "The saved position was unreadable; starting fresh."


async def test_unwritable_state_is_said_and_never_stops_the_app(
        demo_story: Story, clock: ManualClock, tmp_path: Path) -> None:
    """The state folder is a file (so even root cannot write there): the first save says so in
    a notice on screen, once, and reading and quitting go on."""
    blocker = tmp_path / "state"
    blocker.write_text("", encoding="utf-8")
    app = build(demo_story, clock, blocker)
    async with app.run_test(size=(160, 30), notifications=True) as pilot:
        await press(pilot, "enter", "right")
        assert "Could not save the reading position (" in screen_text(app)
        await press(pilot, "right")
        assert app.reader.state.chapter == 2
        assert screen_text(app).count("Could not save") == 1, "said once, not at every move"
        await pilot.press("q")
    assert app.return_code in (0, None)


async def test_timer_plays_without_blocking_keys(demo_story: Story, state_dir: Path) -> None:
    clock = ManualClock(0.0)
    app = build_app(demo_story, state_dir, clock=clock, tick=0.01)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space")
        clock.advance(32)  # 32 story minutes at 60x: 17:32, past 17:20, waiting for 17:45
        await wait_until(pilot, lambda: app.reader.state.event == 1, "the timer played on")
        await pilot.press("3", "plus")
        assert app.reader.state.perspective == 2 and app.reader.state.speed == 300
        assert app.reader.state.playing
