"""The resume file against the issue: atomic, versioned, by ids then time; never stops the app."""

from __future__ import annotations

import errno
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import build_app

from ihostage_tui import persist
from ihostage_tui import state as st
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.resume import Position, ResumeStore, position_of, restore


def saved_at(story: Story, chapter: int, event: int) -> Position:
    return position_of(story, st.select(story, st.start(story), chapter, event))


def test_edited_story_restores_to_the_event_at_or_before_the_time(demo_story: Story) -> None:
    position = saved_at(demo_story, 1, 2)  # storm, 20:15
    storm = demo_story.chapters[1]
    renamed = tuple(replace(e, id=f"new-{n}") for n, e in enumerate(storm.events))
    edited = replace(demo_story, chapters=(demo_story.chapters[0],
                                           replace(storm, events=renamed[:2] + renamed[3:]),
                                           demo_story.chapters[2]))
    state = restore(edited, position)
    assert state is not None and (state.chapter, state.event) == (1, 1)  # 19:30, before 20:15
    early = replace(position, event="gone", at=storm.events[0].at.replace(hour=1))
    state = restore(edited, early)
    assert state is not None and (state.chapter, state.event) == (1, 0)
    assert restore(edited, replace(position, event="gone", at=None)) is None


def test_save_is_atomic_and_leaves_no_temporary_file(
        demo_story: Story, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ResumeStore(state_dir)
    assert store.save(demo_story, saved_at(demo_story, 0, 1)) == ""
    before = store.path(demo_story).read_text(encoding="utf-8")

    def interrupted(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", interrupted)
    problem = store.save(demo_story, saved_at(demo_story, 2, 2))
    assert problem == "Could not save the reading position (No space left on device)."
    assert store.path(demo_story).read_text(encoding="utf-8") == before  # old file intact
    assert [p.name for p in state_dir.iterdir()] == [store.path(demo_story).name]


@pytest.mark.parametrize("content", [
    b"\xff\xfe not utf-8", b'{"version": 1, "position": {"chapter": "dusk", "event": "dusk.1",'
    b' "perspective": "", "speed": Infinity}}', b"[" * 100_000, b" " * 70_000,
    b'{"version": 1, "position": {"chapter": "dusk", "event": "x", "perspective": "",'
    b' "speed": 60, "at": "not a time"}}', b'{"version": 1, "position": "dusk"}',
    b'{"version": 1, "position": {"chapter": "dusk", "event": "dusk.1", "perspective": "", "spe',
])
def test_corrupt_or_truncated_file(demo_story: Story, state_dir: Path, content: bytes) -> None:
    store = ResumeStore(state_dir)
    state_dir.mkdir()
    store.path(demo_story).write_bytes(content)
    position, problem = store.load(demo_story)
    assert position is None and "starting fresh" in problem and "\n" not in problem


def test_a_fifo_in_its_place_does_not_hang(demo_story: Story, state_dir: Path) -> None:
    store = ResumeStore(state_dir)
    state_dir.mkdir()
    os.mkfifo(store.path(demo_story))
    assert store.load(demo_story)[0] is None


def test_unreadable_file(demo_story: Story, state_dir: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_args: object, **_kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    store = ResumeStore(state_dir)
    store.save(demo_story, saved_at(demo_story, 0, 0))
    monkeypatch.setattr(os, "open", denied)
    assert store.load(demo_story) == (
        None, "Could not read the saved position (Permission denied); starting fresh.")


@pytest.mark.parametrize("case", ["corrupt", "foreign", "unreadable", "gone"])
async def test_app_starts_at_the_beginning_and_says_why(
        demo_story: Story, state_dir: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    store = ResumeStore(state_dir)
    store.save(demo_story, saved_at(demo_story, 1, 2))
    path = store.path(demo_story)
    if case == "corrupt":
        path.write_text('{"version": 1, "posi', encoding="utf-8")
    elif case == "foreign":
        path.write_text(json.dumps({"version": 99, "position": {}}), encoding="utf-8")
    elif case == "gone":
        data = json.loads(path.read_text(encoding="utf-8"))
        data["position"]["chapter"] = "deleted-chapter"
        path.write_text(json.dumps(data), encoding="utf-8")
    else:
        monkeypatch.setattr(persist, "read_regular", lambda *_args: (_ for _ in ()).throw(
            PermissionError(errno.EACCES, "Permission denied")))
    app = build_app(demo_story, state_dir, clock=ManualClock(0.0), resume=True)
    assert app.notice.endswith("starting fresh.") and "\n" not in app.notice
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert (app.reader.state.chapter, app.reader.state.event) == (0, 0)
        assert app.is_running


async def test_full_disk_on_save_keeps_the_app_running(
        demo_story: Story, state_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    app = build_app(demo_story, state_dir, clock=ManualClock(0.0), resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "right", "right", "left")
        assert app.reader.store is None  # said once, then no more tries
        assert app.reader.state.chapter == 1 and app.is_running


async def test_read_only_state_folder_keeps_the_app_running(
        demo_story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def read_only(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")  # the words, not the host's strerror

    monkeypatch.setattr(Path, "mkdir", read_only)
    store = ResumeStore(tmp_path / "home" / ".local" / "state")
    problem = store.save(demo_story, saved_at(demo_story, 0, 0))
    assert problem == "Could not save the reading position (Read-only file system)."
    app = build_app(demo_story, tmp_path / "home" / "state", clock=ManualClock(0.0), resume=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "right")
        assert app.is_running and app.reader.state.chapter == 1
