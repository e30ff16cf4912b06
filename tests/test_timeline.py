"""The timeline strip finds each column's last event by bisection; it must match the plain way."""

from __future__ import annotations

from datetime import datetime

from test_events_window import big_story

from ihostage_tui.model import Event
from ihostage_tui.widgets.timeline import Timeline


def plain_last_per_column(events: tuple[Event, ...], low: datetime, high: datetime,
                          width: int) -> list[tuple[int, Event]]:
    """Every event in range, placed by rounding, the later one winning a shared column."""
    found: dict[int, Event] = {}
    for event in events:
        if low <= event.at <= high:
            fraction = (event.at - low).total_seconds() / (high - low).total_seconds()
            found[min(max(round(fraction * (width - 1)), 0), width - 1)] = event
    return sorted(found.items(), key=lambda item: item[0])


def test_bisection_matches_placing_every_event() -> None:
    story = big_story(2_000)
    timeline = Timeline(story)
    chapter = story.chapters[0]
    for width in (7, 40, 97, 160):
        middle = (chapter.events[300].at, chapter.events[900].at)
        for low, high in ((story.start, story.end), middle):
            expected = plain_last_per_column(chapter.events, low, high, width)
            assert timeline._last_per_column(0, low, high, width) == expected
