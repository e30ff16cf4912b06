"""Snapshots of time: the clock playing, and time order (every chapter's events by time, each
labelled with its chapter).

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Snap, build_app, keys, settle
from test_time_order import overlapping
from textual.pilot import Pilot

from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story


def test_playing_clock(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Playing at 60x, 47.5 minutes on: the clock at 17:47:30 and the events reached so far."""
    clock = ManualClock(1000.0)
    app = build_app(demo_story, tmp_path, clock=clock)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.press("enter", "space")
        clock.advance(47.5)  # 47.5 story minutes at 60x: 17:47:30
        app.reader.advance_clock()
        await settle(pilot)
    assert snap_compare(app, terminal_size=(100, 30), run_before=run)


def test_time_order_labels_each_event_with_its_chapter(snap_compare: Snap,
                                                        tmp_path: Path) -> None:
    """Dusk and storm interleaved by time; the storm's second event selected; the clock panel
    says "time order" and the chapter list highlights the storm."""
    assert snap_compare(build_app(overlapping(), tmp_path), terminal_size=(120, 36),
                        run_before=keys("j", "j", "j", "j"))
