"""Live reload without a screen: what a reload gives, and where the reader's place goes."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import timedelta
from pathlib import Path

import pytest

from ihostage_tui import playback as pb
from ihostage_tui import state as st
from ihostage_tui.cli import main
from ihostage_tui.livereload import follow, is_story_file, reload
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story

DEMO = Path(__file__).parent / "data" / "stories" / "reader-demo"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the reader-demo story to edit."""
    return Path(shutil.copytree(DEMO, tmp_path / "story"))


def edit(folder: Path, name: str, old: str, new: str) -> Story:
    """Change a story file, and load the edited story."""
    file = folder / name
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_story(folder)


def at_event(story: Story, chapter: int, event: int, tab: int = 0) -> st.ReadingState:
    state = st.select(story, st.start(story), chapter, event)
    return st.set_perspective(story, state, tab)


def test_reload_gives_the_edited_story(folder: Path) -> None:
    edit(folder, "chapters/01-dusk.yaml", "title: Dusk", "title: Evening")
    story = reload(folder)
    assert isinstance(story, Story) and story.chapters[0].title == "Evening"


def test_reload_of_a_broken_story_gives_what_validate_prints(
        folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    (folder / "chapters" / "01-dusk.yaml").write_text("id: dusk\ntitle: [Dusk\n")
    monkeypatch.chdir(folder)
    report = reload(Path())
    main(["validate", "."])
    printed = capsys.readouterr().err.splitlines()
    assert isinstance(report, str)
    assert report.splitlines()[:-1] == printed[:-1]
    assert printed[0].startswith("chapters/01-dusk.yaml:3:1: error: invalid YAML")
    assert report.splitlines()[-1] == ("1 error: the story was not reloaded; the last version "
                                       "that loaded is shown")


def test_only_yaml_files_are_story_files() -> None:
    assert is_story_file(None, "/s/chapters/01.yaml") and is_story_file(None, "/s/story.yml")
    for other in ("/s/.01.yaml.swp", "/s/01.yaml~", "/s/4913", "/s/notes.txt"):
        assert not is_story_file(None, other)


def test_an_event_without_an_id_is_followed_past_an_insert(folder: Path) -> None:
    """An event inserted before the selected one (which is known by its position): the same
    event stays selected, in the same tab."""
    old = load_story(folder)
    state = at_event(old, 1, 2, tab=2)
    selected = st.current_event(old, state)
    new = edit(folder, "chapters/02-storm.yaml", "events:\n",
               'events:\n  - at: "18:00"\n    title: Inserted\n    text: New.\n'
               "    sources: [log]\n")
    moved = follow(old, new, state)
    assert (st.current_event(new, moved).title, st.current_event(new, moved).at) == (
        selected.title, selected.at)
    assert (moved.chapter, moved.event, moved.perspective) == (1, 3, 2)


def test_an_event_is_followed_by_its_own_id(folder: Path) -> None:
    """An event with an `id:` keeps being selected when its time and title are edited."""
    old = load_story(folder)
    new = edit(folder, "chapters/01-dusk.yaml", '  - at: "17:20"\n    title: A storm warning',
               '  - at: "17:20"\n    id: warning\n    title: A storm warning')
    state = at_event(new, 0, 1)
    newer = edit(folder, "chapters/01-dusk.yaml", 'at: "17:20"\n    id: warning\n    title: A '
                 'storm warning', 'at: "17:25"\n    id: warning\n    title: A gale warning')
    moved = follow(new, newer, state)
    assert st.current_event(newer, moved).title == "A gale warning"
    assert old.chapters[0].events[1].title == "A storm warning"


def test_an_event_whose_id_is_gone_is_found_by_time(folder: Path) -> None:
    old = load_story(folder)
    state = at_event(old, 0, 2)  # dusk.3 at ~17:45
    new = edit(folder, "chapters/01-dusk.yaml", '  - at: "17:20"\n    title: A storm warning',
               '  - at: "17:20"\n    id: warning\n    title: A storm warning')
    moved = follow(old, new, state)
    assert st.current_event(new, moved).at == st.current_event(old, state).at


def test_a_renamed_chapter_keeps_the_moment(folder: Path) -> None:
    old = load_story(folder)
    state = at_event(old, 0, 1, tab=1)
    new = edit(folder, "chapters/01-dusk.yaml", "id: dusk", "id: evening")
    moved = follow(old, new, state)
    assert (moved.chapter, moved.perspective, moved.time) == (0, 1, state.time)


def test_the_clock_playing_and_speed_are_kept(folder: Path) -> None:
    old = load_story(folder)
    state = at_event(old, 0, 0)
    state = dataclasses.replace(pb.toggle_playing(pb.change_speed(state, 1)),
                                time=state.time + timedelta(minutes=7))
    new = edit(folder, "chapters/01-dusk.yaml", "title: Dusk", "title: Evening")
    moved = follow(old, new, state)
    assert moved == state


def test_a_perspective_whose_id_is_gone_opens_the_overview(folder: Path) -> None:
    old = load_story(folder)
    state = at_event(old, 0, 0, tab=3)  # harbour
    for file in (folder / "story.yaml", *(folder / "chapters").glob("*.yaml")):
        text = file.read_text().replace("id: harbour", "id: port").replace("harbour:", "port:")
        file.write_text(text)
    new = load_story(folder)
    assert follow(old, new, state).perspective == 0
