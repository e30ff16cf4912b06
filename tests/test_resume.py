"""Remembering the position: round trips, and every way the file can fail without stopping."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from ihostage_tui import playback as pb
from ihostage_tui import state as st
from ihostage_tui.model import Story
from ihostage_tui.resume import VERSION, Position, ResumeStore, position_of, restore, story_key


def test_round_trip(demo_story: Story, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    state = pb.change_speed(st.set_perspective(
        demo_story, st.select(demo_story, st.start(demo_story), 1, 2), 2), 1)
    assert store.save(demo_story, position_of(demo_story, state)) == ""
    position, problem = store.load(demo_story)
    moment = demo_story.chapters[1].events[2].at
    assert problem == "" and position == Position("storm", "storm.3", "crew", 300, moment,
                                                  moment, order="chapters")
    restored = restore(demo_story, position)
    assert restored == state
    assert [p.name for p in state_dir.iterdir()] == [store.path(demo_story).name]


def test_file_is_versioned_json(demo_story: Story, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    store.save(demo_story, position_of(demo_story, st.start(demo_story)))
    data = json.loads(store.path(demo_story).read_text(encoding="utf-8"))
    assert data["version"] == VERSION and data["position"]["chapter"] == "dusk"


def test_missing_file_is_silent(demo_story: Story, state_dir: Path) -> None:
    assert ResumeStore(state_dir).load(demo_story) == (None, "")


@pytest.mark.parametrize("content", [
    "{not json", "[]", '{"version": 1}', '{"version": 1, "position": {"chapter": "x"}}',
    '{"version": 1, "position": {"chapter": "a", "event": "b", "perspective": "", '
    '"speed": "fast"}}', "\x00\xff",
])
def test_corrupt_file_starts_fresh_with_one_line(
        demo_story: Story, state_dir: Path, content: str) -> None:
    store = ResumeStore(state_dir)
    state_dir.mkdir()
    store.path(demo_story).write_text(content, encoding="utf-8")
    position, problem = store.load(demo_story)
    assert position is None
    assert "starting fresh" in problem and "\n" not in problem


def test_other_version_is_ignored(demo_story: Story, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    state_dir.mkdir()
    store.path(demo_story).write_text('{"version": 99, "position": {}}', encoding="utf-8")
    assert store.load(demo_story)[0] is None


def test_position_not_in_story_any_more(demo_story: Story) -> None:
    assert restore(demo_story, Position("gone", "x", "", 60)) is None
    assert restore(demo_story, Position("dusk", "gone", "", 60)) is None
    kept = restore(demo_story, Position("dusk", "dusk.2", "nobody", 7))
    assert kept is not None and (kept.perspective, kept.speed) == (0, 60)


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root can write anywhere")
def test_unwritable_folder_says_so(demo_story: Story, tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        problem = ResumeStore(tmp_path / "state").save(
            demo_story, position_of(demo_story, st.start(demo_story)))
    finally:
        tmp_path.chmod(0o700)
    assert problem.startswith("Could not save")


def test_folder_that_is_a_file_says_so(demo_story: Story, tmp_path: Path) -> None:
    blocker = tmp_path / "state"
    blocker.write_text("", encoding="utf-8")
    problem = ResumeStore(blocker).save(demo_story, position_of(demo_story, st.start(demo_story)))
    assert problem.startswith("Could not save")
    assert ResumeStore(blocker).load(demo_story)[0] is None


def test_key_differs_by_story_file(demo_story: Story) -> None:
    from dataclasses import replace
    assert story_key(demo_story) != story_key(replace(demo_story, file="/elsewhere/story.yaml"))


def test_one_position_however_the_story_is_opened(
        demo_story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative, absolute, through a link, fresh or from the cache: one file, one position."""
    import shutil

    from ihostage_tui import storycache
    from ihostage_tui.loader import load
    from ihostage_tui.locations import story_identity

    shutil.copytree(demo_story.root, tmp_path / "story")
    (tmp_path / "link").symlink_to(tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    first = load(Path("story"))
    storycache.store(first.story, first.files, tmp_path / "cache")
    store = ResumeStore(tmp_path / "state")
    state = st.select(first.story, st.start(first.story), 2, 1)
    assert store.save(first.story, position_of(first.story, state)) == ""
    for way in (Path("story"), tmp_path / "story" / "story.yaml", Path("link")):
        for story in (load(way).story, storycache.lookup(story_identity(way), tmp_path / "cache")):
            assert story is not None
            position, _ = store.load(story)
            assert position is not None and restore(story, position) == state
    assert len(list((tmp_path / "state").iterdir())) == 1


def test_core_modules_never_import_textual() -> None:
    code = ("import sys; import ihostage_tui.state, ihostage_tui.resume, ihostage_tui.clock, "
            "ihostage_tui.startup; print('textual' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"


def test_the_clock_is_restored_to_the_second(demo_story: Story, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    state = st.select(demo_story, st.start(demo_story), 1, 2)  # 20:15
    state = pb.change_speed(replace(state, playing=True), 1)  # 300x
    state, _ = pb.advance(demo_story, state, 7.6)  # 38 story minutes: 20:53:00
    state, _ = pb.advance(demo_story, state, 0.0966667)  # and 29 seconds
    assert state.time.strftime("%H:%M:%S") == "20:53:29" and state.event == 2
    store.save(demo_story, position_of(demo_story, state))
    position, _ = store.load(demo_story)
    assert position is not None
    restored = restore(demo_story, position)
    assert restored == replace(state, playing=False)


def test_a_clock_outside_its_event_falls_back_to_the_event(demo_story: Story) -> None:
    position = position_of(demo_story, st.select(demo_story, st.start(demo_story), 1, 2))
    assert position.at is not None
    for minutes in (-1, 45):  # before 20:15, or at the next event (21:00)
        moved = replace(position, clock=position.at + timedelta(minutes=minutes))
        restored = restore(demo_story, moved)
        assert restored is not None and restored.time == position.at


def test_the_order_is_restored(demo_story: Story, state_dir: Path) -> None:
    from ihostage_tui.model import Order

    store = ResumeStore(state_dir)
    state = replace(st.select(demo_story, st.start(demo_story), 1, 2), order=Order.TIME)
    store.save(demo_story, position_of(demo_story, state))
    position, _ = store.load(demo_story)
    assert position is not None
    restored = restore(demo_story, position)
    assert restored is not None and restored.order is Order.TIME
