"""Snapshots of the compare view (`v`): the bundled story's sides side by side, a column per
side and a row per moment, with "The hostage runs" selected and marked across every column.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
The bundled story's text is still being written: update these snapshots with it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import Before, Snap, build_app, press
from textual.pilot import Pilot

from ihostage_tui import state as st
from ihostage_tui.app import ReaderApp
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Story


@pytest.fixture(scope="module")
def bundled() -> Story:
    """The bundled story, loaded once for this module."""
    return load_story(bundled_story_path())


def _on_the_hostage_runs(app: ReaderApp, story: Story, *pressed: str) -> Before:
    """Continue past the content note, select "The hostage runs", then press the keys."""
    runs = next(i for i, e in enumerate(story.time_order.events)
                if e.title == "The hostage runs")

    async def run(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")
        reader = app.reader
        reader.state = st.select(story, reader.state, *story.time_order.indices(runs))
        await press(pilot, *pressed)
    return run


def test_compare_four_sides_at_160x50(snap_compare: Snap, bundled: Story,
                                      tmp_path: Path) -> None:
    """At 160 columns all four sides fit: "all 4 sides", a column each under its tab number
    and name; the selected moment's rows marked ▌, with heavy rules between its columns."""
    app = build_app(bundled, tmp_path)
    assert snap_compare(app, terminal_size=(160, 50),
                        run_before=_on_the_hostage_runs(app, bundled, "v"))


def test_compare_two_sides_at_100x30(snap_compare: Snap, bundled: Story,
                                     tmp_path: Path) -> None:
    """At 100 columns two sides fit; after `]` the headings say "sides 2-3 of 4 — ] [ for
    more" over the people inside and the police."""
    app = build_app(bundled, tmp_path)
    assert snap_compare(app, terminal_size=(100, 30),
                        run_before=_on_the_hostage_runs(app, bundled, "v", "]"))
