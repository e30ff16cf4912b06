"""Remembering where a reader stopped, per story: plain Python, no Textual.

The position (chapter id, event id and time, the clock to the second, perspective id, speed) is
kept in a small versioned JSON file in the user's state folder, one file per story (named from the
story's identity, its resolved story file), serialised by `codec` from the `Position` dataclass
and written atomically by `persist`. Nothing here ever raises: a missing, corrupt, foreign or
unwritable file means "start fresh", with one line saying why.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from platformdirs import user_state_dir

from ihostage_tui import codec, persist
from ihostage_tui import state as st
from ihostage_tui.clock import elapsed
from ihostage_tui.locations import identity_key
from ihostage_tui.model import Event, Order, Story

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
    focus: bool = False
    """Focus mode was on (the chapter list, clock panel and sources hidden)."""
    order: str = ""
    """The order the reader walked the events in (`chapters` or `time`); "" for the story's."""
    compare: bool = False
    """The sides were shown side by side (the compare view)."""


def default_dir() -> Path:
    """The user's state folder for ihostage-tui (not created here)."""
    return Path(user_state_dir("ihostage-tui"))


def story_key(story: Story) -> str:
    """A file-name-safe key for a story: from its identity (its story file, resolved)."""
    return identity_key(story.file or f"{story.title}\0{story.root}")


def position_of(story: Story, state: st.ReadingState, focus: bool = False) -> Position:
    """The position to remember for a reading state (and whether focus mode is on)."""
    return Position(
        chapter=st.current_chapter(story, state).id,
        event=st.current_event(story, state).id,
        perspective=st.perspective_id(story, state) or "",
        speed=state.speed,
        at=st.current_event(story, state).at,
        clock=state.time,
        focus=focus,
        order=state.order.value,
        compare=state.compare,
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
    orders = {order.value: order for order in Order}
    return st.ReadingState(time, chapter, event, perspective, False, speed,
                           orders.get(position.order, story.order), position.compare)


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
            why = persist.reason(error)
            return None, f"Could not read the saved position ({why}); starting fresh."
        try:
            data = json.loads(raw.decode("utf-8")) if raw is not None else None
            if type(data) is not dict:
                raise ValueError("not a position file")
            if data.get("version") != VERSION:
                return None, "The saved position is from another version; starting fresh."
            return codec.decode(Position, data["position"]), ""
        except (ValueError, KeyError, RecursionError):
            return None, "The saved position was unreadable; starting fresh."

    def save(self, story: Story, position: Position) -> str:
        """Write the position atomically; "" on success, else one line saying what failed."""
        data = {"version": VERSION, "title": story.title, "position": codec.encode(position)}
        try:
            persist.write_atomic(self.path(story), json.dumps(data, indent=2))
        except OSError as error:
            return f"Could not save the reading position ({persist.reason(error)})."
        return ""


class NoteMemory:
    """Whether the reader has continued past a story's content note, as its text now reads: a
    digest of the note in a small file beside the position file. Never raises."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        """Where the files live (the position files' folder)."""

    def path(self, story: Story) -> Path:
        """The file holding the digest of the note last continued past."""
        return self.folder / f"note-{story_key(story)}.txt"

    def seen(self, story: Story) -> bool:
        """True when the note, with its text as it is now, was continued past before."""
        try:
            raw = _read_small(self.path(story))
        except OSError:
            return False
        return raw is not None and raw.strip() == note_digest(story).encode()

    def remember(self, story: Story) -> str:
        """Note that the reader has continued past the note; "" or one line saying what failed."""
        try:
            persist.write_atomic(self.path(story), note_digest(story) + "\n")
        except OSError as error:
            return f"Could not remember the content note was read ({persist.reason(error)})."
        return ""


def note_digest(story: Story) -> str:
    """A digest of the story's content note: a changed note is shown again."""
    return hashlib.sha256(story.content_note.encode("utf-8")).hexdigest()


def _read_small(path: Path) -> bytes | None:
    """The bytes of a position file, or None when it is not a regular file of `MAX_BYTES`."""
    return persist.read_regular(path, MAX_BYTES)
