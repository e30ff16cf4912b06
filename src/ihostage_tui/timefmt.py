"""Reading and writing story times: plain Python, shared by the loader, the CLI and the reader."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ihostage_tui.clock import later
from ihostage_tui.model import Event, Precision
from ihostage_tui.safetext import TYPED, shown

_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
_DATETIME = re.compile(r"(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?", re.ASCII)
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)
_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_YEAR = re.compile(r"(\d{4})", re.ASCII)

FORMS = '"17:30", "17:30:15", "2022-02-23 00:10", "2022-03-31", "2023-02" or "1912"'
"""The accepted forms, for error messages and the go-to-time dialog."""

APPROX_MARK = "~"
"""Written before a time the sources give only approximately."""
PLACED_MARK = "?"
"""Written before the time of an event the sources give no time for (placed by its order)."""
TIME_LEGEND = (
    (f"{APPROX_MARK}19:00", "about this time: the sources give it only approximately"),
    (f"{PLACED_MARK}19:00", "no time in the sources: the event is placed here by its order"),
)
"""What the marks before a time mean, as (example, meaning): for the help screen and exports."""


class TimeFormatError(ValueError):
    """Text that is not a time in one of the accepted forms, or an impossible date or time."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint
        """How to fix it, when there is more to say than the accepted forms."""


def parse_time(text: str, day: date, zone: tzinfo) -> tuple[datetime, Precision]:
    """Read an event time as written in a story file.

    `day` is the story's date, used for a clock time alone; `zone` is the story's time zone.
    Raises `TimeFormatError` with a message a user can act on.
    """
    text = text.strip()
    try:
        moment, precision = _parse(text, day, zone)
    except ValueError as error:  # datetime's own range checks: month 13, 30 February...
        if isinstance(error, TimeFormatError):
            raise
        raise TimeFormatError(f"{text!r} is not a real date or time ({error})") from None
    if precision.has_clock_time:  # a date alone is the day's start, wherever the day starts
        _check_exists(text, moment)
    return moment, precision


def _check_exists(text: str, moment: datetime) -> None:
    """`TimeFormatError` for a clock time the zone skips (the hour clocks jump forward).

    A time the zone repeats (the hour clocks go back) is read as the first of the two.
    """
    try:
        same = moment.astimezone(UTC).astimezone(moment.tzinfo)
    except OverflowError:  # the first or last day datetime allows: no clock changes there
        return
    if same.replace(tzinfo=None) == moment.replace(tzinfo=None):
        return
    zone = getattr(moment.tzinfo, "key", None) or str(moment.tzinfo)
    raise TimeFormatError(
        f"{text!r} does not exist in {zone}: the clocks were put forward "
        f"on {moment.day} {moment:%b %Y}, skipping it",
        f"write the time the clocks showed, e.g. {same:%H:%M} (the same moment by the new "
        "clock) or a time before the change",
    )


def _parse(text: str, day: date, zone: tzinfo) -> tuple[datetime, Precision]:
    if match := _CLOCK.fullmatch(text):
        hour, minute, second = _clock_parts(match.group(1), match.group(2), match.group(3))
        moment = datetime.combine(day, time(hour, minute, second), zone)
        return moment, Precision.SECOND if match.group(3) else Precision.MINUTE
    if match := _DATETIME.fullmatch(text):
        year, month, mday = (int(match.group(i)) for i in (1, 2, 3))
        hour, minute, second = _clock_parts(match.group(4), match.group(5), match.group(6))
        moment = datetime(year, month, mday, hour, minute, second, tzinfo=zone)
        return moment, Precision.SECOND if match.group(6) else Precision.MINUTE
    if match := _DAY.fullmatch(text):
        year, month, mday = (int(g) for g in match.groups())
        return datetime(year, month, mday, tzinfo=zone), Precision.DAY
    if match := _MONTH.fullmatch(text):
        return datetime(int(match.group(1)), int(match.group(2)), 1, tzinfo=zone), Precision.MONTH
    if match := _YEAR.fullmatch(text):
        return datetime(int(match.group(1)), 1, 1, tzinfo=zone), Precision.YEAR
    raise TimeFormatError(f"{text!r} is not a time")


def _clock_parts(hour: str, minute: str, second: str | None) -> tuple[int, int, int]:
    h, m, s = int(hour), int(minute), int(second or 0)
    if h > 23 or m > 59 or s > 59:
        raise TimeFormatError(
            f"{hour}:{minute}{':' + second if second else ''} is not a clock time "
            "(hours go to 23, minutes and seconds to 59)"
        )
    return h, m, s


