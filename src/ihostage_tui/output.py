"""The command line's output streams: everything printed is made safe, and no failure is lost.

Plain Python, no Textual. `Output` wraps standard output or standard error. Each write passes
through `safetext.printable`, so no file name, argument or story text reaches the terminal raw.
A stream that cannot be written (closed, a full disk, a reader that went away) does not stop
the command or change what it found: writing stops, the command finishes and keeps its exit
code, and `finish` says in one line what went wrong (a closed pipe is not worth a line: the
reader of the output chose to stop, as with `validate ... | head`).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from typing import TextIO

from ihostage_tui.safetext import cut, printable


class Output:
    """A text stream for the command line; `write` never raises."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        """The underlying stream; None when the process was started with it closed."""
        self.broken = False
        """True once the reading end of a pipe has gone away."""
        self.failure = ""
        """Why writing failed, in words ("" while it works, or while nothing was written)."""

    def write(self, text: str) -> int:
        """Write the text, made printable; a failure is remembered, not raised."""
        return self.write_raw(printable(text))

    def write_raw(self, text: str) -> int:
        """Write text the program made itself (a progress line's own escape codes)."""
        if self.stream is None:
            self.failure = "it is closed"
        if self.stream is None or self.broken or self.failure:
            return len(text)
        try:
            self.stream.write(text)
        except BrokenPipeError:
            self.broken = True
        except (OSError, ValueError) as error:  # ValueError: the file object was closed
            self.failure = _why(error)
        return len(text)

    def flush(self) -> None:
        """Flush the stream, remembering a failure as `write` does."""
        if self.stream is None or self.broken or self.failure:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            self.broken = True
        except (OSError, ValueError) as error:
            self.failure = _why(error)

    def isatty(self) -> bool:
        """True when the stream is a terminal."""
        try:
            return self.stream is not None and self.stream.isatty()
        except (OSError, ValueError):
            return False

    def finish(self) -> None:
        """Flush; after a failure, point the stream's descriptor at nothing, so Python's own
        flush at exit cannot fail again with a traceback."""
        self.flush()
        if self.stream is None or not (self.broken or self.failure):
            return
        with contextlib.suppress(OSError, ValueError, AttributeError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), self.stream.fileno())


class Progress:
    """Shows "Loading story: chapter 3 of 40" on a terminal once loading takes a moment."""

    DELAY = 0.4
    """Seconds of silence before the first progress line (small stories never show one)."""

    def __init__(self, err: Output) -> None:
        self.err = err
        self.started = time.monotonic()
        self.shown = False
        self.live = err.isatty()

    def __call__(self, done: int, total: int) -> None:
        if self.live and time.monotonic() - self.started >= self.DELAY:
            self.err.write_raw(f"\rLoading story: chapter {done + 1:,} of {total:,}\x1b[K")
            self.err.flush()
            self.shown = True

    def clear(self) -> None:
        """Remove the progress line, if one was shown."""
        if self.shown:
            self.err.write_raw("\r\x1b[K")
            self.err.flush()
            self.shown = False


def _why(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return "it is closed" if isinstance(error, ValueError) else type(error).__name__


def closed_standard_stream() -> str:
    """"input" or "output" when that standard stream was closed when the program started."""
    for name, stream in (("input", sys.stdin), ("output", sys.stdout)):
        try:
            os.fstat(stream.fileno())
        except (AttributeError, OSError, ValueError):
            return name
    return ""


def keep_crash_report(report: str) -> str:
    """Keep a crash's report in the state folder; what to print about it, in one line."""
    from ihostage_tui.persist import write_atomic
    from ihostage_tui.resume import default_dir

    path = default_dir() / "crash.txt"
    try:
        write_atomic(path, report)
    except OSError:
        last = report.strip().splitlines()[-1:] or ["no details"]
        return f"please report it: {cut(last[0])}"
    return f"please report it, with the details kept in {cut(str(path))}"
