"""Snapshots of the reader in other palettes: the light theme, and 16 ANSI colours where marks,
not colours alone, tell the open chapter and the perspectives apart.

Plain (sync) tests with `build_app` (frozen clock, no timer); LOOK at the SVGs after an update.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Snap, build_app, keys

from ihostage_tui.model import Story


def test_reader_light_theme(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The light theme, second chapter: every pane readable on a light background."""
    app = build_app(demo_story, tmp_path, theme="textual-light")
    assert snap_compare(app, terminal_size=(100, 30), run_before=keys("right"))


def test_sixteen_colours_chapter_mark(snap_compare: Snap, demo_story: Story,
                                      tmp_path: Path) -> None:
    """16 colours: the open chapter marked with ▌, the timeline's ticks numbered by tab."""
    app = build_app(demo_story, tmp_path, theme="ansi-dark")
    app.ansi_color = True
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys("right"))
