"""Wall clocks for playback, and story-time arithmetic: plain Python, no Textual.

The reader never reads the time itself: it asks an injected `Clock`. The app uses `SystemClock`;
tests use `ManualClock` and move it by hand, so playback and snapshots are deterministic.

Story times are aware datetimes in the story's zone. Python subtracts and adds two such times
on the wall clock (the zone's offsets are ignored when both share it), which is an hour off
across a daylight-saving change: `elapsed` and `later` count real time, through UTC.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Real time from `start` to `end` (both aware): the hour a spring change skips is not
    counted, the hour an autumn change repeats is."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def later(moment: datetime, delta: timedelta) -> datetime:
    """The moment `delta` of real time after `moment`, on the wall clock of `moment`'s zone."""
    return (moment.astimezone(UTC) + delta).astimezone(moment.tzinfo)


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
