"""The reading state and the pure functions that move it: plain Python, no Textual.

The reader has one position in story time. A `ReadingState` says which chapter and event are
selected, which perspective tab is open, what the story clock shows and whether it is playing.
Every function here takes a story and a state and returns a new state; nothing is mutated, so each
move is unit-tested without a screen. The clock playing on its own is in `playback`, on the same
terms.

Invariant kept by every function: the selected event is the chapter's event at or nearest before
`time` (so switching perspective keeps both the moment and the event).

The reader walks the events in one of two orders (`order`): chapter order, as written, or time
order, every event of the story in one stream by time (`Story.time_order`), in which stepping and
playback never move the clock backwards. Each move costs O(log n) at most, whatever the order.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from ihostage_tui.model import Chapter, Event, Order, Story

SPEEDS = (1, 10, 60, 300, 1800)
"""Playback speeds, story seconds per wall-clock second, slowest first."""
DEFAULT_SPEED = 60
"""The speed a new reader starts with."""


@dataclass(frozen=True, slots=True)
class ReadingState:
    """Where the reader is in the story."""

    time: datetime
    """Story time shown in the clock panel, aware, in the story's time zone."""
    chapter: int = 0
    """Index of the open chapter in `story.chapters`."""
    event: int = 0
    """Index of the selected event in the open chapter's events."""
    perspective: int = 0
    """Open tab: 0 is the Overview, n is `story.perspectives[n - 1]`."""
    playing: bool = False
    """True while the story clock runs on its own."""
    speed: int = DEFAULT_SPEED
    """Playback speed, one of `SPEEDS`."""
    order: Order = Order.CHAPTERS
    """How `j`/`k`, playback and `right`/`left` walk the events: by chapter or by time."""
    compare: bool = False
    """True while the sides are shown side by side (the compare view, `v`)."""


def start(story: Story) -> ReadingState:
    """The state at the story's first event in its own order (`order:`), Overview tab, paused."""
    first = ReadingState(time=story.chapters[0].events[0].at, order=story.order)
    if story.order is Order.TIME:
        return select(story, first, *story.time_order.indices(0))
    return first


def in_time(state: ReadingState) -> bool:
    """True when the reader walks the story in time order."""
    return state.order is Order.TIME


def time_position(story: Story, state: ReadingState) -> int:
    """Position of the selected event in the story's time order."""
    return story.time_order.position(state.chapter, state.event)


def order_rank(story: Story, state: ReadingState) -> Callable[[int, int], tuple[int, ...]]:
    """An event's place, from its chapter and event indices, in the order the reader walks."""
    if in_time(state):
        position = story.time_order.position
        return lambda chapter, event: (position(chapter, event),)
    return lambda chapter, event: (chapter, event)


def toggle_order(state: ReadingState) -> ReadingState:
    """Switch between chapter order and time order; the selected event and the clock stay."""
    return replace(state, order=Order.CHAPTERS if in_time(state) else Order.TIME)


def _at_position(story: Story, state: ReadingState, position: int) -> ReadingState:
    """Select the event at a position in time order (clamped to the story)."""
    position = min(max(position, 0), len(story.time_order) - 1)
    return select(story, state, *story.time_order.indices(position))


def current_chapter(story: Story, state: ReadingState) -> Chapter:
    """The open chapter."""
    return story.chapters[state.chapter]


def current_event(story: Story, state: ReadingState) -> Event:
    """The selected event."""
    return story.chapters[state.chapter].events[state.event]


def tab_number(perspective: int) -> int:
    """The number on a perspective's tab, and the key that opens it, for the perspective at
    `story.perspectives[perspective]`: 2 for the first, since the Overview is 1."""
    return perspective + 2


def perspective_id(story: Story, state: ReadingState) -> str | None:
    """Id of the open perspective, or None for the Overview tab."""
    return story.perspectives[state.perspective - 1].id if state.perspective else None


def origin(story: Story) -> datetime:
    """The moment `T+` counts from: the first event on the story's date (else the first event).

    A story that opens with background years earlier still counts from the day it is about.
    """
    on_the_day = (event.at for event in story.events if event.at.date() == story.date)
    return next(on_the_day, story.start)


def select(story: Story, state: ReadingState, chapter: int, event: int) -> ReadingState:
    """Select an event (indices are clamped); the clock moves to its time."""
    chapter = min(max(chapter, 0), len(story.chapters) - 1)
    events = story.chapters[chapter].events
    if event < 0:
        event += len(events)
    event = min(max(event, 0), len(events) - 1)
    return replace(state, chapter=chapter, event=event, time=events[event].at)


def go_chapter(story: Story, state: ReadingState, chapter: int) -> ReadingState:
    """Open a chapter at its first event."""
    return select(story, state, chapter, 0)


def _chapter_start(story: Story, state: ReadingState, step: int) -> int | None:
    """In time order, the position of the next (`step=1`) or previous chapter start, or None.

    "Next" is the first chapter to begin after the selected event; "previous" the last to begin
    before it, so `right` never moves the clock backwards and `left` never forwards.
    """
    position, order = time_position(story, state), story.time_order
    if step > 0:
        return order.next_chapter_start(position)
    return order.prev_chapter_start(position)


