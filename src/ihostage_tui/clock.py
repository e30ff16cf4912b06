"""Wall clocks for playback: plain Python, no Textual.

The reader never reads the time itself: it asks an injected `Clock`. The app uses `SystemClock`;
tests use `ManualClock` and move it by hand, so playback and snapshots are deterministic.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """A source of monotonic wall-clock seconds."""

    def now(self) -> float:
        """Seconds on a monotonic clock; only differences between two calls mean anything."""
        ...


class SystemClock:
    """The real monotonic clock of the machine."""

    def now(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()


class ManualClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: float = 0.0) -> None:
        self.seconds = start
        """The current reading, in seconds."""

    def now(self) -> float:
        """The current reading; unchanged until `advance` is called."""
        return self.seconds

    def advance(self, seconds: float) -> None:
        """Move the clock forward by `seconds` (wall time, before the playback speed applies)."""
        self.seconds += seconds
