"""Live reload: watch a story's files and load it again after each change (no Textual here).

The reader runs `watch` in the background while it is open. The operating system tells watchfiles
of each change to a YAML file in the story folder (inotify, FSEvents, ReadDirectoryChangesW: no
polling); the story is then loaded again in a worker thread, so the screen stays live while a
large story is read, and the outcome (the edited story, or the same report `validate` prints) is
handed to the reader, which follows its place into the edited story with `follow`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import fields, replace
from pathlib import Path

from ihostage_tui import state as st
from ihostage_tui.errors import StoryError
from ihostage_tui.locations import story_file
from ihostage_tui.model import Story
from ihostage_tui.resume import position_of, restore

DEBOUNCE_MS = 400
"""Longest a burst of changes (an editor's save: write, rename, touch) is gathered before the
story is loaded again; a quiet 50 ms ends a burst sooner."""
STEP_MS = 50
"""Quiet time that ends a burst of changes."""
_PLACE = ("time", "chapter", "event", "perspective")
"""The fields of a reading state that say where the reader is; `follow` maps these into the
edited story and keeps every other field (playing, speed, order...) as it was."""

Outcome = Story | str
"""What a reload gives: the edited story, or the report of its errors."""


def is_story_file(_change: object, path: str) -> bool:
    """True for the files a story is made of: story.yaml and chapter files (`.yaml`, `.yml`).

    Editors' swap files, backups and temporary files are not story files.
    """
    return path.endswith((".yaml", ".yml"))


def reload(path: Path) -> Outcome:
    """The story at `path`, loaded again; or, when it has errors, what `validate` says of them."""
    from ihostage_tui.loader import load

    try:
        return load(path).story
    except StoryError as error:
        count = len(error.problems)
        return (f"{error.format()}\n{count} error{'' if count == 1 else 's'}: the story was not "
                "reloaded; the last version that loaded is shown")


async def watch(path: Path, deliver: Callable[[Outcome], object]) -> None:
    """After each change to a story file, reload the story and `deliver` the outcome; forever.

    Cancelling it stops the watch within `STEP_MS`: the watching thread is told to stop at once,
    rather than left to notice the cancellation at its next timeout (seconds later), which
    would hold up the reader's exit.
    """
    stop = asyncio.Event()
    watching = asyncio.create_task(_watch(path, deliver, stop))
    try:
        await asyncio.shield(watching)
    finally:
        stop.set()
        await watching


async def _watch(path: Path, deliver: Callable[[Outcome], object], stop: asyncio.Event) -> None:
    from watchfiles import awatch  # its Rust extension is loaded only when watching starts

    root = story_file(path).resolve().parent
    async for _changes in awatch(root, watch_filter=is_story_file, debounce=DEBOUNCE_MS,
                                 step=STEP_MS, stop_event=stop):
        deliver(await asyncio.to_thread(reload, path))


def follow(old: Story, new: Story, state: st.ReadingState) -> st.ReadingState:
    """Where the reader was in `old`, in the edited story `new`.

    The selected event is found by its id; an event known by its position (`dusk.3`, no `id:`
    of its own) is first looked for by its time and title, since inserting an event renumbers
    those after it. Failing that, by its time in the same chapter; with the chapter's id edited
    away too, by its time in the whole story. The tab is found by perspective id (else the
    Overview), the clock keeps its time while that still falls on the selected event, and
    everything else (playing, speed, order...) is kept.
    """
    position = position_of(old, state)
    twin = _twin(old, new, state)
    found = restore(new, position if twin is None else replace(position, event=twin))
    if found is None:
        found = st.go_to_time(new, st.start(new), state.time)
        ids = [p.id for p in new.perspectives]
        tab = st.perspective_id(old, state)
        found = replace(found, perspective=ids.index(tab) + 1 if tab in ids else 0)
    kept = {f.name: getattr(state, f.name) for f in fields(state) if f.name not in _PLACE}
    return replace(found, **kept)


def _twin(old: Story, new: Story, state: st.ReadingState) -> str | None:
    """For a selected event known by its position: the id of the event with its time and title
    in the same chapter of the edited story, if there is one."""
    chapter, event = st.current_chapter(old, state), st.current_event(old, state)
    edited = new.chapter(chapter.id)
    if edited is None or event.id != f"{chapter.id}.{state.event + 1}":
        return None
    return next((e.id for e in edited.events if (e.at, e.title) == (event.at, event.title)), None)
