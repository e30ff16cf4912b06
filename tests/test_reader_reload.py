"""Live reload in the reader: edit the story's files while it is open (Pilot, real files).

Each test writes to a copy of the reader-demo story on disk while the reader is open, and waits,
in a bounded loop, for what a reader would see: the edit on screen with the place kept, a located
error panel over the last good version, the panel gone once the file is fixed.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import build_app, press, screen_rows, screen_text, settle, wait_until
from textual.pilot import Pilot
from textual.widgets import OptionList

from ihostage_tui.app import ReaderApp, StoryEdited
from ihostage_tui.cli import main
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.screens.evidence import EvidenceScreen
from ihostage_tui.screens.go_to_time import GoToTimeScreen
from ihostage_tui.screens.search import SearchScreen
from ihostage_tui.widgets.story_problems import StoryProblems

DEMO = Path(__file__).parent / "data" / "stories" / "reader-demo"
CHAPTER = "chapters/01-dusk.yaml"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the reader-demo story to edit."""
    return Path(shutil.copytree(DEMO, tmp_path / "story"))


def reader(folder: Path, clock: ManualClock, state_dir: Path, watch: bool = True) -> ReaderApp:
    return build_app(load_story(folder), state_dir, clock=clock, watch=folder if watch else None)


def edit(folder: Path, old: str, new: str) -> None:
    file = folder / CHAPTER
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


async def until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Wait for a condition (a saved file reaches the reader through the file watcher, on its
    own thread), checking each time the app is idle; fail if it never comes true."""
    await wait_until(pilot, condition, "the edit reached the reader", rounds=250)


def shown(app: ReaderApp, text: str) -> bool:
    return any(text in row for row in screen_rows(app))


def problems(app: ReaderApp) -> str:
    """The text of the errors panel, "" when there is none."""
    panels = app.reader.query(StoryProblems)
    return str(panels.first().render()) if panels else ""


def place(app: ReaderApp) -> tuple[int, int, int, object, bool]:
    state = app.reader.state
    return state.chapter, state.event, state.perspective, state.time, state.playing


async def open_at_an_event(pilot: Pilot[None]) -> None:
    """Past the content note, to the third event of the first chapter, in the Keeper's tab."""
    await pilot.press("enter", "j", "j", "2")