def time_mark(event: Event) -> str:
    """The mark before an event's time: `~` approximate, `?` placed by order, else nothing."""
    if event.placed:
        return PLACED_MARK
    return APPROX_MARK if event.approx else ""


def format_event_time(event: Event, day: date) -> str:
    """An event's time as the reader sees it: `~17:40`, `?19:00`, `Wed 23 Feb 00:10`..."""
    return time_mark(event) + format_moment(event.at, event.precision, day)


def format_day(day: date) -> str:
    """A calendar day as the reader writes it: `Sat 6 Nov 2021`."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def format_moment(moment: datetime, precision: Precision, day: date) -> str:
    """A moment at the given precision; the date is left out when it is the story's `day`."""
    if precision is Precision.YEAR:
        return f"{moment.year}"
    if precision is Precision.MONTH:
        return moment.strftime("%b %Y")
    if precision is Precision.DAY:
        return format_day(moment)
    clock = moment.strftime("%H:%M:%S" if precision is Precision.SECOND else "%H:%M")
    if moment.date() == day:
        return clock
    if moment.year == day.year:
        return f"{moment:%a} {moment.day} {moment:%b} {clock}"
    return f"{moment.day} {moment:%b %Y} {clock}"


def format_offset(delta: timedelta) -> str:
    """Time since the story began, as `T+01:12`, `T-00:05` or `T+3d 04:00` past a day."""
    sign = "-" if delta < timedelta(0) else "+"
    minutes = int(abs(delta).total_seconds()) // 60
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 365:
        return f"T{sign}{days / 365.25:.1f}y"
    prefix = f"{days}d " if days else ""
    return f"T{sign}{prefix}{hours:02d}:{minutes:02d}"


def format_span(first: Event, last: Event, day: date) -> str:
    """The time a run of events covers, from `first` to `last`, as compact as it stays clear.

    One moment is written once (`19:01`, `~Wed 23 Feb 00:05`). Within one calendar day the date
    is written once (`17:00-18:10`, `Sat 6 Nov 07:30-09:15`). Across days both ends carry their
    date, without weekdays (`22 Feb 19:01-23 Feb 00:05`); in another year than the story's the
    clock times give way to the year (`3 Mar-5 Mar 2023`, `24 Feb 2022-22 Feb 2024`).
    `day` is the story's date.
    """
    if (first.at, first.precision) == (last.at, last.precision):
        return _surest_mark(first, last) + format_moment(first.at, first.precision, day)
    start, end = first.at, last.at
    both_clock = first.precision.has_clock_time and last.precision.has_clock_time
    if both_clock and start.date() == end.date():
        on = "" if start.date() == day else f"{start:%a} {start.day} {start:%b} "
        if on and start.year != day.year:
            on = f"{on[:-1]} {start.year} "
        return f"{on}{_clock(first)}-{_clock(last)}"
    if start.year != end.year:
        return f"{_dated(first, year=True, clock=False)}-{_dated(last, year=True, clock=False)}"
    if start.year != day.year:
        span = f"{_dated(first, year=False, clock=False)}-{_dated(last, year=False, clock=False)}"
        return f"{span} {start.year}"
    return f"{_dated(first, year=False, clock=True)}-{_dated(last, year=False, clock=True)}"


def _surest_mark(first: Event, last: Event) -> str:
    """The mark for one moment that two events share: as sure as the surer of them (no mark if
    a source gives either time exactly, `~` if one roughly, `?` if neither gives it at all)."""
    marks = {time_mark(first), time_mark(last)}
    return "" if "" in marks else "~" if "~" in marks else "?"


def _clock(event: Event) -> str:
    """An event's clock time alone, with its mark (`~` approximate, `?` placed by order)."""
    shown = "%H:%M:%S" if event.precision is Precision.SECOND else "%H:%M"
    return time_mark(event) + event.at.strftime(shown)


def _dated(event: Event, *, year: bool, clock: bool) -> str:
    """One end of a span across days, at the event's precision: `23 Feb ~00:05`, `24 Feb`,
    `Feb`; with `year`, `24 Feb 2022`, `Feb 2023`, `1912`."""
    moment, precision = event.at, event.precision
    if precision is Precision.YEAR:
        return time_mark(event) + str(moment.year)
    text = moment.strftime("%b") + (f" {moment.year}" if year else "")
    if precision is not Precision.MONTH:
        text = f"{moment.day} {text}"
    if clock and precision.has_clock_time:
        return f"{text} {_clock(event)}"
    return time_mark(event) + text


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_SHOWN_DATE = re.compile(  # `Wed 23 Feb 00:05`, `23 Feb 2023 12:00`, `Thu 24 Feb 2022`
    r"(?:[a-z]{3,9}\.?,?\s+)?(?P<day>\d{1,2})\s+(?P<month>[a-z]{3,9})\.?(?:\s+(?P<year>\d{4}))?"
    r"(?:,?\s+[~?]?(?P<clock>\d{1,2}:\d{2}(?::\d{2})?))?", re.ASCII | re.IGNORECASE)
