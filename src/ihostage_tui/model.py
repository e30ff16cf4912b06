"""The story model: immutable, plain Python, no Textual.

A `Story` is what the loader returns after a story folder has parsed and validated. Everything in
it is frozen: the app reads it, never changes it. Times are timezone-aware `datetime`s in the
story's own time zone, so arithmetic and comparisons never mix zones.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from functools import cached_property
from zoneinfo import ZoneInfo


class Precision(StrEnum):
    """How precisely the story file gives an event's time."""

    SECOND = "second"
    """`HH:MM:SS`, or a full date with seconds."""
    MINUTE = "minute"
    """`HH:MM`, or a full date with hours and minutes."""
    DAY = "day"
    """A date alone: `2022-03-31`."""
    MONTH = "month"
    """A month alone: `2023-02`."""
    YEAR = "year"
    """A year alone: `1912`."""

    @property
    def has_clock_time(self) -> bool:
        """True when the time carries hours and minutes, not only a calendar period."""
        return self in (Precision.SECOND, Precision.MINUTE)


class Order(StrEnum):
    """The order in which the reader walks a story's events."""

    CHAPTERS = "chapters"
    """As written: chapter by chapter, each chapter's events in time order."""
    TIME = "time"
    """Every event of the story in one stream by time; equal times keep chapter order."""


@dataclass(frozen=True, slots=True)
class Perspective:
    """One side of the story, shown as a tab."""

    id: str
    """Stable identifier used in chapter files (`views:`) and on the command line."""
    name: str
    """Full name shown in the tab's heading, e.g. "Police and negotiators"."""
    short: str
    """Short tab label, e.g. "Police"; the name when the file gives none."""
    description: str = ""
    """Who this perspective covers; shown in the help and the command palette."""


@dataclass(frozen=True, slots=True)
class Source:
    """A published source that events cite by id."""

    id: str
    """Identifier used in events' `sources:` lists."""
    title: str
    """Title of the article, broadcast or document."""
    publisher: str = ""
    """Who published it (newspaper, broadcaster, agency)."""
    url: str = ""
    """Where to read it, if it is online."""
    date: str = ""
    """Publication date as written by the author (`2022-02-23`, `2023-02` or `2025`)."""
    title_translated: bool = False
    """True when `title` is the author's English rendering of a title published in another
    language: the original is found at `url` or under the publisher, not by this title."""


@dataclass(frozen=True, slots=True)
class Version:
    """One source's (or group of sources') account of a disputed point."""

    says: str
    """What this version holds, in the author's words."""
    sources: tuple[str, ...]
    """Ids of the sources that hold it."""


@dataclass(frozen=True, slots=True)
class Dispute:
    """A point on which the sources disagree."""

    what: str
    """The point in question, e.g. "the amount and currency of the demand"."""
    versions: tuple[Version, ...]
    """Every version the sources give, at least two."""


@dataclass(frozen=True, slots=True)
class View:
    """One perspective's telling of an event."""

    perspective: str
    """Id of the perspective."""
    text: str
    """The telling, Markdown-flavoured plain text."""


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened at one moment of the story."""

    id: str
    """Unique in the story: the author's `id`, or `<chapter id>.<position>` counting from 1."""
    chapter_id: str
    """Id of the chapter the event belongs to."""
    at: datetime
    """When it happened, aware, in the story's time zone (start of the period for dates)."""
    precision: Precision
    """How precisely `at` is known: decides how the time is written."""
    approx: bool
    """True when the sources give only an approximate time (written `~19:00`)."""
    title: str
    """One line naming the moment."""
    text: str
    """The neutral account, shown in the Overview tab; may be empty if views exist."""
    views: tuple[View, ...] = ()
    """Each perspective's telling, in the story's perspective order."""
    sources: tuple[str, ...] = ()
    """Ids of the sources the event rests on."""
    disputed: tuple[Dispute, ...] = ()
    """Points on which the sources disagree about this event."""
    placed: bool = False
    """True when the sources give no time at all: the author placed the event by its order
    among the others, and `at` is that placement, not a time anyone reported (written `?19:00`).
    Never true together with `approx`, which says the sources do give a time, roughly."""

    def view(self, perspective_id: str) -> str | None:
        """This perspective's telling, or None when the event has none for it."""
        for view in self.views:
            if view.perspective == perspective_id:
                return view.text
        return None


@dataclass(frozen=True, slots=True)
class Chapter:
    """A part of the story, read in order; its events are in time order."""

    id: str
    """Stable identifier, used for resuming and `--chapter`."""
    title: str
    """Chapter heading."""
    events: tuple[Event, ...]
    """Events in time order; never empty."""
    summary: str = ""
    """A sentence or two introducing the chapter."""
    path: str = ""
    """The chapter file, relative to the story folder, as written in story.yaml."""

    @property
    def start(self) -> datetime:
        """Time of the chapter's first event."""
        return self.events[0].at

    @property
    def end(self) -> datetime:
        """Time of the chapter's last event."""
        return self.events[-1].at


