"""Snapshots of the dialogs over the reader: help, go to a time, search and the command palette.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import Snap, build_app, keys, press
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import LoadingIndicator

from ihostage_tui.model import Story


def test_help_screen(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Help: every key of the reader, grouped, generated from its bindings."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 36),
                        run_before=keys("question_mark"))


def test_go_to_time_dialog(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Go to a time with an impossible time typed: the dialog says what is wrong."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys("t", *"25:00", "enter"))


def test_search_results(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Search for "lamp": each result with its place and the matched word marked."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys("slash", *"lamp"))


def test_command_palette(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The command palette searching "storm": the chapter and its events."""
    async def run(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter", "ctrl+p", *"storm")
        # the palette searches in a worker: settled means its spinner has gone, too
        assert pilot.app.screen.query_one(CommandList).option_count
        assert not pilot.app.screen.query_one(LoadingIndicator).has_class("--visible")
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30), run_before=run)
