"""`ihostage-tui new`: a starter story that validates, teaches the format, overwrites nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from ihostage_tui.cli import main
from ihostage_tui.loader import load_story


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_new_then_validate_passes(tmp_path: Path) -> None:
    target = tmp_path / "my-story"
    code, out, err = run("new", str(target))
    assert (code, err) == (0, "")
    assert "story.yaml" in out and f"ihostage-tui validate {target}" in out
    code, out, err = run("validate", str(target))
    assert (code, err) == (0, "")
    assert out.startswith("OK: ")


def test_the_starter_shows_every_part_of_the_format(tmp_path: Path) -> None:
    """Two chapters, two perspectives, a dispute and a content note, with comments."""
    run("new", str(tmp_path / "s"))
    story = load_story(tmp_path / "s")
    assert len(story.chapters) == 2 and len(story.perspectives) == 2
    assert story.content_note
    assert any(event.disputed for event in story.events)
    assert any(event.approx for event in story.events)
    for file in (tmp_path / "s").rglob("*.yaml"):
        assert file.read_text().startswith("# "), f"{file.name} opens with no explanation"


def test_the_starter_points_to_a_reference_every_install_has(tmp_path: Path) -> None:
    """The starter's comments send an author to `ihostage-tui format` (which prints the format
    reference), not to a docs/ file that an installed package does not contain."""
    run("new", str(tmp_path / "s"))
    texts = [file.read_text() for file in (tmp_path / "s").rglob("*.yaml")]
    assert any("ihostage-tui format" in text for text in texts)
    assert not any("docs/" in text for text in texts)
    code, out, _ = run("format")
    assert code == 0 and "story.yaml" in out


def test_new_fills_an_empty_folder(tmp_path: Path) -> None:
    code, _, err = run("new", str(tmp_path))
    assert (code, err) == (0, "")
    assert (tmp_path / "story.yaml").is_file()


def test_new_refuses_a_folder_that_is_not_empty(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path.parent)  # a short path: a long one would be cut in the message
    code, out, err = run("new", tmp_path.name)
    assert (code, out) == (2, "")
    assert err == (f"ihostage-tui: error: {tmp_path.name}: the folder is not empty; "
                   "name a new or empty folder for the story\n")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_new_refuses_a_file(tmp_path: Path) -> None:
    file = tmp_path / "story.yaml"
    file.write_text("title: mine\n")
    code, _, err = run("new", str(file))
    assert code == 2 and err.count("\n") == 1 and "not a folder" in err
    assert file.read_text() == "title: mine\n"


@pytest.mark.parametrize("args", [["new"], ["new", "a", "b"]])
def test_new_needs_one_path(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2


def test_a_folder_that_cannot_be_written_is_exit_74(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A relative path, so the message does not depend on how long the host's temporary
    folder's path is (a long one is shortened with an ellipsis)."""
    (tmp_path / "blocked").write_text("a file where the story's parent folder would be")
    monkeypatch.chdir(tmp_path)
    code, out, err = run("new", "blocked/story")
    assert (code, out) == (74, "")
    assert err.startswith("ihostage-tui: error: could not write the starter story in blocked")
    assert err.count("\n") == 1