@dataclass(frozen=True)
class Story:
    """A whole story: metadata, perspectives, sources and chapters in reading order."""

    title: str
    """The story's title."""
    timezone: str
    """IANA time zone name in which every time of the story is read."""
    date: date
    """The day that plain clock times (`17:30`) refer to."""
    perspectives: tuple[Perspective, ...]
    """Perspectives in tab order (the Overview tab is not one of them)."""
    chapters: tuple[Chapter, ...]
    """Chapters in reading order; never empty."""
    sources: tuple[Source, ...] = ()
    """Sources that events cite."""
    subtitle: str = ""
    """A line under the title."""
    summary: str = ""
    """A paragraph introducing the story."""
    content_note: str = ""
    """Shown before the story opens, when not empty."""
    format: int = 1
    """Version of the story format the files are written in."""
    root: str = ""
    """Folder the story was loaded from (informational; the model never reads files)."""
    file: str = ""
    """The story file that was read (story.yaml, or another .yaml named directly), with every
    link resolved: the story's identity, the same however its path was given, which keys its
    cache entry and its remembered reading position."""
    order: Order = Order.CHAPTERS
    """The order a new reader starts in (`order:` in story.yaml); `o` switches while reading."""

    @cached_property
    def zone(self) -> ZoneInfo:
        """The story's time zone."""
        return ZoneInfo(self.timezone)

    @property
    def events(self) -> Iterator[Event]:
        """Every event, chapter by chapter."""
        for chapter in self.chapters:
            yield from chapter.events

    @cached_property
    def event_count(self) -> int:
        """Number of events in the whole story."""
        return sum(len(chapter.events) for chapter in self.chapters)

    @property
    def start(self) -> datetime:
        """Time of the story's first event."""
        return self.chapters[0].start

    @property
    def end(self) -> datetime:
        """Time of the story's last event (the latest, if chapters overlap)."""
        return max(chapter.end for chapter in self.chapters)

    @cached_property
    def time_order(self) -> TimeOrder:
        """Every event in one stream by time, built once (O(n log n)) on first use."""
        return TimeOrder(self.chapters)

    def perspective(self, perspective_id: str) -> Perspective | None:
        """The perspective with this id, or None."""
        return next((p for p in self.perspectives if p.id == perspective_id), None)

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        return self._sources_by_id.get(source_id)

    def chapter(self, chapter_id: str) -> Chapter | None:
        """The chapter with this id, or None."""
        return next((c for c in self.chapters if c.id == chapter_id), None)

    @cached_property
    def _sources_by_id(self) -> dict[str, Source]:
        return {source.id: source for source in self.sources}


class TimeOrder:
    """A story's events in time order, with O(1) or O(log n) ways between both orders.

    An event is known in chapter order by `(chapter, event)` indices and in time order by its
    position in `events`. Sorting is stable, so events at equal times keep chapter order.
    """

    def __init__(self, chapters: tuple[Chapter, ...]) -> None:
        offsets, total = [], 0
        for chapter in chapters:
            offsets.append(total)
            total += len(chapter.events)
        flat = [event for chapter in chapters for event in chapter.events]
        order = sorted(range(total), key=lambda index: flat[index].at)
        rank = [0] * total
        for position, index in enumerate(order):
            rank[index] = position
        self._offsets: tuple[int, ...] = tuple(offsets)
        self._order: tuple[int, ...] = tuple(order)
        self._rank: tuple[int, ...] = tuple(rank)
        self.events: tuple[Event, ...] = tuple(flat[index] for index in order)
        """Every event of the story, earliest first."""
        self.chapter_starts: tuple[int, ...] = tuple(sorted(rank[at] for at in offsets))
        """Positions of each chapter's first event, ascending."""

    def __len__(self) -> int:
        return len(self.events)

    def position(self, chapter: int, event: int) -> int:
        """Position in time order of a chapter's event."""
        return self._rank[self._offsets[chapter] + event]

    def indices(self, position: int) -> tuple[int, int]:
        """`(chapter, event)` indices of the event at a position in time order."""
        index = self._order[position]
        chapter = bisect_right(self._offsets, index) - 1
        return chapter, index - self._offsets[chapter]

    def next_chapter_start(self, position: int) -> int | None:
        """Position of the first chapter start after `position`, or None."""
        found = bisect_right(self.chapter_starts, position)
        return self.chapter_starts[found] if found < len(self.chapter_starts) else None

    def prev_chapter_start(self, position: int) -> int | None:
        """Position of the last chapter start before `position`, or None."""
        found = bisect_left(self.chapter_starts, position)
        return self.chapter_starts[found - 1] if found else None
