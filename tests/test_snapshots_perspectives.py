"""Snapshots of the perspective tabs: each side's account of the first chapter, and an event the
sources dispute.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Snap, build_app, keys

from ihostage_tui.model import Story


@pytest.mark.parametrize("tab", ["2", "3", "4"])
def test_perspective_tab(snap_compare: Snap, demo_story: Story, tmp_path: Path,
                         tab: str) -> None:
    """Tab 2, 3 or 4 open with its second event selected: only that side's events, its
    sources, and the Overview's tab telling how many it holds."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys(tab, "j"))


def test_disputed_event(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The storm's first event, which two sources tell differently: both versions shown."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys("right"))
