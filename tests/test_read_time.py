"""A time typed by a reader (go to time, `--at`) in any form the reader itself shows."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Precision
from ihostage_tui.timefmt import TimeFormatError, format_event_time, format_moment, read_time

AMS = ZoneInfo("Europe/Amsterdam")
DAY = date(2022, 2, 22)
ORIGIN = datetime(2022, 2, 22, 17, 30, tzinfo=AMS)


@pytest.mark.parametrize(("text", "iso"), [
    ("19:00", "2022-02-22T19:00:00"), ("19:00:15", "2022-02-22T19:00:15"),
    ("~19:00", "2022-02-22T19:00:00"), ("?19:00", "2022-02-22T19:00:00"),
    ("23 Feb 12:00", "2022-02-23T12:00:00"), ("Wed 23 Feb 00:05", "2022-02-23T00:05:00"),
    ("~Wed 23 Feb 00:05", "2022-02-23T00:05:00"), ("wed 23 feb 00:05:30", "2022-02-23T00:05:30"),
    ("23 Feb ~00:05", "2022-02-23T00:05:00"), ("24 Feb 2023 12:00", "2023-02-24T12:00:00"),
    ("Thu 24 Feb 2022", "2022-02-24T00:00:00"), ("23 February", "2022-02-23T00:00:00"),
    ("Feb 2023", "2023-02-01T00:00:00"), ("2022-02-23 00:10", "2022-02-23T00:10:00"),
    ("2022-02-23T00:10", "2022-02-23T00:10:00"), ("2022-03-31", "2022-03-31T00:00:00"),
    ("T+01:30", "2022-02-22T19:00:00"), ("T-00:05", "2022-02-22T17:25:00"),
    ("T+1d 00:00", "2022-02-23T17:30:00"), ("  19:00  ", "2022-02-22T19:00:00"),
])
def test_reads_every_form_the_reader_shows(text: str, iso: str) -> None:
    assert read_time(text, DAY, AMS, ORIGIN).replace(tzinfo=None).isoformat() == iso


@pytest.mark.parametrize(("text", "words"), [
    ("", "nothing typed: write a time such as 19:00"),
    ("   ", "nothing typed"),
    ("1800", "a bare number is not a time; write 18:00"),
    ("930", "write 09:30"),
    ("25:00", "25:00 is not a clock time"),
    ("30 Feb 12:00", "is not a real date"),
    ("23 Fbr 12:00", "'Fbr' is not a month"),
    ("soon", "'soon' is not a time"),
])
def test_refuses_with_words(text: str, words: str) -> None:
    with pytest.raises(TimeFormatError) as caught:
        read_time(text, DAY, AMS, ORIGIN)
    assert words in str(caught.value)


@pytest.mark.parametrize("text", ["x" * 500, "19:00 " + "y" * 300, "Wed 23 Feb " + "z" * 90])
def test_an_error_quotes_at_most_40_characters(text: str) -> None:
    with pytest.raises(TimeFormatError) as caught:
        read_time(text, DAY, AMS, ORIGIN)
    quoted = str(caught.value).split("'")[1]
    assert len(quoted) <= 40 and quoted.endswith("…")


def test_every_time_the_bundled_story_shows_reads_back() -> None:
    """Each event's time as the events pane writes it, and the clock panel's day line, reads
    back as that moment (a year alone, `1912`, is a bare number and is refused on purpose)."""
    story = load_story(bundled_story_path())
    for event in story.events:
        if event.precision is Precision.YEAR:
            continue
        shown = format_event_time(event, story.date)
        assert read_time(shown, story.date, story.zone) == event.at, shown
        day_line = format_moment(event.at, Precision.DAY, date.min)
        assert read_time(day_line, story.date, story.zone).date() == event.at.date(), day_line
