"""The story cache gives back exactly the story the loader checked, while no file changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ihostage_tui import storycache
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path

GOOD = Path(__file__).parent / "data" / "stories" / "good"


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    return folder


@pytest.mark.parametrize("folder", [GOOD, bundled_story_path()], ids=["good", "bundled"])
def test_a_cached_story_equals_the_loaded_one(folder: Path, tmp_path: Path) -> None:
    loaded = load_story(folder)
    storycache.store(loaded, tmp_path)
    cached = storycache.lookup(folder / "story.yaml", tmp_path)
    assert cached == loaded
    assert cached is not None and cached.zone.key == loaded.zone.key


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("300 people", "301 people"),  # same size, other bytes
    lambda text: text + "\n",
])
def test_any_change_to_a_file_is_a_miss(story_copy: Path, tmp_path: Path, edit: object) -> None:
    storycache.store(load_story(story_copy), tmp_path)
    chapter = story_copy / "chapters" / "01-departure.yaml"
    chapter.write_text(edit(chapter.read_text()))  # type: ignore[operator]
    assert storycache.lookup(story_copy / "story.yaml", tmp_path) is None


def test_a_deleted_chapter_is_a_miss(story_copy: Path, tmp_path: Path) -> None:
    storycache.store(load_story(story_copy), tmp_path)
    (story_copy / "chapters" / "01-departure.yaml").unlink()
    assert storycache.lookup(story_copy / "story.yaml", tmp_path) is None


@pytest.mark.parametrize("damage", [
    lambda entry: "{not json",
    lambda entry: json.dumps({**json.loads(entry), "version": 99}),
    lambda entry: json.dumps({**json.loads(entry), "story": {"title": 3}}),
    lambda entry: entry[: len(entry) // 2],
])
def test_a_damaged_or_foreign_entry_is_a_miss(story_copy: Path, tmp_path: Path,
                                              damage: object) -> None:
    storycache.store(load_story(story_copy), tmp_path)
    (entry,) = tmp_path.glob("story-*.json")
    entry.write_text(damage(entry.read_text()))  # type: ignore[operator]
    assert storycache.lookup(story_copy / "story.yaml", tmp_path) is None


def test_an_unwritable_cache_is_ignored(story_copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    storycache.store(load_story(story_copy), blocked / "cache")  # must not raise
    assert storycache.lookup(story_copy / "story.yaml", blocked / "cache") is None


def test_opening_from_the_cache_does_not_parse_yaml(story_copy: Path, tmp_path: Path) -> None:
    code = (
        "import sys, io\n"
        "from pathlib import Path\n"
        "from ihostage_tui import cli\n"
        f"story = cli._open(Path({str(story_copy)!r}), io.StringIO())\n"
        "print(story.title, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout for _ in range(2)]
    assert runs == ["The Night Ferry True\n", "The Night Ferry False\n"]
