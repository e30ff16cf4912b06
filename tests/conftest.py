"""Shared fixtures for the reader tests: the demo story, a frozen clock, a private state folder."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App

from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story

DEMO = Path(__file__).parent / "data" / "stories" / "reader-demo"
"""A small invented story written for the reader's tests (3 chapters, 12 events)."""

# The environment leaks into snapshots (TEXTUAL-NOTES): never let it choose colours.
os.environ.pop("NO_COLOR", None)
os.environ.pop("TEXTUAL_THEME", None)


@pytest.fixture(scope="session")
def demo_story() -> Story:
    """The reader-demo story, loaded once."""
    return load_story(DEMO)


@pytest.fixture
def clock() -> ManualClock:
    """A clock that only moves when the test says so."""
    return ManualClock(1000.0)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """A fresh folder for the remembered reading position."""
    return tmp_path / "state"


HOSTILE = Path(__file__).parent / "data" / "stories" / "hostile-text"
"""A story whose every text carries markup, escape sequences, bidi, zero-width and wide text."""

_SVG_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="([\d.]+)" '
                       r'clip-path="url\(#[\w-]+-line-(\d+)\)">(.*?)</text>', re.S)
_CELL = 12.2
"""Width of one cell in Rich's SVG export."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""C0 and C1 control characters: none may reach the screen."""


@pytest.fixture(scope="session")
def hostile_story() -> Story:
    """The hostile-text story, loaded once."""
    return load_story(HOSTILE)


def screen_rows(app: App[Any]) -> list[str]:
    """The screen as text, one string per row, read from `export_screenshot` (public API).

    Checks that a row's runs never overlap and never pass the right edge (blank runs are left
    out of the SVG: they are spaces here).
    """
    width, height = app.size
    runs: dict[int, list[tuple[int, str]]] = {}
    for x, _length, line, text in _SVG_TEXT.findall(app.export_screenshot()):
        plain = html.unescape(text).replace("\xa0", " ").rstrip("\n")
        if plain:
            runs.setdefault(int(line), []).append((round(float(x) / _CELL), plain))
    rows = []
    for y in range(height):
        column, row = 0, ""
        for x, text in sorted(runs.get(y, [])):
            assert x >= column, f"row {y}: a run at {x} overlaps the one before: {row!r}"
            column, row = x + cell_len(text), row + " " * (x - column) + text
        assert column <= width, f"row {y} is {column} cells, wider than {width}: {row!r}"
        rows.append(row)
    return rows


def assert_clean(text: str) -> None:
    """No control character (an escape sequence's ESC above all) in text sent to the terminal."""
    found = CONTROL.search(text)
    assert found is None, f"control character U+{ord(found.group()):04X} in {text!r}"
