"""The command line: validate, export, version, and clear errors with the right exit codes."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ihostage_tui.cli import main

GOOD = Path(__file__).parent / "data" / "stories" / "good"


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_validate_ok() -> None:
    code, out, err = run("validate", str(GOOD))
    assert (code, err) == (0, "")
    assert out == "OK: The Night Ferry: 1 chapter, 3 events, 2 perspectives\n"


def test_validate_bundled_story_by_default() -> None:
    code, out, _ = run("validate")
    assert code == 0
    assert out.startswith("OK: ")


def test_validate_reports_errors_compiler_style(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("format: 2\ntitle: x\n")
    code, out, err = run("validate", str(tmp_path))
    assert code == 1 and out == ""
    lines = err.splitlines()
    assert lines[0].endswith("story.yaml:1:1: error: missing required field 'timezone'")
    assert lines[2].endswith("story.yaml:1:1: error: missing required field 'date'")
    assert any(line.endswith("story.yaml:1:9: error: format: unsupported story format '2'")
               for line in lines)
    assert lines[-1] == "5 errors: the story was not opened"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["validate", "no/such/story"], "no/such/story: no such file or folder"),
        (["validate", __file__], f"{__file__}: not a story folder or story.yaml"),
        (["export", "nowhere"], "nowhere: no such file or folder"),
        (["--story", "nowhere"], "nowhere: no such file or folder"),
    ],
)
def test_bad_paths_are_one_clear_line(args: list[str], words: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and out == ""
    assert err == f"ihostage-tui: error: {words}\n"


def test_folder_without_story_yaml(tmp_path: Path) -> None:
    code, _, err = run("validate", str(tmp_path))
    assert code == 1
    assert "no story.yaml in this folder" in err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "pdf"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err


def test_version_names_ours_and_textuals(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("ihostage-tui ") and "(Textual 8." in text


def test_export_markdown_reads_as_a_transcript() -> None:
    code, out, _ = run("export", str(GOOD))
    assert code == 0
    assert out.startswith("# The Night Ferry\n")
    assert "> **Content note.** This story describes a storm at sea." in out
    assert "## 1. Departure" in out
    assert "### ~22:30 · The storm reaches the ferry" in out
    assert "- **The passengers:** Passengers are asked to stay inside." in out
    assert "**Sources disagree: How many people were on board**" in out
    assert "- Nearly 400. (Harbour Courier)" in out
    assert "### Sat 6 Nov 01:15 · Arrival, three hours late" in out


def test_export_json_is_the_model() -> None:
    code, out, _ = run("export", str(GOOD), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["title"] == "The Night Ferry"
    event = data["chapters"][0]["events"][1]
    assert event["at"] == "2021-11-05T22:30:00+01:00"
    assert event["approx"] is True
    assert event["views"][1] == {"perspective": "passengers",
                                 "text": "Passengers are asked to stay inside."}


def test_export_into_a_closed_pipe_is_quiet() -> None:
    """Whoever reads the output stops after one line and closes the pipe (as `| head -1` does,
    without needing a shell or head): export says nothing about it."""
    child = subprocess.Popen([sys.executable, "-m", "ihostage_tui", "export", str(GOOD)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()
    err = child.stderr.read()
    child.wait(timeout=60)
    assert first == "# The Night Ferry\n"
    assert err == ""


def test_over_long_path_is_one_short_line() -> None:
    code, _, err = run("validate", "a/" * 3000)
    assert code == 2
    assert err.startswith("ihostage-tui: error: a/a/") and err.count("\n") == 1
    assert len(err) < 200 and os.strerror(errno.ENAMETOOLONG) in err  # the host's own words


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_slow_loads_show_progress_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from ihostage_tui.output import Progress

    monkeypatch.setattr(Progress, "DELAY", 0.0)
    out, err = io.StringIO(), _Terminal()
    assert main(["validate", str(GOOD)], out=out, err=err) == 0
    assert err.getvalue() == "\rLoading story: chapter 1 of 1\x1b[K\r\x1b[K"
    assert out.getvalue().startswith("OK: ")


def test_no_progress_when_not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from ihostage_tui.output import Progress

    monkeypatch.setattr(Progress, "DELAY", 0.0)
    code, _, err = run("validate", str(GOOD))
    assert (code, err) == (0, "")


def test_export_in_time_order_interleaves_chapters(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(
        "format: 1\ntitle: T\ntimezone: UTC\ndate: 2022-02-22\nperspectives: [{id: a, name: A}]\n"
        "sources: [{id: s, title: S}]\nchapters: [a.yaml, b.yaml]\n")
    for name, times in (("a", ("17:00", "19:00")), ("b", ("18:00", "20:00"))):
        events = "".join(f"  - {{at: '{t}', title: {name} at {t}, text: x, sources: [s]}}\n"
                         for t in times)
        (tmp_path / f"{name}.yaml").write_text(
            f"id: {name}\ntitle: Chapter {name}\nsummary: About {name}.\nevents:\n{events}")
    code, out, _ = run("export", str(tmp_path), "--order", "time")
    assert code == 0
    lines = [line for line in out.splitlines() if line.startswith(("## ", "### "))]
    assert lines == [
        "## 1. Chapter a", "### 17:00 · a at 17:00", "## 2. Chapter b", "### 18:00 · b at 18:00",
        "## 1. Chapter a (continued)", "### 19:00 · a at 19:00",
        "## 2. Chapter b (continued)", "### 20:00 · b at 20:00", "## Sources"]
    assert out.count("*About a.*") == 1
    code, chapters, _ = run("export", str(tmp_path))
    assert code == 0 and chapters.index("b at 18:00") > chapters.index("a at 19:00")


def test_export_order_time_is_for_markdown_only() -> None:
    code, out, err = run("export", str(GOOD), "--format", "json", "--order", "time")
    assert (code, out) == (2, "")
    assert "--order time arranges the Markdown transcript" in err


def test_format_prints_the_reference_the_help_names(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["format"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# The story format") and "## " in out
    assert main(["--help"]) == 0
    assert "`ihostage-tui format` prints the reference" in " ".join(capsys.readouterr().out.split())
