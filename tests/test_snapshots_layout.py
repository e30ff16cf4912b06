"""Snapshots of the reader's layout at each terminal size: the content note, the first chapter,
the compact layouts down to the smallest usable size, "make the terminal larger" below it, and
focus mode.

Plain (sync) tests: `snap_compare` runs its own event loop. Every app comes from `build_app`
(frozen clock, no timer, pinned theme). Update with `pytest --snapshot-update` and LOOK at the SVGs.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Snap, build_app, keys

from ihostage_tui.model import Story


def test_content_note(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The content note a reader sees first, over the reader, at 100x30."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30))


def test_content_note_40x12(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The content note on a small terminal: its text and its one key still fit."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(40, 12))


def test_reader_first_chapter(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Past the note: chapters, tabs, clock panel, events, sources, timeline and footer."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys())


def test_reader_160x50(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """A large terminal, second chapter: the panes share the room without gaps."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(160, 50),
                        run_before=keys("right"))


def test_reader_80x24(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The classic terminal, second event selected: the full layout still fits."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(80, 24),
                        run_before=keys("j"))


def test_reader_60x20(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Compact: no chapter list, the clock as one line, the timeline kept."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(60, 20),
                        run_before=keys("j"))


def test_reader_40x12(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Smaller still: events, the clock line and the footer; no timeline."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(40, 12),
                        run_before=keys("right"))


def test_footer_30x8(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """The smallest size: the events, the clock line, and a footer with Help and Quit."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(30, 8),
                        run_before=keys("j"))


def test_reader_too_small(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Below the smallest size: one message asking for a larger terminal, nothing cut."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(28, 7),
                        run_before=keys())


def test_focus_mode_100x30(snap_compare: Snap, demo_story: Story, tmp_path: Path) -> None:
    """Focus mode: tabs, one-line clock, events and timeline; no chapter list or sources."""
    assert snap_compare(build_app(demo_story, tmp_path), terminal_size=(100, 30),
                        run_before=keys("right", "f"))
