"""Start options (`--chapter`, `--perspective`, `--at`) checked against a story: no Textual."""

from __future__ import annotations

from ihostage_tui import state as st
from ihostage_tui.errors import LaunchError
from ihostage_tui.model import Story
from ihostage_tui.timefmt import FORMS, TimeFormatError, parse_time


def chapter_index(story: Story, chapter: str) -> int:
    """The index of a chapter given by id or 1-based number; `LaunchError` if there is none."""
    ids = [c.id for c in story.chapters]
    if chapter in ids:
        return ids.index(chapter)
    if chapter.isdigit() and 1 <= int(chapter) <= len(ids):
        return int(chapter) - 1
    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    raise LaunchError(
        f"no chapter {chapter!r} in this story: give a number from 1 to {len(ids)} or an id "
        f"({shown})"
    )


def perspective_index(story: Story, perspective: str) -> int:
    """The tab index of a perspective id (`overview` is 0); `LaunchError` if there is none."""
    ids = [p.id for p in story.perspectives]
    if perspective in ids:
        return ids.index(perspective) + 1
    if perspective == "overview":
        return 0
    raise LaunchError(
        f"no perspective {perspective!r} in this story: use one of overview, {', '.join(ids)}"
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
        moment, _precision = parse_time(at, story.date, story.zone)
    except TimeFormatError as error:
        raise LaunchError(f"--at: {error}; write {FORMS}") from None
    if chapter is None:
        return st.go_to_time(story, state, moment)
    index = st.event_at_or_before(st.current_chapter(story, state), moment)
    return st.select(story, state, state.chapter, index or 0)
