"""Reading one chapter file: its events, their times, views, sources and disputes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from zoneinfo import ZoneInfo

from yaml.nodes import Node, ScalarNode

from ihostage_tui import suggest
from ihostage_tui.errors import Problem
from ihostage_tui.model import (
    Chapter,
    Dispute,
    Event,
    Perspective,
    Precision,
    Source,
    Version,
    View,
)
from ihostage_tui.safetext import shown
from ihostage_tui.timefmt import FORMS, TimeFormatError, format_moment, parse_time
from ihostage_tui.yamlfile import read_file
from ihostage_tui.yamlnodes import Claim, FieldNames, IdTable, NodeReader

Fields = dict[str, tuple[Node, Node]]

_ANY_DAY = date(2000, 1, 1)
CHAPTER_FIELDS = FieldNames(required=("id", "title", "events"), optional=("summary",))
"""The fields of a chapter file."""
EVENT_FIELDS = FieldNames(
    required=("at", "title", "sources"),
    optional=("id", "approx", "placed", "text", "views", "disputed"),
)
"""The fields of each event."""
DISPUTE_FIELDS = FieldNames(required=("what", "versions"), optional=())
"""The fields of each entry of an event's `disputed`."""
VERSION_FIELDS = FieldNames(required=("says", "sources"), optional=())
"""The fields of each version of a dispute."""


@dataclass
class Refs:
    """What chapters may refer to, and what they have claimed so far."""

    perspectives: dict[str, Perspective]
    """Perspectives declared in story.yaml, in tab order."""
    sources: dict[str, Source]
    """Sources declared in story.yaml."""
    zone: ZoneInfo | None
    """The story's time zone, None when story.yaml got it wrong (times are then not checked)."""
    day: date | None
    """The story's date, None when story.yaml got it wrong."""
    perspectives_checked: bool = True
    """False when story.yaml's perspectives have errors: views are then not checked against them."""
    sources_checked: bool = True
    """False when story.yaml's sources have errors: citations are then not checked against them."""
    cited: set[str] = field(default_factory=set)
    """Source ids some event cites."""
    chapter_ids: IdTable = field(default_factory=dict)
    """Chapter ids seen so far, with where."""
    event_ids: IdTable = field(default_factory=dict)
    """Event ids seen so far (given or generated), with where."""
    hints: dict[str, str] = field(default_factory=dict)
    """The hint for each unknown source id met so far (thousands may repeat one)."""

    def source_hint(self, source_id: str) -> str:
        """What to write instead of an unknown source id: bounded, and worked out once."""
        if source_id not in self.hints:
            close = suggest.closest(source_id, self.sorted_sources)
            self.hints[source_id] = suggest.hint("source", self.sorted_sources, close,
                                                 "story.yaml lists no sources")
        return self.hints[source_id]

    @cached_property
    def sorted_sources(self) -> list[str]:
        """The known source ids in order, for bounded searches (sorted once, when first needed)."""
        return sorted(self.sources)

    def warn_uncited(self, nodes: NodeReader, where: IdTable) -> None:
        """A warning, at its id, for each listed source that no event cites."""
        for source_id, claim in where.items():
            if source_id in self.sources and source_id not in self.cited:
                nodes.warn(claim.node, "sources", f"source {source_id!r} is never cited",
                           "cite it from an event, or remove it")


