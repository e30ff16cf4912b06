"""Snapshots of the bundled story: its first screen, and the evidence screen of one event.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
The bundled story's text is still being written: update these snapshots with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Snap, build_app, keys, press
from textual.pilot import Pilot

from ihostage_tui import state as st
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Story


@pytest.fixture(scope="module")
def bundled() -> Story:
    """The bundled story, loaded once for this module."""
    return load_story(bundled_story_path())


def test_bundled_story_first_screen(snap_compare: Snap, bundled: Story, tmp_path: Path) -> None:
    """What a reader sees first past the content note, at 120x36."""
    assert snap_compare(build_app(bundled, tmp_path), terminal_size=(120, 36),
                        run_before=keys())


def test_evidence_of_the_hostage_runs(snap_compare: Snap, bundled: Story, tmp_path: Path) -> None:
    """`e` on "The hostage runs": every source in full, then all three disputes and versions."""
    runs = next(i for i, e in enumerate(bundled.time_order.events)
                if e.title == "The hostage runs")
    app = build_app(bundled, tmp_path)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        reader = app.reader
        reader.state = st.select(bundled, reader.state, *bundled.time_order.indices(runs))
        await press(pilot, "e")

    assert snap_compare(app, terminal_size=(120, 60), run_before=run)
