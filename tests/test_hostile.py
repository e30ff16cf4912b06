"""Hostile story files that cannot be stored as static corpus folders, generated in tmp_path.

Each must make `ihostage-tui validate` exit 1 with a located, readable message: never a
traceback, a crash of the interpreter, a hang or a flood of output. No test here times anything
(how long a file takes is the benchmarks' business); a child process has a timeout against hangs.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ihostage_tui.cli import main
from ihostage_tui.loader import load_story
from ihostage_tui.yamlfile import MAX_DEPTH, MAX_FILE_BYTES
from ihostage_tui.yamlnodes import MAX_PROBLEMS, MAX_VALUES

BASE = Path(__file__).parent / "data" / "stories" / "bad-unknown-key"
STORY = (BASE / "story.yaml").read_text()
CHAPTER = (BASE / "chapters" / "01.yaml").read_text().replace("titel", "title")


def make_story(root: Path, story: str = STORY, chapter: str | bytes = CHAPTER) -> Path:
    """The small corpus story in `root`, with story.yaml and chapters/01.yaml replaced."""
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(story)
    data = chapter.encode() if isinstance(chapter, str) else chapter
    (root / "chapters" / "01.yaml").write_bytes(data)
    return root


def validate(folder: Path) -> tuple[int, str]:
    """`ihostage-tui validate .` inside `folder`: the exit code and stderr."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(folder)
    try:
        code = main(["validate", "."], out=out, err=err)
    finally:
        os.chdir(before)
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


def assert_fails(folder: Path, *expected: str) -> str:
    """validate exits 1 and every expected fragment is in its output."""
    code, err = validate(folder)
    assert code == 1, err
    for fragment in expected:
        assert fragment in err, err
    return err


