"""Start options (`--chapter`, `--perspective`, `--at`) checked against a story, and the cycle
collector paused for the reader's start-up: no Textual."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from ihostage_tui import state as st
from ihostage_tui import suggest
from ihostage_tui.errors import LaunchError
from ihostage_tui.model import Story
from ihostage_tui.safetext import TYPED, shown
from ihostage_tui.timefmt import SHOWN_FORMS, TimeFormatError, format_span, read_time


def chapter_index(story: Story, chapter: str) -> int:
    """The index of a chapter given by id or 1-based number; `LaunchError` if there is none."""
    ids = [c.id for c in story.chapters]
    if chapter in ids:
        return ids.index(chapter)
    if re.fullmatch(r"[0-9]{1,9}", chapter, re.ASCII) and 1 <= int(chapter) <= len(ids):
        return int(chapter) - 1  # ASCII digits only: "²" is a digit to str.isdigit, not to int
    raise LaunchError(
        f"no chapter {shown(chapter)} in this story: give a number from 1 to {len(ids)} or an "
        f"id ({suggest.names(ids)})"
    )


def perspective_index(story: Story, perspective: str) -> int:
    """The tab index (0 = Overview) of a perspective given by id, name or short name (any case),
    or by its tab number as the tabs show it (1 = Overview); `LaunchError` if there is none."""
    wanted = perspective.strip().casefold()
    names = [("overview", "overview", "overview")] + [
        (p.id.casefold(), p.name.casefold(), p.short.casefold()) for p in story.perspectives]
    for index, forms in enumerate(names):
        if wanted in forms:
            return index
    if re.fullmatch(r"[0-9]{1,9}", wanted, re.ASCII) and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    listed = suggest.names(["overview", *(p.id for p in story.perspectives)])
    raise LaunchError(
        f"no perspective {shown(perspective)} in this story: give a tab number from 1 to "
        f"{len(names)}, a name or an id ({listed})"
    )


def start_state(
    story: Story,
    base: st.ReadingState | None = None,
    *,
    chapter: str | None = None,
    perspective: str | None = None,
    at: str | None = None,
) -> st.ReadingState:
    """The first reading state: `base` (a resumed state, or the story's start) with the options.

    `--at` within `--chapter` picks that chapter's event at or before the time; alone, the
    story's. Raises `LaunchError` with one line for an option that does not fit the story.
    """
    state = base or st.start(story)
    if perspective is not None:
        state = st.set_perspective(story, state, perspective_index(story, perspective))
    if chapter is not None:
        state = st.go_chapter(story, state, chapter_index(story, chapter))
    if at is None:
        return state
    try:
        if len(at) > 40:  # no time is this long; and the message must stay one short line
            raise TimeFormatError(f"{shown(at, TYPED)} is not a time")
        moment = read_time(at, story.date, story.zone, st.origin(story))
    except TimeFormatError as error:
        hint = f" ({error.hint})" if error.hint else f"; write {SHOWN_FORMS}"
        raise LaunchError(f"--at: {error}{hint}") from None
    if chapter is None:
        return st.go_to_time(story, state, moment)
    return _within_chapter(story, state, moment, at)


def _within_chapter(story: Story, state: st.ReadingState, moment: datetime,
                    at: str) -> st.ReadingState:
    """The open chapter's event at or before `moment`; `LaunchError` when the chapter's events
    all lie after it or all before it."""
    chapter = st.current_chapter(story, state)
    first, last = chapter.events[0], chapter.events[-1]
    if not first.at <= moment <= last.at:
        raise LaunchError(
            f"--at {shown(at, TYPED)} is outside chapter {state.chapter + 1} "
            f"({format_span(first, last, story.date)}): give a time within it, or leave out "
            "--chapter to open the chapter holding that time")
    index = st.event_at_or_before(chapter, moment)
    return st.select(story, state, state.chapter, index or 0)


@contextmanager
def collector_paused() -> Iterator[bool]:
    """Pause Python's cycle collector while the reader starts; yields whether it was running.

    Importing Textual and building the reader allocate much and free almost nothing, so the
    collections their allocations set off find nothing to collect: they took about a tenth of a
    start (benchmarks/run.py). Enter before Textual is imported; the reader starts the collector
    again once it is on screen (`run_reader(collecting=...)`), and this on the way out.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield collecting
    finally:
        if collecting:
            gc.enable()
