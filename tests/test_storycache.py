"""The story cache gives back exactly the story the loader checked, while no file changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import child_env

from ihostage_tui import storycache
from ihostage_tui.loader import load
from ihostage_tui.locations import bundled_story_path, story_identity
from ihostage_tui.model import Story

GOOD = Path(__file__).parent / "data" / "stories" / "good"


@pytest.fixture
def story_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(GOOD, folder)
    return folder


def cache(folder: Path, into: Path) -> Story:
    """Load a story and store it in the cache folder `into`; the loaded story."""
    result = load(folder)
    assert storycache.store(result.story, result.files, into) == ""
    return result.story


def lookup(path: Path, folder: Path) -> Story | None:
    return storycache.lookup(story_identity(path), folder)


@pytest.mark.parametrize("folder", [GOOD, bundled_story_path()], ids=["good", "bundled"])
def test_a_cached_story_equals_the_loaded_one(folder: Path, tmp_path: Path) -> None:
    loaded = cache(folder, tmp_path)
    cached = lookup(folder, tmp_path)
    assert cached == loaded
    assert cached is not None and cached.zone.key == loaded.zone.key


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("300 people", "301 people"),  # same size, other bytes
    lambda text: text + "\n",
])
def test_any_change_to_a_file_is_a_miss(story_copy: Path, tmp_path: Path, edit: object) -> None:
    cache(story_copy, tmp_path)
    chapter = story_copy / "chapters" / "01-departure.yaml"
    chapter.write_text(edit(chapter.read_text()))  # type: ignore[operator]
    assert lookup(story_copy, tmp_path) is None


def test_a_deleted_chapter_is_a_miss(story_copy: Path, tmp_path: Path) -> None:
    cache(story_copy, tmp_path)
    (story_copy / "chapters" / "01-departure.yaml").unlink()
    assert lookup(story_copy, tmp_path) is None


@pytest.mark.parametrize("damage", [
    lambda entry: "{not json",
    lambda entry: json.dumps({**json.loads(entry), "version": 99}),
    lambda entry: json.dumps({**json.loads(entry), "story": {"title": 3}}),
    lambda entry: entry[: len(entry) // 2],
    lambda entry: "[" * 100_000,
    lambda entry: "",
    lambda entry: "null",
    lambda entry: json.dumps({**json.loads(entry), "files": []}),
    lambda entry: json.dumps({**json.loads(entry), "files": [["story.yaml", "1", "x"]]}),
    lambda entry: json.dumps({**json.loads(entry), "file": "/elsewhere/story.yaml"}),
    lambda entry: entry.replace('"approx": false', '"approx": 0'),
    lambda entry: entry.replace('"approx": false', '"approx": false, "extra": 1'),
    lambda entry: entry.replace('Europe/Amsterdam]', 'Mars/Olympus]'),
    lambda entry: entry.replace('+01:00[', '+05:00['),
])
def test_a_damaged_or_foreign_entry_is_a_miss(story_copy: Path, tmp_path: Path,
                                              damage: object) -> None:
    cache(story_copy, tmp_path)
    (entry,) = tmp_path.glob("story-*.json")
    entry.write_text(damage(entry.read_text()))  # type: ignore[operator]
    assert lookup(story_copy, tmp_path) is None


def test_an_unwritable_cache_is_one_line(story_copy: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    result = load(story_copy)
    said = storycache.store(result.story, result.files, blocked / "cache")
    assert said.startswith("Could not write the story cache (") and "\n" not in said
    assert str(tmp_path) not in said
    assert lookup(story_copy, blocked / "cache") is None


def test_opening_from_the_cache_does_not_parse_yaml(story_copy: Path, tmp_path: Path) -> None:
    code = (
        "import sys, io\n"
        "from pathlib import Path\n"
        "from ihostage_tui import cli\n"
        f"story, _ = cli._open(Path({str(story_copy)!r}), io.StringIO())\n"
        "print(story.title, 'yaml' in sys.modules)\n"
    )
    env = child_env(tmp_path)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout for _ in range(2)]
    assert runs == ["The Night Ferry True\n", "The Night Ferry False\n"]


def test_a_fifo_in_place_of_an_entry_is_a_miss(story_copy: Path, tmp_path: Path) -> None:
    os.mkfifo(storycache.entry_path(tmp_path, str(story_identity(story_copy))))
    assert lookup(story_copy, tmp_path) is None


def test_each_story_file_has_its_own_entry(story_copy: Path, tmp_path: Path) -> None:
    """A folder with story.yaml and alt.yaml: each opens as itself, whichever was cached first."""
    story_yaml = story_copy / "story.yaml"
    (story_copy / "alt.yaml").write_text(
        story_yaml.read_text().replace("The Night Ferry", "The Other Ferry"))
    alternate = cache(story_copy / "alt.yaml", tmp_path)
    assert lookup(story_copy, tmp_path) is None
    original = cache(story_copy, tmp_path)
    assert lookup(story_copy / "alt.yaml", tmp_path) == alternate
    assert lookup(story_copy, tmp_path) == original
    assert (alternate.title, original.title) == ("The Other Ferry", "The Night Ferry")


def test_one_identity_however_the_path_is_given(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    link = tmp_path / "link"
    link.symlink_to(story_copy)
    monkeypatch.chdir(story_copy.parent)
    ways = [Path("story"), story_copy, link, link / "story.yaml", Path("story/./story.yaml")]
    stories = {str(way): load(way).story for way in ways}
    assert {(s.file, s.root) for s in stories.values()} == {
        (str(story_copy.resolve() / "story.yaml"), str(story_copy.resolve()))}
    cache(Path("story"), tmp_path / "cache")
    for way in ways:
        assert lookup(way, tmp_path / "cache") == stories[str(way)]
    assert len(list((tmp_path / "cache").iterdir())) == 1


def test_the_fingerprint_is_of_the_bytes_parsed(
        story_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A chapter edited while the story loads is not cached with its new digest and old text."""
    from ihostage_tui import yamlfile

    chapter = story_copy / "chapters" / "01-departure.yaml"
    reading = yamlfile._read_bytes

    def edited_after_reading(path: Path, reader: object) -> bytes | None:
        data = reading(path, reader)  # type: ignore[arg-type]
        if path.name == chapter.name:
            chapter.write_text(chapter.read_text().replace("300 people", "301 people"))
        return data

    monkeypatch.setattr(yamlfile, "_read_bytes", edited_after_reading)
    loaded = cache(story_copy, tmp_path)
    assert "300 people" in str(loaded.chapters)
    assert lookup(story_copy, tmp_path) is None  # the file on disk is not what was parsed
    monkeypatch.undo()
    assert "301 people" in str(cache(story_copy, tmp_path).chapters)
    assert lookup(story_copy, tmp_path) is not None


def test_clear_removes_every_entry(story_copy: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    cache(story_copy, folder)
    (folder / "unrelated.txt").write_text("kept")
    assert storycache.clear(folder) == 1
    assert [p.name for p in folder.iterdir()] == ["unrelated.txt"]
    assert storycache.clear(tmp_path / "never-made") == 0


def test_cache_clear_command(story_copy: Path, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from ihostage_tui.cli import main

    cache(story_copy, storycache.default_dir())
    out = io.StringIO()
    assert main(["cache", "clear"], out=out) == 0
    assert out.getvalue() == f"Removed 1 cached story from {storycache.default_dir()}\n"
    assert lookup(story_copy, storycache.default_dir()) is None
    assert main(["cache", "clear"], out=out) == 0
