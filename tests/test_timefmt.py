"""Reading and writing story times."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from ihostage_tui.model import Event, Precision, Story
from ihostage_tui.rows import build_layout
from ihostage_tui.timefmt import (
    TimeFormatError,
    format_day,
    format_moment,
    format_offset,
    format_span,
    parse_time,
)

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2022, 2, 22)


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("17:30", "2022-02-22T17:30:00+01:00", Precision.MINUTE),
        ("7:05", "2022-02-22T07:05:00+01:00", Precision.MINUTE),
        ("17:30:15", "2022-02-22T17:30:15+01:00", Precision.SECOND),
        ("2022-02-23 00:10", "2022-02-23T00:10:00+01:00", Precision.MINUTE),
        ("2022-02-23T00:10:05", "2022-02-23T00:10:05+01:00", Precision.SECOND),
        ("2022-06-10", "2022-06-10T00:00:00+02:00", Precision.DAY),  # summer time
        ("2023-02", "2023-02-01T00:00:00+01:00", Precision.MONTH),
        ("1912", "1912-01-01T00:00:00+00:19:32", Precision.YEAR),  # Amsterdam mean time
    ],
)
def test_parse(text: str, iso: str, precision: Precision) -> None:
    moment, found = parse_time(text, DAY, AMS)
    assert moment.isoformat() == iso
    assert found is precision


@pytest.mark.parametrize(
    ("text", "words"),
    [("25:61", "not a clock time"), ("2022-02-30", "not a real date"), ("tonight", "not a time"),
     ("17h30", "not a time"), ("2022-13", "not a real date")],
)
def test_parse_errors(text: str, words: str) -> None:
    with pytest.raises(TimeFormatError, match=words):
        parse_time(text, DAY, AMS)


def test_format_moment() -> None:
    def fmt(text: str) -> str:
        return format_moment(*parse_time(text, DAY, AMS), DAY)

    assert fmt("17:30") == "17:30"
    assert fmt("2022-02-23 00:10") == "Wed 23 Feb 00:10"
    assert fmt("2022-03-31") == "Thu 31 Mar 2022"
    assert fmt("2023-02") == "Feb 2023"
    assert fmt("2023-02-01 09:00") == "1 Feb 2023 09:00"
    assert fmt("1912") == "1912"


def test_format_offset() -> None:
    assert format_offset(timedelta(hours=1, minutes=12)) == "T+01:12"
    assert format_offset(timedelta(minutes=-5)) == "T-00:05"
    assert format_offset(timedelta(days=2, hours=4)) == "T+2d 04:00"
    assert format_offset(timedelta(days=800)) == "T+2.2y"


def _event(text: str, approx: bool = False) -> Event:
    moment, precision = parse_time(text, DAY, AMS)
    return Event("e", "c", moment, precision, approx, "title", "text")


@pytest.mark.parametrize(("first", "last", "shown"), [
    (("19:01", True), ("19:01", True), "~19:01"),
    (("2022-02-23 00:05", True), ("2022-02-23 00:05", True), "~Wed 23 Feb 00:05"),
    (("17:00", False), ("18:10", False), "17:00-18:10"),
    (("17:30", True), ("17:40", True), "~17:30-~17:40"),
    (("2022-02-23 07:00", True), ("2022-02-23 20:00", False), "Wed 23 Feb ~07:00-20:00"),
    (("22:30", False), ("2022-02-23 00:05", True), "22 Feb 22:30-23 Feb ~00:05"),
    (("2022-02-24", False), ("2024-02-22 20:00", False), "24 Feb 2022-22 Feb 2024"),
    (("2024-02", False), ("2025-04-25", True), "Feb 2024-~25 Apr 2025"),
    (("1882-09-25", False), ("2014", False), "25 Sep 1882-2014"),
    (("2023-03-03", False), ("2023-03-05 10:00", False), "3 Mar-5 Mar 2023"),
    (("2023-03-03 09:00", False), ("2023-03-03 10:00", False), "Fri 3 Mar 2023 09:00-10:00"),
])
def test_span_is_one_time_for_one_moment_and_says_when_it_crosses_days(
        first: tuple[str, bool], last: tuple[str, bool], shown: str) -> None:
    assert format_span(_event(*first), _event(*last), DAY) == shown


def test_one_moment_is_as_sure_as_its_surest_event() -> None:
    """Messages to AT5: its first event is at 19:01 exactly, the next placed there by order; the
    chapter list must not write `?19:01` (no time in the sources) for a time a source gives."""
    exact, rough = _event("19:01"), _event("19:01", approx=True)
    placed = replace(exact, approx=False, placed=True)
    assert format_span(exact, placed, DAY) == "19:01"
    assert format_span(placed, rough, DAY) == "~19:01"
    assert format_span(placed, placed, DAY) == "?19:01"


def test_a_day_is_written_one_way(demo_story: Story) -> None:
    """A chapter's day over the events pane and an event dated only to its day read alike."""
    morning = demo_story.chapters[2]
    day = morning.events[0].at.date()
    first_row = build_layout(demo_story, morning, None, 80).lines[0]
    heading = "".join(text for text, _ in first_row.pieces)
    assert format_day(day) == "Sat 6 Nov 2021"
    assert heading == f"{morning.title}  Sat 6 Nov 2021"
    at_noon = morning.events[0].at.replace(hour=12, minute=0)
    assert format_moment(at_noon, Precision.DAY, demo_story.date) == "Sat 6 Nov 2021"
