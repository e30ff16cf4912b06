"""Story folder → immutable `Story`, or a `StoryError` that lists every problem found.

`load_story(path)` accepts a story folder or its story.yaml. Files are read by `yamlnodes`
(safe, limited, located); this module checks them against the story format (docs/story-format.md)
and builds the model only when there is nothing wrong.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from yaml.nodes import Node, SequenceNode

from ihostage_tui.chapters import ChapterReader, Refs
from ihostage_tui.errors import Problem, StoryError
from ihostage_tui.locations import STORY_FILE, story_file, story_identity
from ihostage_tui.model import Chapter, Order, Perspective, Source, Story
from ihostage_tui.safetext import shown
from ihostage_tui.yamlfile import read_file
from ihostage_tui.yamlnodes import FieldNames, IdTable, NodeReader

MAX_CHAPTERS = 10_000
"""Most chapters a story may list."""


STORY_FIELDS = FieldNames(
    required=("format", "title", "timezone", "date", "perspectives", "chapters"),
    optional=("subtitle", "summary", "content_note", "sources", "order"),
)
"""The fields of story.yaml."""
PERSPECTIVE_FIELDS = FieldNames(required=("id", "name"), optional=("short", "description"))
"""The fields of each entry of `perspectives`."""
SOURCE_FIELDS = FieldNames(
    required=("id", "title"), optional=("title_translated", "publisher", "url", "date")
)
"""The fields of each entry of `sources`."""


def _is_list(fields: dict[str, tuple[Node, Node]], name: str) -> bool:
    return name in fields and isinstance(fields[name][1], SequenceNode)


@dataclass(frozen=True, slots=True)
class FileRead:
    """One file as the loader read it: what the story cache checks before it is trusted."""

    name: str
    """The file's path relative to the story's folder."""
    size: int
    """Its size in bytes."""
    digest: str
    """SHA-256 of the bytes that were parsed, in hex."""


@dataclass
class LoadResult:
    """A loaded story and the advice (warnings) found while checking it."""

    story: Story
    warnings: list[Problem] = field(default_factory=list)
    files: tuple[FileRead, ...] = ()
    """Every file the story was read from, in the order read."""


def display_path(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):  # OSError: the current folder was deleted
        return str(path)


def load_story(path: str | os.PathLike[str]) -> Story:
    """Load and check a story; raise `StoryError` with every problem if anything is wrong."""
    return load(path).story


Progress = Callable[[int, int], None]
"""Told `(chapters read, chapters listed)` before each chapter file is read."""


def load(path: str | os.PathLike[str], progress: Progress | None = None) -> LoadResult:
    """Like `load_story`, and also return the warnings; `progress` hears of each chapter.

    Python's cycle collector is paused while the story is read: the loader builds hundreds of
    thousands of objects and no cycles, and collections triggered by the allocations alone used
    to take about half of the time of a large story's load.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(path), progress)
    finally:
        if collecting:
            gc.enable()


def _load(given: Path, progress: Progress | None) -> LoadResult:
    if given.is_dir() and not story_file(given).exists():
        raise StoryError([Problem(display_path(given), 0, 0, "", f"no {STORY_FILE} in this folder",
                                  "name a story folder, or its story.yaml")])
    problems: list[Problem] = []
    reader = _StoryReader(given, problems, progress)
    story = reader.read()
    if story is None or any(not p.warning for p in problems):
        raise StoryError(problems)
    return LoadResult(story, [p for p in problems if p.warning], tuple(reader.files))