_SHOWN_MONTH = re.compile(r"(?P<month>[a-z]{3,9})\.?\s+(?P<year>\d{4})",  # `Feb 2023`
                          re.ASCII | re.IGNORECASE)
_OFFSET = re.compile(r"t\s*([+-])\s*(?:(\d+)d\s*)?(\d{1,3}):(\d{2})",  # `T+01:12`, `T+3d 04:00`
                     re.ASCII | re.IGNORECASE)
_BARE_NUMBER = re.compile(r"\d+", re.ASCII)
SHOWN_FORMS = ('"19:00", "19:00:15", "Wed 23 Feb 00:05", "23 Feb 2023 12:00", "Feb 2023", '
               '"T+01:30", or ISO "2022-02-23 00:05"')
"""The forms `read_time` takes, for the go-to-time dialog and `--at`'s errors."""


def read_time(text: str, day: date, zone: tzinfo, origin: datetime | None = None) -> datetime:
    """A moment typed by a reader (the go-to-time box, `--at`), in any form the reader shows.

    Takes what `parse_time` takes, and the app's own forms: `~` and `?` marks, a weekday,
    `23 Feb 12:00` (the story's year), `23 Feb 2023 12:00`, `Feb 2023`, and `T+01:30` from
    `origin`. A bare number is refused (`1800` is neither 18:00 nor the year 1800 for sure).
    Raises `TimeFormatError` quoting at most `TYPED` characters of the input.
    """
    text = text.strip().lstrip("~?").strip()
    if not text:
        raise TimeFormatError("nothing typed: write a time such as 19:00")
    if _BARE_NUMBER.fullmatch(text):
        clock = f"{text[:-2]:0>2}:{text[-2:]}" if 3 <= len(text) <= 4 else "19:00"
        raise TimeFormatError(f"a bare number is not a time; write {clock}",
                              f"or, for a year, {text}-01-01")
    if match := _OFFSET.fullmatch(text):
        return _from_offset(match, origin)
    try:
        if match := _SHOWN_DATE.fullmatch(text):
            return _shown_date(match, day, zone)
        if match := _SHOWN_MONTH.fullmatch(text):
            return datetime(int(match["year"]), _month(match["month"]), 1, tzinfo=zone)
    except ValueError as error:  # 30 Feb, or a clock time the zone skips
        if isinstance(error, TimeFormatError):
            raise
        raise TimeFormatError(f"{shown(text, TYPED)} is not a real date ({error})") from None
    if len(text) > TYPED or not re.fullmatch(r"[\d:T -]+", text):
        raise TimeFormatError(f"{shown(text, TYPED)} is not a time")
    return parse_time(text, day, zone)[0]


def _month(name: str) -> int:
    """1 to 12 for an English month name or its abbreviation (`Feb`, `february`)."""
    for number, month in enumerate(_MONTHS, start=1):
        if len(name) >= 3 and month.startswith(name.lower()):
            return number
    raise TimeFormatError(f"{shown(name, TYPED)} is not a month", "write Jan, Feb, ... Dec")


def _shown_date(match: re.Match[str], day: date, zone: tzinfo) -> datetime:
    """`23 Feb [2023] [12:00[:15]]`: the story's year when none is written."""
    year = int(match["year"]) if match["year"] else day.year
    on = date(year, _month(match["month"]), int(match["day"]))
    if not match["clock"]:
        return datetime(on.year, on.month, on.day, tzinfo=zone)
    moment, _precision = parse_time(match["clock"], on, zone)
    return moment


def _from_offset(match: re.Match[str], origin: datetime | None) -> datetime:
    """`T+01:30`: that long after the story's start (real elapsed time)."""
    if origin is None:
        raise TimeFormatError("a time since the start (T+) needs a story to count from")
    sign = -1 if match.group(1) == "-" else 1
    delta = timedelta(days=int(match.group(2) or 0), hours=int(match.group(3)),
                      minutes=int(match.group(4)))
    return later(origin, sign * delta)


def format_duration(delta: timedelta) -> str:
    """A gap in words: `45 min`, `14 h 20 min`, `3 days`, `2 years`."""
    minutes = int(delta.total_seconds()) // 60
    days = minutes // (24 * 60)
    if days >= 730:
        return f"{round(days / 365.25)} years"
    if days >= 2:
        return f"{days} days"
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"