def test_a_50_mb_file_is_refused_by_size(tmp_path: Path) -> None:
    chapter = CHAPTER + "# " + "x" * 100 + "\n"
    make_story(tmp_path, chapter=chapter * (50 * 2**20 // len(chapter)))
    assert_fails(tmp_path, "chapters/01.yaml: error: the file is 50.0 MiB; "
                 f"the limit is {MAX_FILE_BYTES // 2**20} MiB")


def test_a_single_1_mb_line_loads(tmp_path: Path) -> None:
    words = "word " * (2**20 // 5)
    make_story(tmp_path, chapter=CHAPTER.replace("Something happened.", words.strip()))
    story = load_story(tmp_path)
    assert len(story.chapters[0].events[0].text) > 2**20 - 10


def test_a_1_mb_line_of_a_bad_value_fails_with_a_short_message(tmp_path: Path) -> None:
    make_story(tmp_path, chapter=CHAPTER.replace('"17:40"', "x" * 2**20))
    err = assert_fails(tmp_path, "chapters/01.yaml:8:9: error: events[1].at: 'xxx")
    assert len(err) < 1000


def test_an_unreadable_chapter(tmp_path: Path) -> None:
    make_story(tmp_path)
    chapter = tmp_path / "chapters" / "01.yaml"
    chapter.chmod(0)
    try:
        if os.access(chapter, os.R_OK):
            pytest.skip("this user can read a file with mode 000 (running as root)")
        assert_fails(tmp_path, "chapters/01.yaml: error: permission denied")
    finally:
        chapter.chmod(0o644)


def test_a_permission_error_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an unreadable file gives, simulated so the test also runs where root reads anything."""
    make_story(tmp_path)
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "01.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert_fails(tmp_path, "chapters/01.yaml: error: permission denied: you may not read this "
                 "file\n  hint: check the file's permissions")


def test_a_symlinked_chapter_pointing_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text(CHAPTER)
    story = make_story(tmp_path / "story")
    (story / "chapters" / "01.yaml").unlink()
    (story / "chapters" / "01.yaml").symlink_to(outside)
    assert_fails(story, "story.yaml:14:5: error: chapters[0]: chapter file 'chapters/01.yaml' "
                 "points outside the story folder")


def test_a_symlink_loop(tmp_path: Path) -> None:
    make_story(tmp_path)
    (tmp_path / "chapters" / "01.yaml").unlink()
    (tmp_path / "chapters" / "01.yaml").symlink_to(tmp_path / "chapters" / "01.yaml")
    assert_fails(tmp_path, "story.yaml:14:5: error: chapters[0]: chapter file 'chapters/01.yaml' "
                 "cannot be opened")


def test_a_chapter_path_that_is_a_folder(tmp_path: Path) -> None:
    make_story(tmp_path, story=STORY.replace("chapters/01.yaml", "chapters/"))
    assert_fails(tmp_path, "story.yaml:14:5: error: chapters[0]: chapter file 'chapters/' is a "
                 "folder, not a file")


def test_a_chapter_path_too_long_for_the_system(tmp_path: Path) -> None:
    make_story(tmp_path, story=STORY.replace("chapters/01.yaml", "a" * 5000))
    err = assert_fails(tmp_path, "story.yaml:14:5: error: chapters[0]: chapter file 'aaa")
    assert len(err) < 1000


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX only")
def test_a_fifo_or_device_never_hangs(tmp_path: Path) -> None:
    make_story(tmp_path)
    (tmp_path / "chapters" / "01.yaml").unlink()
    os.mkfifo(tmp_path / "chapters" / "01.yaml")
    assert_fails(tmp_path, "chapters[0]: chapter file 'chapters/01.yaml' is not a regular file")
    if Path("/dev/zero").exists():
        (tmp_path / "story.yaml").unlink()
        (tmp_path / "story.yaml").symlink_to("/dev/zero")
        assert_fails(tmp_path, "story.yaml: error: is not a regular file")


def test_aliases_past_the_value_limit(tmp_path: Path) -> None:
    row = ", ".join(["nos"] * 2000)
    rows = ", ".join(["*row"] * 2000)
    chapter = f"x: &row [{row}]\ny: &rows [{rows}]\n" + CHAPTER
    make_story(tmp_path, chapter=chapter)
    assert_fails(tmp_path, "chapters/01.yaml:2:",
                 f"aliases expand the file to more than {MAX_VALUES:,} values (the limit)")


def test_a_flood_of_errors_is_cut_short(tmp_path: Path) -> None:
    make_story(tmp_path, chapter=CHAPTER.replace("[nos]", "[" + ", ".join(["nso"] * 5000) + "]"))
    err = assert_fails(tmp_path, f"more than {MAX_PROBLEMS} problems in this file; stopped")
    assert err.count("unknown source 'nso'") == MAX_PROBLEMS


def test_terminal_escapes_in_a_key_are_not_printed(tmp_path: Path) -> None:
    make_story(tmp_path, chapter=CHAPTER.replace("    title: First",
                                                 '    title: First\n    "\\e]0;owned\\a": x'))
    err = assert_fails(tmp_path, "chapters/01.yaml:6:5: error: events[0].\u241b]0;owned\u2407")
    assert "\x1b" not in err and "\x07" not in err


def test_a_folder_without_story_yaml(tmp_path: Path) -> None:
    assert_fails(tmp_path, "error: no story.yaml in this folder")


OUTER = 3
"""Levels around an event's text in a chapter: the file's mapping, its events list, the event."""
NESTING = {
    "flow": "[" * 100_000 + "]" * 100_000,
    "dashes": "\n      " + "- " * 100_000 + "x",
    "braces": "{a: " * 100_000 + "}" * 100_000,
}


@pytest.mark.parametrize("form", sorted(NESTING))
def test_100_000_levels_of_nesting_do_not_crash(tmp_path: Path, form: str) -> None:
    """Run in a subprocess: a recursive composer would kill the interpreter, not fail a test.

    The error points at the first level past the limit, whichever YAML library release is
    installed: PyYAML 6.0.4's libyaml stops deep flow nesting by itself, with its own message,
    before the loader sees the brackets, and the loader still reports its own limit there.
    """
    make_story(tmp_path, chapter=CHAPTER.replace("Something happened.", NESTING[form]))
    if form == "dashes":
        where = "chapters/01.yaml:7:"
    else:
        text = CHAPTER.splitlines()[5]
        first = text.index("Something happened.") + 1
        step = 4 if form == "braces" else 1
        where = f"chapters/01.yaml:6:{first + (MAX_DEPTH - OUTER) * step}: error: "
    assert_deep_fails(tmp_path, where)


@pytest.mark.parametrize("opened", [33, 999, 1_001, 5_000])
def test_flow_nesting_past_the_limit_is_the_loaders_error_at_any_depth(
    tmp_path: Path, opened: int
) -> None:
    """Around libyaml's own limit of 1,000 levels, one message: the loader's, with its hint."""
    deep = "x: " + "[" * opened + "]" * opened
    make_story(tmp_path, chapter=CHAPTER.replace("Something happened.", "{" + deep + "}"))
    text = CHAPTER.splitlines()[5]
    inside = OUTER + 1  # and the `{x: ` mapping around the brackets
    column = text.index("Something happened.") + 1 + len("{x: ") + MAX_DEPTH - inside
    err = assert_fails(
        tmp_path, f"chapters/01.yaml:6:{column}: error: nested more than {MAX_DEPTH} levels deep",
        "hint: a story never needs deep nesting; flatten this part")
    assert "invalid YAML" not in err


def test_thousands_of_levels_of_indentation_do_not_crash(tmp_path: Path) -> None:
    """Indentation grows with depth, so 5,000 levels already make a 12 MB file."""
    deep = "".join(" " * level + "k:\n" for level in range(6, 5_000))
    make_story(tmp_path, chapter=CHAPTER.replace(" Something happened.", "\n" + deep))
    assert_deep_fails(tmp_path, "chapters/01.yaml:36:36:")


def assert_deep_fails(folder: Path, where: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ihostage_tui", "validate", "."], cwd=folder,
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert f"error: nested more than {MAX_DEPTH} levels deep (the limit)" in done.stderr
    assert done.stderr.startswith(where)


def test_the_documented_limits_are_the_limits_in_the_code() -> None:
    from ihostage_tui.loader import MAX_CHAPTERS

    docs = (Path(__file__).parents[1] / "docs" / "story-format.md").read_text(encoding="utf-8")
    limits = docs.split("## Limits", 1)[1].split("\n## ", 1)[0]
    for row in (f"| size of one file | {MAX_FILE_BYTES // 2**20} MiB |",
                f"| nesting of lists and mappings in one file | {MAX_DEPTH} levels |",
                f"| values in one file once every alias is written out | {MAX_VALUES:,} |",
                f"| values read from one file | {MAX_VALUES:,} |",
                f"| chapters in a story | {MAX_CHAPTERS:,} |",
                f"| problems reported per file | {MAX_PROBLEMS} |"):
        assert row in limits