class _StoryReader:
    """Reads story.yaml and, through it, every chapter file."""

    def __init__(self, given: Path, problems: list[Problem], progress: Progress | None) -> None:
        self.progress = progress
        self.file = story_identity(given)
        """The story file, resolved: chapter paths are relative to the folder it is in."""
        self.root = self.file.parent
        self.problems = problems
        self.nodes = NodeReader(display_path(story_file(given)), problems)
        """Messages name the story file as it was given."""
        self.files: list[FileRead] = []
        """Each file read so far, with the digest of the bytes parsed."""

    def _recorder(self, name: str) -> Callable[[bytes], None]:
        def record(data: bytes) -> None:
            self.files.append(FileRead(name, len(data), hashlib.sha256(data).hexdigest()))

        return record

    def read(self) -> Story | None:
        node = read_file(self.file, self.nodes, self._recorder(self.file.name))
        if node is None:
            return None
        fields = self.nodes.mapping(node, "", *STORY_FIELDS)
        if fields is None:
            return None
        get = self.nodes.get_text
        self._check_format(fields)
        order = self._order(fields)
        zone = self._zone(fields)
        day = self._date(fields)
        source_ids: IdTable = {}
        before = self.nodes.reported
        perspectives = self._perspectives(fields)
        after = self.nodes.reported
        refs = Refs(
            perspectives=perspectives, sources=self._sources(fields, source_ids), zone=zone,
            day=day, perspectives_checked=before == after and "perspectives" in fields,
            sources_checked=after == self.nodes.reported,
        )
        chapters = self._chapters(fields, refs)
        title = get(fields, "title", "", required=True)
        if title is None or zone is None or day is None or not chapters:
            return None
        refs.warn_uncited(self.nodes, source_ids)
        return Story(
            title=title, timezone=str(zone.key), date=day,
            perspectives=tuple(refs.perspectives.values()), chapters=tuple(chapters),
            sources=tuple(refs.sources.values()), subtitle=get(fields, "subtitle", "") or "",
            summary=get(fields, "summary", "") or "",
            content_note=get(fields, "content_note", "") or "",
            root=str(self.root), file=str(self.file), order=order,
        )

    def _check_format(self, fields: dict[str, tuple[Node, Node]]) -> None:
        if "format" not in fields:
            return
        node = fields["format"][1]
        value = self.nodes.text(node, "format")
        if value is not None and value != "1":
            self.nodes.problem(node, "format", f"unsupported story format {shown(value)}",
                               "this version of ihostage-tui reads `format: 1`")

    def _order(self, fields: dict[str, tuple[Node, Node]]) -> Order:
        if "order" not in fields:
            return Order.CHAPTERS
        node = fields["order"][1]
        value = self.nodes.text(node, "order")
        if value is not None and value not in tuple(Order):
            self.nodes.problem(node, "order", f"unknown order {shown(value)}",
                               "write `order: time` (one stream by time) or `order: chapters` "
                               "(as written)")
        return Order(value) if value in tuple(Order) else Order.CHAPTERS

    def _zone(self, fields: dict[str, tuple[Node, Node]]) -> ZoneInfo | None:
        if "timezone" not in fields:
            return None
        node = fields["timezone"][1]
        name = self.nodes.text(node, "timezone")
        if name is None:
            return None
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            self.nodes.problem(node, "timezone", f"unknown time zone {shown(name)}",
                               "use an IANA name such as Europe/Amsterdam or America/New_York")
            return None

    def _date(self, fields: dict[str, tuple[Node, Node]]) -> date | None:
        if "date" not in fields:
            return None
        node = fields["date"][1]
        text = self.nodes.text(node, "date")
        if text is None:
            return None
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text, re.ASCII):
                raise ValueError("")
            return date.fromisoformat(text)
        except ValueError as error:
            why = f" ({error})" if str(error) else ""
            self.nodes.problem(node, "date", f"{shown(text)} is not a date{why}",
                               "write the story's day as YYYY-MM-DD, e.g. 2022-02-22")
            return None

    def _listed(self, fields: dict[str, tuple[Node, Node]], name: str) -> list[tuple[str, Node]]:
        if name not in fields:
            return []
        items = self.nodes.sequence(fields[name][1], name)
        return [(f"{name}[{i}]", item) for i, item in enumerate(items or [])]

    def _unique_id(
        self, item: dict[str, tuple[Node, Node]], path: str, seen: IdTable, kind: str
    ) -> str | None:
        if "id" not in item:
            return None
        return self.nodes.unique_id(item["id"][1], f"{path}.id", seen, kind)

    def _perspectives(self, fields: dict[str, tuple[Node, Node]]) -> dict[str, Perspective]:
        found: dict[str, Perspective] = {}
        seen: IdTable = {}
        listed = self._listed(fields, "perspectives")
        if not listed and _is_list(fields, "perspectives"):
            self.nodes.problem(fields["perspectives"][1], "perspectives",
                               "a story needs at least one perspective")
        for path, node in listed:
            item = self.nodes.mapping(node, path, *PERSPECTIVE_FIELDS)
            if item is None:
                continue
            pid = self._unique_id(item, path, seen, "perspective")
            name = self.nodes.get_text(item, "name", path, required=True)
            short = self.nodes.get_text(item, "short", path)
            about = self.nodes.get_text(item, "description", path)
            if pid and name:
                found[pid] = Perspective(pid, name, short or name, about or "")
        return found

    def _sources(self, fields: dict[str, tuple[Node, Node]], seen: IdTable
                 ) -> dict[str, Source]:
        found: dict[str, Source] = {}
        for path, node in self._listed(fields, "sources"):
            item = self.nodes.mapping(node, path, *SOURCE_FIELDS)
            if item is None:
                continue
            sid = self._unique_id(item, path, seen, "source")
            extra = {
                key: self.nodes.get_text(item, key, path, required=key == "title") or ""
                for key in ("title", "publisher", "url", "date")
            }
            translated = self.nodes.boolean(item["title_translated"][1],
                                            f"{path}.title_translated") \
                if "title_translated" in item else False
            if sid and extra.get("title") and translated is not None:
                found[sid] = Source(sid, **extra, title_translated=translated)
        return found

    def _chapters(self, fields: dict[str, tuple[Node, Node]], refs: Refs) -> list[Chapter]:
        listed = self._listed(fields, "chapters")
        if not listed and _is_list(fields, "chapters"):
            self.nodes.problem(fields["chapters"][1], "chapters",
                               "a story needs at least one chapter",
                               "list chapter files, e.g. `- chapters/01-start.yaml`")
        if len(listed) > MAX_CHAPTERS:
            self.nodes.problem(fields["chapters"][1], "chapters",
                               f"{len(listed):,} chapters; the limit is {MAX_CHAPTERS:,}")
            return []
        chapters: list[Chapter] = []
        files: dict[Path, Node] = {}
        for done, (path, node) in enumerate(listed):
            if self.progress is not None:
                self.progress(done, len(listed))
            chapter_file = self._chapter_file(node, path, files)
            if chapter_file is not None:
                written = self.nodes.text(node, path) or ""
                reader = ChapterReader(chapter_file, self.problems, refs,
                                       display_path(chapter_file), self._recorder(written))
                chapter = reader.read(written)
                if chapter is not None:
                    chapters.append(chapter)
        return chapters

    def _chapter_file(self, node: Node, path: str, files: dict[Path, Node]) -> Path | None:
        written = self.nodes.text(node, path)
        if written is None:
            return None
        shown_path = shown(written)
        if Path(written).is_absolute():
            self.nodes.problem(node, path, f"chapter file {shown_path} is an absolute path",
                               "write chapter paths relative to story.yaml")
            return None
        try:
            resolved = (self.root / written).resolve()
            problem = _path_problem(resolved, self.root.resolve())
        except (OSError, RuntimeError, ValueError) as error:  # too long, a link loop, a NUL...
            problem = (f"cannot be opened ({getattr(error, 'strerror', None) or error})",
                       "use a short path to a chapter file inside the story folder")
        if problem is None and resolved in files:
            line = self.nodes.line_of(files[resolved])
            problem = (f"is listed twice (first on line {line})", "list each chapter file once")
        if problem is not None:
            self.nodes.problem(node, path, f"chapter file {shown_path} {problem[0]}", problem[1])
            return None
        files[resolved] = node
        return self.root / written


def _path_problem(resolved: Path, root: Path) -> tuple[str, str] | None:
    """What is wrong with a chapter path, and the hint; None when it names a file in the story."""
    if not resolved.is_relative_to(root):
        return ("points outside the story folder",
                "keep chapter files inside the folder that holds story.yaml (links too)")
    if not resolved.exists():
        return "not found", "create it, or fix the path (relative to story.yaml)"
    if resolved.is_dir():
        return "is a folder, not a file", "name the chapter's .yaml file inside it"
    if not resolved.is_file():
        return "is not a regular file", "name a chapter .yaml file"
    return None
