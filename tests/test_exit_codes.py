"""Exit status never says success after a failure, and every failure is one line, no traceback.

The process-level cases (pipes, closed streams, a full disk, a deleted folder) run the real
command in a child process, with its standard streams arranged by Python, not by a shell.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import child_env
from textual.app import App

from ihostage_tui import cli
from ihostage_tui.app import ReaderApp
from ihostage_tui.cli import main

STORIES = Path(__file__).parent / "data" / "stories"
GOOD, BAD = STORIES / "good", STORIES / "bad-unknown-source"
DEMO = STORIES / "reader-demo"


def command(*args: str, stdin: int | None = None, stdout: int | None = subprocess.PIPE,
            stderr: int | None = subprocess.PIPE, tmp: Path,
            before: Callable[[], None] | None = None) -> tuple[int, str]:
    """Run `ihostage-tui ARGS` in a child process; its exit code and standard error."""
    env = child_env(tmp)
    child = subprocess.run([sys.executable, "-m", "ihostage_tui", *args], stdin=stdin,
                           stdout=stdout, stderr=stderr, env=env, preexec_fn=before,
                           timeout=60, check=False)
    return child.returncode, (child.stderr or b"").decode("utf-8", "replace")


def one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.startswith("ihostage-tui: "), err
    assert "Traceback" not in err


def test_a_crash_in_the_reader_exits_70_in_one_line(
        private_folders: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    def broken(self: ReaderApp) -> None:
        raise RuntimeError("a bug in the reader")

    def headless(self: ReaderApp, **options: object) -> None:
        App.run(self, headless=True)

    monkeypatch.setattr(ReaderApp, "on_mount", broken)
    monkeypatch.setattr(ReaderApp, "run", headless)
    monkeypatch.setattr(cli, "closed_standard_stream", lambda: "")  # pytest holds stdin
    out, err = io.StringIO(), io.StringIO()
    assert main(["--story", str(DEMO), "--no-resume"], out=out, err=err) == 70
    one_line(err.getvalue())
    assert "internal error in the reader" in err.getvalue()
    kept = (private_folders / "state" / "crash.txt").read_text(encoding="utf-8")
    assert "RuntimeError" in kept and "a bug in the reader" in kept
    captured = capfd.readouterr()
    assert "Traceback" not in captured.err + captured.out
    assert out.getvalue() == ""


def test_validate_keeps_exit_1_when_the_pipe_is_closed(tmp_path: Path) -> None:
    """`validate bad 2>&1 | head -1`: the reader of the pipe is gone before anything is said."""
    read, write = os.pipe()
    os.close(read)
    try:
        code, _ = command("validate", str(BAD), stdout=write, stderr=write, tmp=tmp_path)
    finally:
        os.close(write)
    assert code == 1


def test_export_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    read, write = os.pipe()
    os.close(read)
    try:
        code, err = command("export", str(GOOD), stdout=write, tmp=tmp_path)
    finally:
        os.close(write)
    assert (code, err) == (0, "")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_full_disk_is_one_line_and_fails(tmp_path: Path) -> None:
    with Path("/dev/full").open("wb") as full:
        code, err = command("export", str(GOOD), stdout=full.fileno(), tmp=tmp_path)
    assert code == 74
    one_line(err)
    assert "could not write the output" in err


@pytest.mark.parametrize("stream", [0, 1], ids=["stdin", "stdout"])
def test_a_closed_standard_stream_is_one_line(tmp_path: Path, stream: int) -> None:
    code, err = command("--story", str(DEMO), "--no-resume", stdin=subprocess.DEVNULL,
                        stdout=None, tmp=tmp_path, before=lambda: os.close(stream))
    assert code == 74
    one_line(err)
    assert f"standard {'input' if stream == 0 else 'output'} is closed" in err


def test_validate_with_stdout_closed_fails(tmp_path: Path) -> None:
    code, err = command("validate", str(GOOD), stdout=None, tmp=tmp_path,
                        before=lambda: os.close(1))
    assert code == 74
    one_line(err)


def test_a_deleted_working_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()

    def inside_a_deleted_folder() -> None:
        os.chdir(gone)
        gone.rmdir()

    code, err = command("validate", str(GOOD), tmp=tmp_path, before=inside_a_deleted_folder)
    assert (code, err) == (0, "")
    gone.mkdir()
    code, err = command("validate", "relative/story", tmp=tmp_path,
                        before=inside_a_deleted_folder)
    assert code == 2
    one_line(err)


@pytest.mark.parametrize("option", [
    ["--chapter", "\u00b2"], ["--chapter", "1" + "0" * 5000], ["--chapter", "-1"],
    ["--chapter", "\u0661"], ["--at", "9" * 100_000], ["--perspective", "x" * 100_000],
], ids=["superscript", "huge", "negative", "arabic-digit", "long-time", "long-perspective"])
def test_odd_start_options_are_usage_errors(
        option: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    err = io.StringIO()
    assert main(["--story", str(DEMO), *option], out=io.StringIO(), err=err) == 2
    one_line(err.getvalue())
    assert len(err.getvalue()) < 400