class ChapterReader:
    """Reads one chapter file into a `Chapter`, recording every problem."""

    def __init__(self, file: Path, problems: list[Problem], refs: Refs, display: str,
                 record: Callable[[bytes], None] | None = None) -> None:
        self.file = file
        self.record = record
        """Told the bytes of the file as they are read (for the story cache's fingerprint)."""
        self.refs = refs
        self.nodes = NodeReader(display, problems)
        self.errors_before = len(problems)
        self.problems = problems

    def read(self, written: str) -> Chapter | None:
        """The chapter, or None when its file has errors."""
        node = read_file(self.file, self.nodes, self.record)
        fields = None if node is None else self.nodes.mapping(node, "", *CHAPTER_FIELDS)
        if node is None or fields is None:
            return None
        chapter_id = None
        if "id" in fields:
            chapter_id = self.nodes.unique_id(fields["id"][1], "id", self.refs.chapter_ids,
                                              "chapter")
        title = self.nodes.get_text(fields, "title", "", required=True)
        summary = self.nodes.get_text(fields, "summary", "") or ""
        events = self._events(fields, chapter_id or "chapter")
        if any(not p.warning for p in self.problems[self.errors_before :]):
            return None
        assert chapter_id is not None and title is not None
        return Chapter(chapter_id, title, tuple(events), summary, written)

    def _events(self, fields: Fields, chapter_id: str) -> list[Event]:
        if "events" not in fields:
            return []
        items = self.nodes.sequence(fields["events"][1], "events")
        if items is not None and not items:
            self.nodes.problem(fields["events"][1], "events", "a chapter needs at least one event")
        events: list[Event] = []
        previous: tuple[datetime, Node] | None = None
        for index, item in enumerate(items or []):
            found = self._event(item, f"events[{index}]", chapter_id, index + 1)
            if found is None:
                continue
            event, at_node = found
            if previous and event.at < previous[0]:
                self._out_of_order(at_node, f"events[{index}].at", event, previous)
            previous = (event.at, at_node)
            events.append(event)
        return events

    def _out_of_order(self, node: Node, path: str, event: Event, previous: tuple[datetime, Node]
                      ) -> None:
        day = self.refs.day or event.at.date()
        self.nodes.problem(
            node, path, f"{format_moment(event.at, event.precision, day)} is earlier than the "
            f"event before it (line {self.nodes.line_of(previous[1])}, "
            f"{format_moment(previous[0], Precision.MINUTE, day)})",
            "list events in time order: move this event up, or correct its time",
        )

    def _event(
        self, node: Node, path: str, chapter_id: str, position: int
    ) -> tuple[Event, Node] | None:
        default_id = f"{chapter_id}.{position}"
        fields = self.nodes.mapping(node, path, *EVENT_FIELDS)
        if fields is None:
            return None
        mark = len(self.problems)
        at = self._time(fields, path)
        marks = self._marks(fields, path)
        title = self.nodes.get_text(fields, "title", path, required=True)
        text = self.nodes.get_text(fields, "text", path) or ""
        views = self._views(fields, path)
        sources = self._source_list(fields["sources"][1], f"{path}.sources") \
            if "sources" in fields else ()
        disputed = self._disputes(fields, path)
        if not text and not views and "text" not in fields and "views" not in fields:
            self.nodes.problem(node, path, "an event needs a `text`, at least one view, or both",
                               "add `text:` with the neutral account, or `views:`")
        event_id = self._event_id(node, fields, path, default_id)
        if len(self.problems) > mark or at is None or title is None or marks is None:
            return None
        event = Event(event_id or default_id, chapter_id, at[0], at[1], marks[0], title, text,
                      views, sources, disputed, placed=marks[1])
        return event, fields["at"][1]

    def _marks(self, fields: Fields, path: str) -> tuple[bool, bool] | None:
        """`approx` and `placed`, each false when absent; None when either is wrong or both true."""
        given = {name: self.nodes.boolean(fields[name][1], f"{path}.{name}")
                 for name in ("approx", "placed") if name in fields}
        if None in given.values():
            return None
        approx, placed = given.get("approx", False), given.get("placed", False)
        if approx and placed:
            self.nodes.problem(
                fields["placed"][1], f"{path}.placed",
                "an event cannot be both `approx` and `placed`",
                "`approx` means the sources give a rough time, `placed` that they give none: "
                "keep the one that is true")
            return None
        return bool(approx), bool(placed)

    def _event_id(self, node: Node, fields: Fields, path: str, default_id: str) -> str | None:
        if "id" in fields:
            return self.nodes.unique_id(fields["id"][1], f"{path}.id", self.refs.event_ids, "event")
        if default_id in self.refs.event_ids:
            where = self.nodes.where(self.refs.event_ids[default_id])
            self.nodes.problem(node, path, f"this event's automatic id {default_id!r} (chapter "
                               f"id.position) is already the id of the event {where}",
                               "give one of the two events another `id:`")
            return None
        # only where the event starts: keeping its node would keep every value in it alive
        # until the whole story is read (about 16 MiB a chapter of 2,000 events)
        marker = ScalarNode(node.tag, "", node.start_mark, node.start_mark)
        self.refs.event_ids[default_id] = Claim(self.nodes.display, marker,
                                                self.nodes.line_of(node), automatic=True)
        return default_id

    def _time(self, fields: Fields, path: str) -> tuple[datetime, Precision] | None:
        if "at" not in fields:
            return None
        node = fields["at"][1]
        text = self.nodes.text(node, f"{path}.at")
        if text is None:
            return None
        if len(text) > 40:
            self.nodes.problem(node, f"{path}.at", f"{shown(text)} is not a time",
                               f"write a time as {FORMS}")
            return None
        try:  # with story.yaml's zone or date wrong, still check the time in UTC on its own date
            return parse_time(text, self.refs.day or _ANY_DAY, self.refs.zone or UTC)
        except TimeFormatError as error:
            self.nodes.problem(node, f"{path}.at", str(error),
                               error.hint or f"write a time as {FORMS}")
            return None

    def _views(self, fields: Fields, path: str) -> tuple[View, ...]:
        if "views" not in fields or not self.refs.perspectives_checked:
            return ()
        known = list(self.refs.perspectives)
        given = self.nodes.mapping(fields["views"][1], f"{path}.views", (), known,
                                   kind="perspective")
        if given is None:
            return ()
        texts = {pid: self.nodes.get_text(given, pid, f"{path}.views", required=True)
                 for pid in given}
        return tuple(View(pid, texts[pid] or "") for pid in known if texts.get(pid))

    def _source_list(self, node: Node, path: str) -> tuple[str, ...]:
        items = self.nodes.sequence(node, path)
        if items is not None and not items:
            self.nodes.problem(node, path, "cite at least one source",
                               "add the id of a source listed in story.yaml")
        found: list[str] = []
        for index, item in enumerate(items or []):
            source_id = self.nodes.text(item, f"{path}[{index}]")
            if source_id is None:
                continue
            if source_id not in self.refs.sources and self.refs.sources_checked:
                self.nodes.problem(item, f"{path}[{index}]", f"unknown source {shown(source_id)}",
                                   self.refs.source_hint(source_id))
                continue
            self.refs.cited.add(source_id)
            found.append(source_id)
        return tuple(found)

    def _disputes(self, fields: Fields, path: str) -> tuple[Dispute, ...]:
        if "disputed" not in fields:
            return ()
        disputes: list[Dispute] = []
        for index, item in enumerate(self.nodes.sequence(fields["disputed"][1],
                                                         f"{path}.disputed") or []):
            where = f"{path}.disputed[{index}]"
            entry = self.nodes.mapping(item, where, *DISPUTE_FIELDS)
            if entry is None:
                continue
            what = self.nodes.get_text(entry, "what", where, required=True)
            versions = self._versions(entry, where) if "versions" in entry else ()
            if what and versions:
                disputes.append(Dispute(what, versions))
        return tuple(disputes)

    def _versions(self, entry: Fields, path: str) -> tuple[Version, ...]:
        node = entry["versions"][1]
        items = self.nodes.sequence(node, f"{path}.versions")
        if items is not None and len(items) < 2:
            self.nodes.problem(node, f"{path}.versions", "a dispute needs at least two versions",
                               "add each source's version, or drop `disputed` if they agree")
        versions: list[Version] = []
        for index, item in enumerate(items or []):
            where = f"{path}.versions[{index}]"
            version = self.nodes.mapping(item, where, *VERSION_FIELDS)
            if version is None:
                continue
            says = self.nodes.get_text(version, "says", where, required=True)
            sources = self._source_list(version["sources"][1], f"{where}.sources") \
                if "sources" in version else ()
            if says and sources:
                versions.append(Version(says, sources))
        return tuple(versions)
