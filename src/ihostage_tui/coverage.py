"""Which perspectives tell which events: counts for the tabs and `J`/`K` moves. Plain Python.

A `Coverage` is computed once per story, in one pass over its events. It keeps, for each
perspective, the events that perspective tells, sorted both in chapter order and in time order,
so the next or previous told event is a binary search away (O(log n)) in either order.
The moves here work like those of `state`: a story, a state and the coverage in, a new state out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ihostage_tui import state as st
from ihostage_tui.model import Story


class Coverage:
    """For each perspective id, the events it tells, in chapter order and in time order."""

    def __init__(self, story: Story) -> None:
        offsets, total = [], 0
        flat: dict[str, list[int]] = {p.id: [] for p in story.perspectives}
        timed: dict[str, list[int]] = {p.id: [] for p in story.perspectives}
        position = story.time_order.position
        for number, chapter in enumerate(story.chapters):
            offsets.append(total)
            for index, event in enumerate(chapter.events):
                for view in event.views:
                    if view.perspective in flat:
                        flat[view.perspective].append(total + index)
                        timed[view.perspective].append(position(number, index))
            total += len(chapter.events)
        self._offsets = tuple(offsets)
        self._flat = {key: tuple(value) for key, value in flat.items()}
        self._timed = {key: tuple(sorted(value)) for key, value in timed.items()}

    def count(self, perspective: str) -> int:
        """How many events a perspective tells."""
        return len(self._flat.get(perspective, ()))

    def _indices(self, index: int) -> tuple[int, int]:
        chapter = bisect_right(self._offsets, index) - 1
        return chapter, index - self._offsets[chapter]

    def step(self, story: Story, state: st.ReadingState, step: int) -> st.ReadingState:
        """Select the next (`step=1`) or previous (`step=-1`) event the open perspective tells,
        in the reader's order; the selection stays when there is none. In the Overview, every
        event counts, as for `j`/`k`."""
        perspective = st.perspective_id(story, state)
        if perspective is None:
            return (st.next_event if step > 0 else st.prev_event)(story, state)
        if st.in_time(state):
            told, here = self._timed[perspective], st.time_position(story, state)
        else:
            told, here = self._flat[perspective], self._offsets[state.chapter] + state.event
        found = bisect_right(told, here) if step > 0 else bisect_left(told, here) - 1
        if not 0 <= found < len(told):
            return state
        if st.in_time(state):
            return st.select(story, state, *story.time_order.indices(told[found]))
        return st.select(story, state, *self._indices(told[found]))


def next_told(story: Story, state: st.ReadingState, coverage: Coverage) -> st.ReadingState:
    """The next event the open perspective tells (`J`)."""
    return coverage.step(story, state, 1)


def prev_told(story: Story, state: st.ReadingState, coverage: Coverage) -> st.ReadingState:
    """The previous event the open perspective tells (`K`)."""
    return coverage.step(story, state, -1)
