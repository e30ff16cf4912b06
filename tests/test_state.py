"""Pure navigation: chapters, events, perspectives, go-to-time and the playing clock."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ihostage_tui import playback as pb
from ihostage_tui import state as st_
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story
from ihostage_tui.state import ReadingState
from ihostage_tui.timefmt import format_duration


def at(story: Story, text: str) -> datetime:
    hour, minute = (int(part) for part in text.split(":"))
    return datetime(2021, 11, 5, hour, minute, tzinfo=story.zone)


def test_start_is_first_event_overview_paused(demo_story: Story) -> None:
    state = st_.start(demo_story)
    assert (state.chapter, state.event, state.perspective) == (0, 0, 0)
    assert state.time == demo_story.chapters[0].events[0].at
    assert not state.playing and state.speed == 60


def test_next_and_prev_event_cross_chapters(demo_story: Story) -> None:
    state = st_.select(demo_story, st_.start(demo_story), 0, 3)
    state = st_.next_event(demo_story, state)
    assert (state.chapter, state.event) == (1, 0)
    assert state.time == demo_story.chapters[1].events[0].at
    state = st_.prev_event(demo_story, state)
    assert (state.chapter, state.event) == (0, 3)


def test_event_moves_stop_at_story_ends(demo_story: Story) -> None:
    first = st_.start(demo_story)
    assert st_.prev_event(demo_story, first) == first
    last = st_.select(demo_story, first, 2, -1)
    assert st_.is_last(demo_story, last)
    assert st_.next_event(demo_story, last) == last


def test_chapter_moves_go_to_first_event_and_clamp(demo_story: Story) -> None:
    state = st_.select(demo_story, st_.start(demo_story), 0, 2)
    state = st_.next_chapter(demo_story, state)
    assert (state.chapter, state.event) == (1, 0)
    assert state.time == demo_story.chapters[1].start
    assert st_.next_chapter(demo_story, st_.go_chapter(demo_story, state, 9)).chapter == 2
    assert st_.prev_chapter(demo_story, st_.go_chapter(demo_story, state, -4)).chapter == 0


def test_switching_perspective_keeps_the_moment(demo_story: Story) -> None:
    state = replace(st_.select(demo_story, st_.start(demo_story), 1, 2), playing=True)
    for index in range(len(demo_story.perspectives) + 1):
        switched = st_.set_perspective(demo_story, state, index)
        assert (switched.time, switched.chapter, switched.event) == (
            state.time, state.chapter, state.event)
        assert switched.perspective == index
    assert st_.set_perspective(demo_story, state, 99).perspective == 3


def test_cycle_perspective_wraps(demo_story: Story) -> None:
    state = st_.start(demo_story)
    assert st_.cycle_perspective(demo_story, state, -1).perspective == 3
    assert st_.cycle_perspective(demo_story, st_.set_perspective(demo_story, state, 3), 1
                                 ).perspective == 0


def test_go_to_time_picks_event_at_or_before(demo_story: Story) -> None:
    state = st_.go_to_time(demo_story, st_.start(demo_story), at(demo_story, "19:40"))
    assert (state.chapter, state.event) == (1, 1)
    exact = st_.go_to_time(demo_story, state, at(demo_story, "17:20"))
    assert (exact.chapter, exact.event) == (0, 1)
    before = st_.go_to_time(demo_story, state, at(demo_story, "03:00"))
    assert (before.chapter, before.event) == (0, 0)


def test_speed_steps_and_clamps() -> None:
    state = ReadingState(time=datetime(2021, 1, 1))
    assert pb.change_speed(state, 1).speed == 300
    assert pb.change_speed(replace(state, speed=1800), 1).speed == 1800
    assert pb.change_speed(replace(state, speed=1), -1).speed == 1


def test_paused_clock_does_not_move(demo_story: Story) -> None:
    state = st_.start(demo_story)
    assert pb.advance(demo_story, state, 100) == (state, "")


def test_playing_selects_events_in_order(demo_story: Story) -> None:
    state = pb.toggle_playing(st_.start(demo_story))
    seen = []
    for _ in range(60):
        state, _notice = pb.advance(demo_story, state, 1.0)  # one story minute at 60x
        seen.append((state.chapter, state.event))
    assert seen[19] == (0, 1)  # 17:20
    assert seen[44] == (0, 2)  # 17:45
    assert state.time == at(demo_story, "18:00")
    assert [pair for pair in dict.fromkeys(seen)] == [(0, 0), (0, 1), (0, 2)]


def test_playing_opens_next_chapter_at_chapter_end(demo_story: Story) -> None:
    state = replace(st_.select(demo_story, st_.start(demo_story), 0, 3), playing=True)
    state, notice = pb.advance(demo_story, state, 55)  # 18:10 + 55 min = 19:05
    assert (state.chapter, state.event) == (1, 0)
    assert state.time == at(demo_story, "19:05") and notice == ""


def test_long_gap_is_skipped_with_notice(demo_story: Story) -> None:
    state = replace(st_.select(demo_story, st_.start(demo_story), 1, 4), playing=True)
    state, notice = pb.advance(demo_story, state, 4)  # 4 story minutes: still waiting
    assert (state.chapter, notice) == (1, "")
    state, notice = pb.advance(demo_story, state, 1)  # DWELL reached: jump to the morning
    assert (state.chapter, state.event) == (2, 0)
    assert state.time == demo_story.chapters[2].start
    assert notice == "Skipped 9 h 45 min to Sat 6 Nov 07:30."  # from 21:45, where it played to


def test_playing_stops_at_story_end(demo_story: Story) -> None:
    state = replace(st_.select(demo_story, st_.start(demo_story), 2, 1), playing=True)
    state, notice = pb.advance(demo_story, state, 75)
    assert st_.is_last(demo_story, state) and not state.playing
    assert notice == "Skipped 1 h 10 min to Sat 6 Nov 09:15. End of the story."
    assert state.time == demo_story.chapters[2].end


@given(st.lists(st.floats(min_value=0, max_value=400), max_size=40),
       st.sampled_from(st_.SPEEDS))
def test_playback_never_goes_back_within_a_chapter(steps: list[float], speed: int) -> None:
    story = _demo()
    state = replace(st_.start(story), playing=True, speed=speed)
    for seconds in steps:
        new, _ = pb.advance(story, state, seconds)
        if new.chapter == state.chapter:
            assert (new.event, new.time) >= (state.event, state.time)
        assert new.time >= st_.current_event(story, new).at
        state = new


@cache
def _demo() -> Story:
    """The demo story for hypothesis tests, which cannot take function-scoped fixtures."""
    return load_story(Path(__file__).parent / "data" / "stories" / "reader-demo")


@pytest.mark.parametrize(("minutes", "words"), [
    (45, "45 min"), (60, "1 h"), (14 * 60 + 20, "14 h 20 min"), (3 * 1440, "3 days"),
    (800 * 1440, "2 years"),
])
def test_format_duration(minutes: int, words: str) -> None:
    assert format_duration(timedelta(minutes=minutes)) == words


def test_origin_is_the_first_event_on_the_story_date(demo_story: Story) -> None:
    assert st_.origin(demo_story) == demo_story.start
    background = replace(demo_story.chapters[0].events[0], id="past",
                         at=datetime(1882, 9, 25, tzinfo=demo_story.zone))
    chapter = replace(demo_story.chapters[0], id="past", events=(background,))
    story = replace(demo_story, chapters=(chapter, *demo_story.chapters))
    assert st_.origin(story) == demo_story.start


def test_overlapping_chapters_step_back_after_dwell(demo_story: Story) -> None:
    dusk, storm = demo_story.chapters[0], demo_story.chapters[1]
    early = tuple(replace(e, at=e.at - timedelta(hours=2)) for e in storm.events)  # 17:05...
    story = replace(demo_story, chapters=(dusk, replace(storm, events=early)))
    state = replace(st_.select(story, st_.start(story), 0, 3), playing=True)  # 18:10
    state, notice = pb.advance(story, state, 4)
    assert (state.chapter, notice) == (0, "")
    state, notice = pb.advance(story, state, 1)
    assert (state.chapter, state.event) == (1, 0)
    assert state.time == early[0].at and notice == "Back to 17:05."


def test_go_to_time_prefers_latest_event_across_overlapping_chapters(demo_story: Story) -> None:
    dusk, storm = demo_story.chapters[0], demo_story.chapters[1]
    early = tuple(replace(e, at=e.at - timedelta(hours=2)) for e in storm.events)
    story = replace(demo_story, chapters=(dusk, replace(storm, events=early)))
    state = st_.go_to_time(story, st_.start(story), at(story, "17:50"))
    assert (state.chapter, state.event) == (0, 2)  # 17:45 in dusk beats 17:30 in storm


def test_long_gap_is_skipped_after_the_same_wall_time_at_any_speed(demo_story: Story) -> None:
    last_of_storm = replace(st_.select(demo_story, st_.start(demo_story), 1, 4), playing=True)
    for speed in (1, 10, 60, 300):
        state = replace(last_of_storm, speed=speed)
        state, notice = pb.advance(demo_story, state, pb.DWELL_SECONDS - 0.5)
        assert (state.chapter, notice) == (1, "")
        state, notice = pb.advance(demo_story, state, 0.5)
        played_to = 21 * 60 + 40 + pb.DWELL_SECONDS * speed / 60  # minutes past midnight
        skipped = 24 * 60 + 7 * 60 + 30 - played_to
        assert state.chapter == 2
        assert notice.startswith(f"Skipped {format_duration(timedelta(minutes=skipped))}")


def test_gap_shorter_than_the_dwell_is_simply_played(demo_story: Story) -> None:
    state = replace(st_.select(demo_story, st_.start(demo_story), 2, 1), playing=True,
                    speed=1800)  # 08:00 -> 09:15: 75 min, under 5 s at 1800x (2.5 h)
    state, notice = pb.advance(demo_story, state, 2.5)
    assert st_.is_last(demo_story, state) and notice == "End of the story."


def _morning(story: Story, *times: datetime) -> Story:
    """The demo story with one chapter whose events happen at `times`."""
    chapter = story.chapters[2]
    events = tuple(replace(chapter.events[0], id=f"m{n}", at=moment)
                   for n, moment in enumerate(times))
    return replace(story, date=times[0].date(), chapters=(replace(chapter, events=events),))


def test_skip_notice_states_the_jump_made_not_the_whole_gap(demo_story: Story) -> None:
    day = datetime(2021, 11, 6, tzinfo=demo_story.zone)
    story = _morning(demo_story, day.replace(hour=7), day.replace(hour=12, minute=50),
                     day.replace(hour=13))
    state = replace(st_.start(story), playing=True, speed=1800)
    state, notice = pb.advance(story, state, 4.9)  # plays on to 09:27
    assert (state.event, notice) == (0, "")
    state, notice = pb.advance(story, state, 0.1)  # 09:30: 5 s of wall time at 1800x
    assert state.event == 1
    assert notice == "Skipped 3 h 20 min to 12:50."  # not the gap's 5 h 50 min


AMSTERDAM_SPRING = datetime(2022, 3, 27)
"""Clocks in Europe/Amsterdam went forward from 02:00 to 03:00 on this night."""


def test_playback_across_a_daylight_saving_change_counts_real_time(demo_story: Story) -> None:
    zone = demo_story.zone  # Europe/Amsterdam
    night = AMSTERDAM_SPRING.replace(tzinfo=zone)
    story = _morning(demo_story, night.replace(hour=1, minute=59), night.replace(hour=5),
                     night.replace(hour=6))
    state = replace(st_.start(story), playing=True, speed=60)
    state, _ = pb.advance(story, state, 2)  # two story minutes after 01:59
    assert state.time.strftime("%H:%M %Z") == "03:01 CEST"
    state, notice = pb.advance(story, state, 3)  # the dwell: 5 min past 01:59 is 03:04
    assert notice == "Skipped 1 h 56 min to 05:00."  # 03:04 to 05:00; wall-clock sums say 2 h 56


def test_t_plus_counts_real_time_across_a_daylight_saving_change(demo_story: Story) -> None:
    from ihostage_tui.widgets.clock_panel import status_parts

    night = AMSTERDAM_SPRING.replace(tzinfo=demo_story.zone)
    story = _morning(demo_story, night.replace(hour=1), night.replace(hour=5))
    state = st_.select(story, st_.start(story), 0, 1)
    offset = status_parts(story, state, st_.origin(story))[0][0]
    assert offset == "T+03:00"  # 01:00 CET to 05:00 CEST; the wall clock says four hours
