"""The first frame a real terminal receives: what a reader sees before pressing any key.

The reader runs in a pseudo-terminal, as `ihostage-tui` does for a user; the child records the
first full frame Textual writes to the terminal (one `Driver.write` per screen update, after a
few short set-up sequences) and the test reads it. A first frame drawn before the events and
the chapters were laid out would show an empty pane, filled one frame later: a flicker, and a
start-up that takes a frame longer than it looks (benchmarks/run.py times this frame).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import DEMO, child_env

pty = pytest.importorskip("pty", reason="needs a pseudo-terminal")

CHILD = """
import sys
from pathlib import Path
from textual.drivers.linux_driver import LinuxDriver
from ihostage_tui.cli import main

record, written = Path(sys.argv[1]), LinuxDriver.write
def write(self, data):
    written(self, data)
    if len(data) > 500 and not record.exists():  # the first screen update
        record.write_text(data, encoding="utf-8")
LinuxDriver.write = write
main(["--no-resume", "--no-watch", *sys.argv[2:]])
"""


def first_frame(home: Path, *args: str) -> str:
    """The text of the first screen update `ihostage-tui *args` writes to a 100x30 terminal."""
    record = home / "frame.txt"
    controller, terminal = pty.openpty()
    os.set_blocking(controller, False)
    env = child_env(home, TERM="xterm-256color", COLUMNS="100", LINES="30")
    env.pop("NO_COLOR", None)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(record), *args], stdin=terminal,
                             stdout=terminal, stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    deadline = time.monotonic() + 60
    try:
        while not record.exists() and child.poll() is None and time.monotonic() < deadline:
            try:
                os.read(controller, 65536)
            except (BlockingIOError, OSError):
                time.sleep(0.01)
        time.sleep(0.05)  # the record is written in one call; let it finish
    finally:
        child.kill()
        child.wait()
        os.close(controller)
    assert record.exists(), f"no frame was written (exit {child.returncode})"
    return record.read_text(encoding="utf-8")


def without_note(folder: Path) -> Path:
    """A copy of the demo story with its content note taken out."""
    shutil.copytree(DEMO, folder)
    story = folder / "story.yaml"
    kept = [line for line in story.read_text(encoding="utf-8").splitlines()
            if not line.startswith("content_note:")]
    story.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver needs a pty")
def test_the_first_frame_shows_the_first_event_and_the_chapters(tmp_path: Path) -> None:
    frame = first_frame(tmp_path, "--story", str(without_note(tmp_path / "story")))
    assert "The Lighthouse Keeper" in frame  # the title bar: this is the reader
    assert "The lamp is lit" in frame  # the first event's title, in the events pane
    assert "Dusk" in frame and "The storm" in frame  # the chapter list
    assert "Help" in frame and "Quit" in frame  # the footer's keys


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Linux driver needs a pty")
def test_with_a_content_note_the_first_frame_shows_the_note(tmp_path: Path) -> None:
    frame = first_frame(tmp_path, "--story", str(DEMO))
    assert "describes a storm and a rescue at sea" in frame
