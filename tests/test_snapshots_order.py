"""Snapshots of time order: the stream of every chapter by time, each event labelled.

Plain (sync) tests with a frozen clock, no timer and a pinned theme; LOOK at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from test_time_order import overlapping
from textual.pilot import Pilot

from ihostage_tui import state as st
from ihostage_tui.app import make_app
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path

Snap = Callable[..., bool]


def test_time_order_labels_each_event_with_its_chapter(snap_compare: Snap,
                                                        tmp_path: Path) -> None:
    """Dusk and storm interleaved by time; the storm's second event selected; the clock panel
    says "time order" and the chapter list highlights the storm."""
    app = make_app(overlapping(), clock=ManualClock(1000.0), tick=None, state_dir=tmp_path,
                   resume=False, animations=False, theme="textual-dark")

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "j", "j", "j", "j")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=run)


def test_evidence_of_the_hostage_runs(snap_compare: Snap, tmp_path: Path) -> None:
    """`e` on "The hostage runs": every source in full, then all three disputes and versions."""
    story = load_story(bundled_story_path())
    runs = next(i for i, e in enumerate(story.time_order.events) if e.title == "The hostage runs")
    app = make_app(story, clock=ManualClock(1000.0), tick=None, state_dir=tmp_path,
                   resume=False, animations=False, theme="textual-dark")

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("enter")
        reader = app.reader
        reader.state = st.select(story, reader.state, *story.time_order.indices(runs))
        await pilot.press("e")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 60), run_before=run)
