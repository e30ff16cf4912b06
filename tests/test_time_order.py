"""Time order: one stream of every event by time, and the reading moves that walk it."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from ihostage_tui import playback as pb
from ihostage_tui import state as st_
from ihostage_tui.loader import load_story
from ihostage_tui.model import Order, Story

STORIES = Path(__file__).parent / "data" / "stories"


@cache
def overlapping() -> Story:
    """The demo story with the storm moved 1 h 45 min earlier, so it overlaps the dusk chapter.

    Dusk: 17:00 17:20 17:45 18:10. Storm: 17:20 17:45 18:30 19:15 19:55. Morning: next day.
    Two storm events fall at the same minute as dusk events (ties keep chapter order).
    """
    demo = load_story(STORIES / "reader-demo")
    dusk, storm, morning = demo.chapters
    early = tuple(replace(e, at=e.at - timedelta(hours=1, minutes=45)) for e in storm.events)
    return replace(demo, chapters=(dusk, replace(storm, events=early), morning),
                   order=Order.TIME)


TIME_ORDER = [(0, 0), (0, 1), (1, 0), (0, 2), (1, 1), (0, 3), (1, 2), (1, 3), (1, 4),
              (2, 0), (2, 1), (2, 2)]
"""`(chapter, event)` of each event of `overlapping()` in time order."""


def walk(story: Story, state: st_.ReadingState) -> list[tuple[int, int]]:
    """Every event `next_event` selects from `state` to the end, `state`'s own first."""
    seen = [(state.chapter, state.event)]
    while not st_.is_last(story, state):
        state = st_.next_event(story, state)
        seen.append((state.chapter, state.event))
    return seen


def test_the_stream_is_sorted_by_time_and_ties_keep_chapter_order() -> None:
    story = overlapping()
    order = story.time_order
    assert [order.indices(p) for p in range(len(order))] == TIME_ORDER
    assert [story.chapters[c].events[e] for c, e in TIME_ORDER] == list(order.events)
    assert [order.position(c, e) for c, e in TIME_ORDER] == list(range(len(TIME_ORDER)))
    assert order.chapter_starts == (0, 2, 9)


def test_the_stream_is_built_once_per_story() -> None:
    story = overlapping()
    assert story.time_order is story.time_order


def test_a_story_starts_in_its_own_order() -> None:
    story = overlapping()
    assert st_.start(story).order is Order.TIME
    assert st_.start(replace(story, order=Order.CHAPTERS)).order is Order.CHAPTERS


def test_j_walks_the_whole_story_by_time_and_k_walks_it_back() -> None:
    story = overlapping()
    assert walk(story, st_.start(story)) == TIME_ORDER
    state = st_.select(story, st_.start(story), 2, 2)
    back = [(state.chapter, state.event)]
    while not st_.is_first(story, state):
        state = st_.prev_event(story, state)
        back.append((state.chapter, state.event))
    assert back == TIME_ORDER[::-1]


def test_chapter_order_still_walks_as_written() -> None:
    story = replace(overlapping(), order=Order.CHAPTERS)
    assert walk(story, st_.start(story)) == sorted(TIME_ORDER)


def test_right_and_left_go_to_the_next_and_previous_chapter_start_in_time() -> None:
    story = overlapping()
    state = st_.select(story, st_.start(story), 0, 2)  # dusk 17:45, after the storm began
    right = st_.next_chapter(story, state)
    assert (right.chapter, right.event) == (2, 0) and right.time > state.time
    left = st_.prev_chapter(story, state)
    assert (left.chapter, left.event) == (1, 0) and left.time < state.time
    assert (st_.prev_chapter(story, left).chapter, st_.prev_chapter(story, left).event) == (0, 0)
    last = st_.select(story, state, 2, 1)
    assert not st_.has_next_chapter(story, last) and st_.next_chapter(story, last) == last
    assert not st_.has_prev_chapter(story, st_.start(story))
    assert (st_.last_chapter(story, state).chapter, st_.first_chapter(story, last).chapter) == (
        2, 0)


def test_o_toggles_the_order_and_keeps_the_event_and_the_clock() -> None:
    story = overlapping()
    state = st_.select(story, st_.start(story), 1, 1)
    chapters = st_.toggle_order(state)
    assert chapters.order is Order.CHAPTERS
    assert (chapters.chapter, chapters.event, chapters.time) == (1, 1, state.time)
    assert st_.toggle_order(chapters) == state
    assert (st_.next_event(story, state).chapter, st_.next_event(story, chapters).chapter) == (0, 1)


def test_playing_in_time_order_never_says_back_to() -> None:
    story = overlapping()
    state = replace(st_.start(story), playing=True)
    notices, seen = [], []
    while state.playing:
        state, notice = pb.advance(story, state, 1.0)
        notices.append(notice)
        seen.append(st_.time_position(story, state))
    assert seen == sorted(seen) and seen[-1] == len(TIME_ORDER) - 1
    assert len(set(seen)) >= len(TIME_ORDER) - 2  # an event at the same minute may pass at once
    assert not any(notice.startswith("Back to") for notice in notices)


@given(st.lists(st.floats(min_value=0, max_value=400), max_size=40),
       st.sampled_from(st_.SPEEDS), st.integers(min_value=0, max_value=11))
def test_playback_in_time_order_never_moves_the_clock_backwards(
    steps: list[float], speed: int, first: int
) -> None:
    story = overlapping()
    state = replace(st_.select(story, st_.start(story), *TIME_ORDER[first]), playing=True,
                    speed=speed)
    for seconds in steps:
        new, _ = pb.advance(story, state, seconds)
        assert new.time >= state.time
        assert new.time >= st_.current_event(story, new).at
        state = new


def test_order_in_story_yaml_is_read(tmp_path: Path) -> None:
    good = STORIES / "good"
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "01-departure.yaml").write_bytes(
        (good / "chapters" / "01-departure.yaml").read_bytes())
    text = (good / "story.yaml").read_text()
    (tmp_path / "story.yaml").write_text(text.replace("date: 2021-11-05", "date: 2021-11-05\n"
                                                      "order: time"))
    assert load_story(tmp_path).order is Order.TIME
    assert load_story(good).order is Order.CHAPTERS
