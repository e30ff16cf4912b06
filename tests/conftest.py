"""Shared fixtures for the reader tests: the demo story, a frozen clock, a private state folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