def has_next_chapter(story: Story, state: ReadingState) -> bool:
    """True when `next_chapter` would open another chapter."""
    if in_time(state):
        return _chapter_start(story, state, 1) is not None
    return state.chapter < len(story.chapters) - 1


def has_prev_chapter(story: Story, state: ReadingState) -> bool:
    """True when `prev_chapter` would open another chapter's (or this chapter's) start."""
    if in_time(state):
        return _chapter_start(story, state, -1) is not None
    return state.chapter > 0


def next_chapter(story: Story, state: ReadingState) -> ReadingState:
    """Open the next chapter at its first event: in reading order, or the next to begin in time."""
    if in_time(state):
        found = _chapter_start(story, state, 1)
        return state if found is None else _at_position(story, state, found)
    return go_chapter(story, state, state.chapter + 1)


def prev_chapter(story: Story, state: ReadingState) -> ReadingState:
    """Open the previous chapter at its first event (in time order: the last start before)."""
    if in_time(state):
        found = _chapter_start(story, state, -1)
        return state if found is None else _at_position(story, state, found)
    return go_chapter(story, state, state.chapter - 1)


def first_chapter(story: Story, state: ReadingState) -> ReadingState:
    """The story's first event in the current order (the first chapter's start)."""
    return _at_position(story, state, 0) if in_time(state) else go_chapter(story, state, 0)


def last_chapter(story: Story, state: ReadingState) -> ReadingState:
    """The start of the last chapter in the current order (in time order: the last to begin)."""
    if in_time(state):
        return _at_position(story, state, story.time_order.chapter_starts[-1])
    return go_chapter(story, state, len(story.chapters) - 1)


def next_event(story: Story, state: ReadingState) -> ReadingState:
    """Select the next event, crossing into the next chapter after a chapter's last event."""
    if in_time(state):
        return _at_position(story, state, time_position(story, state) + 1)
    if state.event + 1 < len(current_chapter(story, state).events):
        return select(story, state, state.chapter, state.event + 1)
    if state.chapter + 1 < len(story.chapters):
        return select(story, state, state.chapter + 1, 0)
    return select(story, state, state.chapter, state.event)


def prev_event(story: Story, state: ReadingState) -> ReadingState:
    """Select the previous event, crossing back to the previous chapter's last event."""
    if in_time(state):
        return _at_position(story, state, time_position(story, state) - 1)
    if state.event > 0:
        return select(story, state, state.chapter, state.event - 1)
    if state.chapter > 0:
        return select(story, state, state.chapter - 1, -1)
    return select(story, state, 0, 0)


def select_shown(story: Story, state: ReadingState, index: int) -> ReadingState:
    """Select an event by its index among those the events pane shows: the open chapter's
    events in chapter order, the whole time-order stream in time order."""
    if in_time(state):
        return _at_position(story, state, index)
    return select(story, state, state.chapter, index)


def is_first(story: Story, state: ReadingState) -> bool:
    """True on the story's first event in the current order."""
    if in_time(state):
        return time_position(story, state) == 0
    return state.chapter == 0 and state.event == 0


def is_last(story: Story, state: ReadingState) -> bool:
    """True on the story's last event in the current order."""
    if in_time(state):
        return time_position(story, state) == len(story.time_order) - 1
    last = len(story.chapters) - 1
    return state.chapter == last and state.event == len(story.chapters[-1].events) - 1


def set_perspective(story: Story, state: ReadingState, index: int) -> ReadingState:
    """Open a perspective tab (0 = Overview); the moment and the selected event are kept."""
    return replace(state, perspective=min(max(index, 0), len(story.perspectives)))


def cycle_perspective(story: Story, state: ReadingState, step: int) -> ReadingState:
    """Open the next (`step=1`) or previous (`step=-1`) tab, wrapping around."""
    tabs = len(story.perspectives) + 1
    return replace(state, perspective=(state.perspective + step) % tabs)


def event_at_or_before(chapter: Chapter, moment: datetime) -> int | None:
    """Index of the chapter's last event at or before `moment`, or None if all are later."""
    index = bisect_right(chapter.events, moment, key=lambda event: event.at) - 1
    return index if index >= 0 else None


def go_to_time(story: Story, state: ReadingState, moment: datetime) -> ReadingState:
    """Select the event at or nearest before `moment` in the whole story (the first if none).

    Chapters may overlap in time: the latest such event wins, the earlier chapter on a tie.
    """
    best: tuple[int, int] | None = None
    for number, chapter in enumerate(story.chapters):
        index = event_at_or_before(chapter, moment)
        if index is None:
            continue
        if best is None or chapter.events[index].at > story.chapters[best[0]].events[best[1]].at:
            best = (number, index)
    found_chapter, found_event = best or (0, 0)
    return select(story, state, found_chapter, found_event)