async def test_an_edited_title_appears_and_the_place_is_kept(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    app = reader(folder, clock, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at_an_event(pilot)
        before = place(app)
        assert shown(app, "Dusk") and not shown(app, "Nightfall")
        edit(folder, "title: Dusk", "title: Nightfall")
        await until(pilot, lambda: shown(app, "Nightfall"))
        assert place(app) == before
        assert app.reader.story.chapters[0].title == "Nightfall"


async def test_a_broken_file_shows_its_errors_over_the_last_good_story(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    app = reader(folder, clock, state_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at_an_event(pilot)
        before = place(app)
        edit(folder, 'at: "17:00"', 'at: "25:61"')
        await until(pilot, lambda: "25:61" in problems(app) and shown(app, "hint:"))
        err = io.StringIO()
        main(["validate", str(folder)], out=io.StringIO(), err=err)
        located = err.getvalue().splitlines()[0]
        assert f"{CHAPTER}:5:9: error: events[0].at: 25:61 is not a clock time" in located
        assert problems(app).splitlines()[:-1] == err.getvalue().splitlines()[:-1]
        assert shown(app, "The story has errors")
        assert shown(app, "The lamp is lit") and place(app) == before

        edit(folder, 'at: "25:61"', 'at: "17:00"')
        await until(pilot, lambda: not shown(app, "The story has errors"))
        assert not problems(app) and not shown(app, "25:61") and place(app) == before


async def test_edits_in_quick_succession_end_on_the_last(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    """Two saves whose reloads arrive together: the reader ends on the last version, its place
    kept. (Composing the screen again while the previous composition was still mounting broke
    the tabs, one run in three on a loaded machine; each composition now waits for the last.)"""
    app = reader(folder, clock, state_dir, watch=False)
    edit(folder, "title: Dusk", "title: Nightfall")
    first = load_story(folder)
    edit(folder, "title: Nightfall", "title: Evening")
    second = load_story(folder)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at_an_event(pilot)
        before = place(app)
        app.post_message(StoryEdited(first))
        app.post_message(StoryEdited(second))
        await until(pilot, lambda: shown(app, "Evening"))
        await settle(pilot)
        assert not shown(app, "Nightfall") and place(app) == before


async def test_no_watch_leaves_the_story_as_it_was_opened(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    app = reader(folder, clock, state_dir, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_at_an_event(pilot)
        assert not [w for w in app.workers if w.name == "live-reload"]
        edit(folder, "title: Dusk", "title: Nightfall")
        await settle(pilot)
        assert app.reader.story.chapters[0].title == "Dusk"


def test_no_watch_option_reaches_the_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def run_reader(story: object, **options: object) -> tuple[int, str]:
        seen.append(options["watch"])
        return 0, ""

    monkeypatch.setattr("ihostage_tui.app.run_reader", run_reader)
    monkeypatch.setattr("ihostage_tui.cli.closed_standard_stream", lambda: "")  # pytest's stdin
    assert main(["--story", str(DEMO), "--no-resume"]) == 0
    assert main(["--story", str(DEMO), "--no-resume", "--no-watch"]) == 0
    assert seen == [DEMO, None]


async def test_an_open_search_follows_the_edited_story(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    """The search dialog is open when an edit reloads the story: its results are listed again
    for the edited story, and the one chosen opens that event, not what stood at its old place."""
    app = reader(folder, clock, state_dir, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "slash", *"fishing")
        assert "Fishing boats come in" in results(app)
        edit(folder, '  - at: "17:20"', '  - at: "17:10"\n    title: A gull lands on the gallery\n'
             '    text: A fishing gull lands by the lamp.\n    sources: [log]\n  - at: "17:20"')
        app.post_message(StoryEdited(load_story(folder)))
        await wait_until(pilot, lambda: "A gull lands on the gallery" in results(app),
                         "the new event listed among the results")
        await press(pilot, "down", "enter")
        state = app.reader.state
        assert (state.chapter, state.event) == (0, 4)
        assert app.reader.story.chapters[0].events[4].title == "Fishing boats come in"


def results(app: ReaderApp) -> str:
    """The search dialog's results as text ("" when it is not open)."""
    if not isinstance(app.screen, SearchScreen):
        return ""
    listed = app.screen.query_one(OptionList)
    return "\n".join(str(listed.get_option_at_index(i).prompt)
                     for i in range(listed.option_count))


async def test_open_evidence_follows_the_edited_story(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    """The evidence of the selected event is open when an edit gives it a second source: the
    open evidence lists both, as it would if opened now."""
    app = reader(folder, clock, state_dir, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "e")
        assert "Sources (1)" in screen_text(app)
        edit(folder, "    sources: [log]\n", "    sources: [log, courier]\n")
        app.post_message(StoryEdited(load_story(folder)))
        await wait_until(pilot, lambda: "Sources (2)" in screen_text(app),
                         "the edited sources in the open evidence")
        assert isinstance(app.screen, EvidenceScreen)


async def test_an_open_go_to_time_reads_times_in_the_edited_story(
        folder: Path, clock: ManualClock, state_dir: Path) -> None:
    """Go to time is open when an edit moves the story to another time zone: a time typed then
    is read in the edited story's zone, so 17:45 lands on the 17:45 event, not an hour off."""
    app = reader(folder, clock, state_dir, watch=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "t")
        assert isinstance(app.screen, GoToTimeScreen)
        story_file = folder / "story.yaml"
        text = story_file.read_text(encoding="utf-8")
        story_file.write_text(text.replace("timezone: Europe/Amsterdam", "timezone: Europe/London"),
                              encoding="utf-8")
        app.post_message(StoryEdited(load_story(folder)))
        await wait_until(pilot, lambda: str(app.reader.story.zone) == "Europe/London",
                         "the edited story in the reader")
        await press(pilot, *"17:45", "enter")
        state = app.reader.state
        assert (state.chapter, state.event) == (0, 2)
        assert state.time == datetime(2021, 11, 5, 17, 45, tzinfo=ZoneInfo("Europe/London"))
