"""Remembering where a reader stopped, per story: plain Python, no Textual.

The position (chapter id, event id, perspective id, speed) is kept in a small versioned JSON file
in the user's state folder, one file per story, written atomically. Nothing here ever raises: a
missing, corrupt or unwritable file means "start fresh", with one line saying why.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_state_dir

from ihostage_tui import state as st
from ihostage_tui.model import Story

VERSION = 1
"""Version of the position file's layout; a file of another version is ignored."""


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
    )


def restore(story: Story, position: Position) -> st.ReadingState | None:
    """The reading state for a remembered position, or None if the story no longer has it."""
    chapter = next((i for i, c in enumerate(story.chapters) if c.id == position.chapter), None)
    if chapter is None:
        return None
    events = story.chapters[chapter].events
    event = next((i for i, e in enumerate(events) if e.id == position.event), None)
    if event is None:
        return None
    ids = [p.id for p in story.perspectives]
    perspective = ids.index(position.perspective) + 1 if position.perspective in ids else 0
    speed = position.speed if position.speed in st.SPEEDS else st.DEFAULT_SPEED
    return st.ReadingState(events[event].at, chapter, event, perspective, False, speed)


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
            raw = self.path(story).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None, ""
        except OSError as error:
            return None, f"Could not read the saved position ({error.strerror}); starting fresh."
        try:
            data = json.loads(raw)
            if data.get("version") != VERSION:
                return None, "The saved position is from another version; starting fresh."
            fields = data["position"]
            position = Position(str(fields["chapter"]), str(fields["event"]),
                                str(fields["perspective"]), int(fields["speed"]))
        except (ValueError, TypeError, KeyError, AttributeError):
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
            temp.replace(self.path(story))
        except OSError as error:
            if temp is not None:
                temp.unlink(missing_ok=True)
            return f"Could not save the reading position ({error.strerror or error})."
        return ""


def _fields(position: Position) -> dict[str, object]:
    """The position as a JSON object."""
    return {"chapter": position.chapter, "event": position.event,
            "perspective": position.perspective, "speed": position.speed}
