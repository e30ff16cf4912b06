"""Snapshots of live reload: a story file saved broken while the reader is open.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Snap, build_app, press, settle
from test_reader_reload import edit, folder
from textual.pilot import Pilot

from ihostage_tui.app import StoryEdited
from ihostage_tui.livereload import reload
from ihostage_tui.loader import load_story

__all__ = ["folder"]  # the fixture, shared with the Pilot tests of live reload


def test_errors_panel_snapshot(snap_compare: Snap, folder: Path,
                               monkeypatch: pytest.MonkeyPatch, state_dir: Path) -> None:
    """The reader at its third event with the located errors of a broken chapter under it."""
    app = build_app(load_story(folder), state_dir)
    edit(folder, 'at: "17:00"', 'at: "25:61"')
    monkeypatch.chdir(folder)
    report = reload(Path())
    assert isinstance(report, str)

    async def broken(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter", "j", "j")
        app.post_message(StoryEdited(report))
        await settle(pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=broken)
