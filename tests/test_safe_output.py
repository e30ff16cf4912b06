"""Nothing from outside reaches the terminal raw: every message, over hostile names and values.

A folder name, a file name, an argument and story text may each hold escape sequences (one sets
the terminal's title), C1 controls, line breaks or bytes that are not UTF-8. Every message the
command line prints is checked here with such input: no control character but the line feeds
the program writes itself may reach the terminal.
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import assert_clean

from ihostage_tui import loader
from ihostage_tui.cli import main
from ihostage_tui.output import Output
from ihostage_tui.safetext import cut, printable, shown

STORIES = Path(__file__).parent / "data" / "stories"
HOSTILE = "\x1b]0;pwned\x07\x9b31m\r\u202eevil\x00"
"""A name that sets the terminal's title, starts a C1 colour, returns the cursor, reverses text."""


def lines_only(text: str) -> None:
    """No control character in the text but line feeds and tabs (harmless, and kept)."""
    assert_clean(text.replace("\n", "").replace("\t", ""))


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a hostile name holding a good story, a bad one and a non-YAML file."""
    folder = tmp_path / HOSTILE.replace("\x00", "")
    shutil.copytree(STORIES / "good", folder / "good")
    shutil.copytree(STORIES / "bad-unknown-source", folder / "bad")
    (folder / "notes.txt").write_text("not a story")
    return folder


MESSAGES: dict[str, Callable[[Path], list[str]]] = {
    "validate ok": lambda f: ["validate", str(f / "good")],
    "validate errors": lambda f: ["validate", str(f / "bad")],
    "export markdown": lambda f: ["export", str(f / "good")],
    "export json": lambda f: ["export", "--format", "json", str(f / "good")],
    "no such path": lambda f: ["validate", str(f / HOSTILE.replace("\x00", ""))],
    "not a story file": lambda f: ["validate", str(f / "notes.txt")],
    "unknown option": lambda f: [f"--{HOSTILE}"],
    "unknown command": lambda f: [HOSTILE.replace("\x00", "")],
    "bad choice": lambda f: ["export", "--format", HOSTILE],
    "chapter": lambda f: ["--story", str(f / "good"), "--chapter", HOSTILE],
    "perspective": lambda f: ["--story", str(f / "good"), "--perspective", HOSTILE],
    "time": lambda f: ["--story", str(f / "good"), "--at", HOSTILE],
    "cache clear": lambda f: ["cache", "clear"],
    "new in a file": lambda f: ["new", str(f / "notes.txt" / "x")],
}


@pytest.mark.parametrize("name", MESSAGES)
def test_every_message_is_printable(name: str, hostile: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    main(MESSAGES[name](hostile), out=out, err=err)
    assert out.getvalue() or err.getvalue()
    lines_only(out.getvalue())
    lines_only(err.getvalue())


def test_an_internal_error_is_printable(hostile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(HOSTILE)

    monkeypatch.setattr(loader, "load", broken)
    err = io.StringIO()
    assert main(["validate", str(hostile / "good")], out=io.StringIO(), err=err) == 70
    lines_only(err.getvalue())


def test_a_name_that_is_not_utf8_is_printed_and_opened(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Bytes that are not UTF-8 in a folder name: shown as U+FFFD, read, cached and resumed."""
    from ihostage_tui import cli
    from ihostage_tui.resume import ResumeStore, position_of
    from ihostage_tui.state import start

    folder = Path(os.fsdecode(bytes(tmp_path) + b"/st\xffory"))
    shutil.copytree(STORIES / "good", folder)
    out, err = io.StringIO(), io.StringIO()
    assert main(["validate", str(folder)], out=out, err=err) == 0
    shutil.copytree(STORIES / "bad-unknown-source", folder / "bad")
    assert main(["validate", str(folder / "bad")], out=out, err=err) == 1
    assert "st\ufffdory" in err.getvalue()
    lines_only(err.getvalue())
    for _ in range(2):  # parsed, then from the cache
        story, notice = cli._open(folder, Output(io.StringIO()))
        assert story is not None and notice == ""
        store = ResumeStore(tmp_path / "state")
        assert store.save(story, position_of(story, start(story))) == ""
        assert store.load(story)[0] is not None


@pytest.mark.parametrize("text", [HOSTILE, "plain", "tab\there", "a\nb", "\ud800x", "\x85"])
def test_the_one_function(text: str) -> None:
    lines_only(printable(text))
    assert_clean(shown(text))
    assert_clean(cut(text))
    assert "\t" not in cut(text) and "\n" not in shown(text)
    assert printable("tab\tand\nline") == "tab\tand\nline"
