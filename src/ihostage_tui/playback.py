"""Playback: the story clock running on its own, at a speed. Plain Python, no Textual.

Every function takes a story and a `ReadingState` and returns a new state, as in `state`. While
the clock plays, each event is selected as story time passes it, in the reader's order; a long
gap between two events is skipped, after a short dwell, with a notice saying how much story time
was jumped. Gaps are counted in real time (`clock.elapsed`), so a night with a daylight-saving
change plays as long as it was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ihostage_tui.clock import elapsed, later
from ihostage_tui.model import Event, Story
from ihostage_tui.state import (
    DEFAULT_SPEED,
    SPEEDS,
    ReadingState,
    current_chapter,
    current_event,
    in_time,
    is_last,
    select,
    time_position,
)
from ihostage_tui.timefmt import format_duration, format_event_time

GAP = timedelta(hours=1)
"""A longer wait between two events is skipped during playback, with a notice."""
DWELL_SECONDS = 5.0
"""Wall-clock seconds the clock runs on past an event before it skips a long gap (any speed)."""


def toggle_playing(state: ReadingState) -> ReadingState:
    """Play when paused, pause when playing."""
    return replace(state, playing=not state.playing)


def change_speed(state: ReadingState, step: int) -> ReadingState:
    """Step to the next faster (`step=1`) or slower (`step=-1`) speed, stopping at the ends."""
    index = SPEEDS.index(state.speed) if state.speed in SPEEDS else SPEEDS.index(DEFAULT_SPEED)
    return replace(state, speed=SPEEDS[min(max(index + step, 0), len(SPEEDS) - 1)])


def _following(story: Story, state: ReadingState) -> tuple[int, int] | None:
    """Chapter and event indices of the event after the selected one, in the current order."""
    if in_time(state):
        position = time_position(story, state) + 1
        return story.time_order.indices(position) if position < len(story.time_order) else None
    if state.event + 1 < len(current_chapter(story, state).events):
        return state.chapter, state.event + 1
    if state.chapter + 1 < len(story.chapters):
        return state.chapter + 1, 0
    return None


def advance(story: Story, state: ReadingState, seconds: float) -> tuple[ReadingState, str]:
    """Run the story clock for `seconds` of wall time at the state's speed.

    Each event is selected as the clock passes it, in the state's order (in time order the clock
    never runs backwards); in chapter order the next chapter opens after a chapter's last event;
    a gap longer than `GAP` (or a step back in time between chapters) is skipped after
    `DWELL_SECONDS` of wall time; on the story's last event playback stops. Returns the new
    state and a notice for the reader ("" when there is nothing to say).
    """
    if not state.playing or seconds <= 0:
        return state, ""
    if is_last(story, state):
        return replace(state, playing=False), "End of the story."
    time = later(state.time, timedelta(seconds=seconds * state.speed))
    notice = ""
    while (following := _following(story, state)) is not None:
        here = current_event(story, state)
        there = story.chapters[following[0]].events[following[1]]
        due, skip = _due(here, there, state.speed)
        if elapsed(due, time) < timedelta(0):
            break
        state, time = select(story, state, *following), later(there.at, elapsed(due, time))
        if skip:
            notice = _skip_notice(story, here, there, due)
        if is_last(story, state):
            return replace(state, playing=False), (notice + " End of the story.").strip()
    at = current_event(story, state).at
    return replace(state, time=time if elapsed(at, time) >= timedelta(0) else at), notice


def _due(here: Event, there: Event, speed: int) -> tuple[datetime, bool]:
    """When playback moves on from `here` to `there`, and whether that skips story time.

    A gap of up to `GAP` is waited out; a longer one (or a step back in time) is skipped once
    the clock has run `DWELL_SECONDS` of wall time past `here`. Gaps are real time, so a night
    with a daylight-saving change is as long as it was.
    """
    gap = elapsed(here.at, there.at)
    if timedelta(0) <= gap <= GAP:
        return there.at, False
    due = later(here.at, timedelta(seconds=DWELL_SECONDS * speed))
    if gap > GAP and elapsed(due, there.at) <= timedelta(0):
        return there.at, False  # at this speed the gap passes within the dwell anyway
    return due, True


def _skip_notice(story: Story, here: Event, there: Event, due: datetime) -> str:
    """"Skipped 14 h 20 min to Wed 23 Feb 08:00" (or "Back to 18:00" between chapters).

    The time skipped is the jump the clock made: from where it had played on to (`due`, past
    `here`) to `there`, not the whole gap between the two events.
    """
    when = format_event_time(there, story.date)
    if elapsed(here.at, there.at) < timedelta(0):
        return f"Back to {when}."
    return f"Skipped {format_duration(elapsed(due, there.at))} to {when}."
