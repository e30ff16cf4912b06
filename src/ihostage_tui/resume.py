"""Remembering where a reader stopped, per story: plain Python, no Textual.

The position (chapter id, event id and time, the clock to the second, perspective id, speed) is
kept in a small versioned JSON file in the user's state folder, one file per story, written
atomically (a temporary file, flushed to disk, then renamed over the old one). Nothing here
ever raises: a missing, corrupt, foreign or unwritable file means "start fresh", with one line
saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from platformdirs import user_state_dir

from ihostage_tui import state as st
from ihostage_tui.clock import elapsed
from ihostage_tui.model import Event, Story

VERSION = 1
"""Version of the position file's layout; a file of another version is ignored."""
MAX_BYTES = 64 * 1024
"""A position file is a few hundred bytes; a larger one is not ours and is not read."""


@dataclass(frozen=True, slots=True)
class Position:
    """A reading position by ids, so it survives edits that reorder or add events."""

    chapter: str
    """Id of the open chapter."""
    event: str
    """Id of the selected event."""
    perspective: str
    """Id of the open perspective, or "" for the Overview tab."""
    speed: int
    """Playback speed."""
    at: datetime | None = None
    """The selected event's time: when the story was edited and the event id is gone, the
    position is restored to the chapter's event at or before this time."""
    clock: datetime | None = None
    """The story clock to the second (it runs on past the selected event while playing)."""


def default_dir() -> Path:
    """The user's state folder for ihostage-tui (not created here)."""
    return Path(user_state_dir("ihostage-tui"))


def story_key(story: Story) -> str:
    """A file-name-safe key for a story: a hash of its title and folder."""
    digest = hashlib.sha256(f"{story.title}\0{story.root}".encode()).hexdigest()
    return digest[:20]


def position_of(story: Story, state: st.ReadingState) -> Position:
    """The position to remember for a reading state."""
    return Position(
        chapter=st.current_chapter(story, state).id,
        event=st.current_event(story, state).id,
        perspective=st.perspective_id(story, state) or "",
        speed=state.speed,
        at=st.current_event(story, state).at,
        clock=state.time,
    )


def restore(story: Story, position: Position) -> st.ReadingState | None:
    """The reading state for a remembered position, or None if the story no longer has it.

    The chapter is found by id. The event by id, or (edited away) the chapter's event at or
    before the remembered time; its first event when the time is before them all. The clock is
    restored to the second when it still lies between the event and the next one.
    """
    chapter = next((i for i, c in enumerate(story.chapters) if c.id == position.chapter), None)
    if chapter is None:
        return None
    events = story.chapters[chapter].events
    event = next((i for i, e in enumerate(events) if e.id == position.event), None)
    if event is None:
        if position.at is None:
            return None
        event = st.event_at_or_before(story.chapters[chapter], position.at) or 0
    ids = [p.id for p in story.perspectives]
    perspective = ids.index(position.perspective) + 1 if position.perspective in ids else 0
    speed = position.speed if position.speed in st.SPEEDS else st.DEFAULT_SPEED
    time = _clock_within(events, event, position.clock)
    return st.ReadingState(time, chapter, event, perspective, False, speed)


def _clock_within(events: tuple[Event, ...], event: int, clock: datetime | None) -> datetime:
    """The remembered clock if it is at or after the event and before the next one, else the
    event's time (the story was edited, or the file is from before the clock was kept)."""
    start = events[event].at
    if clock is None or elapsed(start, clock) < timedelta(0):
        return start
    if event + 1 < len(events) and elapsed(clock, events[event + 1].at) <= timedelta(0):
        return start
    return clock.astimezone(start.tzinfo)


class ResumeStore:
    """Reads and writes positions in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """Where the position files live."""

    def path(self, story: Story) -> Path:
        """The position file for a story."""
        return self.folder / f"position-{story_key(story)}.json"

    def load(self, story: Story) -> tuple[Position | None, str]:
        """The remembered position, or None and why it could not be used ("" when never saved)."""
        try:
            raw = _read_small(self.path(story))
        except FileNotFoundError:
            return None, ""
        except OSError as error:
            return None, f"Could not read the saved position ({_reason(error)}); starting fresh."
        if raw is None:
            return None, "The saved position was unreadable; starting fresh."
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                return None, "The saved position is from another version; starting fresh."
            position = _position(data["position"])
        except (ValueError, TypeError, KeyError, AttributeError, OverflowError, RecursionError):
            return None, "The saved position was unreadable; starting fresh."
        return position, ""

    def save(self, story: Story, position: Position) -> str:
        """Write the position atomically; "" on success, else one line saying what failed."""
        data = {"version": VERSION, "title": story.title, "position": _fields(position)}
        temp: Path | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=self.folder, prefix=".position-", suffix=".tmp")
            temp = Path(name)
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                json.dump(data, file, indent=2)
                file.flush()
                os.fsync(file.fileno())
            temp.replace(self.path(story))
        except OSError as error:
            if temp is not None:
                temp.unlink(missing_ok=True)
            return f"Could not save the reading position ({_reason(error)})."
        return ""


def _reason(error: OSError) -> str:
    """Why a file operation failed, in words, without the path (paths may hold any character)."""
    if error.strerror:
        return error.strerror
    return os.strerror(error.errno) if error.errno else type(error).__name__


def _read_small(path: Path) -> str | None:
    """The text of a regular file of at most `MAX_BYTES` UTF-8 bytes, or None if it is not that.

    Never blocks on a FIFO or a device; `OSError` when it cannot be read at all.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb", buffering=0) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        raw = file.read(MAX_BYTES + 1) or b""
    if len(raw) > MAX_BYTES:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _position(fields: dict[str, object]) -> Position:
    """A position from its JSON object (`KeyError`, `TypeError`, `ValueError` when malformed)."""
    speed = fields["speed"]
    if not isinstance(speed, int) or isinstance(speed, bool):
        raise TypeError("speed")
    return Position(str(fields["chapter"]), str(fields["event"]), str(fields["perspective"]),
                    speed, _moment(fields.get("at")), _moment(fields.get("clock")))


def _moment(text: object) -> datetime | None:
    """An aware time from ISO 8601 text, None when absent (`ValueError` when it has no zone)."""
    moment = datetime.fromisoformat(text) if isinstance(text, str) else None
    if moment is not None and moment.tzinfo is None:
        raise ValueError("time without a zone")
    return moment


def _fields(position: Position) -> dict[str, object]:
    """The position as a JSON object (the time in ISO 8601 with its UTC offset)."""
    return {"chapter": position.chapter, "event": position.event,
            "perspective": position.perspective, "speed": position.speed,
            "at": position.at.isoformat() if position.at else None,
            "clock": position.clock.isoformat() if position.clock else None}
