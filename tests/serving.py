"""`ihostage-tui serve` in a child process, for the serve tests: on this machine only."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from conftest import child_env

WAIT = 30.0
"""Seconds a step may take before a test gives up (a slow, shared machine)."""


class ServedStory:
    """`ihostage-tui serve --host 127.0.0.1 --port 0` on a story, its output collected as it comes.

    Port 0 lets the system choose a free port; the server prints the address it got. Its state
    and cache folders are the test's own.
    """

    def __init__(self, story: Path, home: Path) -> None:
        env = child_env(home, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "ihostage_tui", "serve", "--story", str(story),
             "--host", "127.0.0.1", "--port", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines: list[str] = []
        """What the server has printed so far."""
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        """Everything printed so far."""
        return "".join(self.lines)

    def url(self) -> str:
        """The address the server prints once it listens."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline and self.process.poll() is None:
            for line in list(self.lines):
                if line.startswith("Serving ") and " at http://" in line:
                    return line.rsplit(" at ", 1)[1].strip()
            time.sleep(0.05)
        raise AssertionError(f"the server printed no address:\n{self.output}")

    def stop(self) -> int:
        """Ctrl+C, as a person at the terminal would; the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
