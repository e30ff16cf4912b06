"""Typed access to a story file's YAML nodes, recording every problem with its location.

Nothing here constructs Python objects from YAML tags: files are composed into nodes (by
`yamlfile`) and every scalar is read by what its field means, so `17:30` stays a time, `no` stays a
word, and `!!python/object` is an error, never a call. Every problem is recorded with its file,
line, column and field path.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from typing import Any, NamedTuple

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ihostage_tui import suggest
from ihostage_tui.errors import Problem
from ihostage_tui.safetext import printable, shown

MAX_VALUES = 2_000_000
"""Most values read from one file, counting each use of an alias."""
MAX_PROBLEMS = 100
"""Most problems reported for one file; past it, one line says reporting stopped."""

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL = f"{_YAML}null"
_MAP, _SEQ = f"{_YAML}map", f"{_YAML}seq"
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""What an id may look like."""
ID_HINT = "ids start with a letter or digit and use letters, digits, '-', '_' and '.' (64 at most)"
_EXAMPLES = {
    "format": "`format: 1`", "timezone": "`timezone: Europe/Amsterdam` (an IANA name)",
    "date": "`date: 2022-02-22` (the story's day)", "at": '`at: "17:30"` (the time)',
    "sources": "`sources: [source-id]` (ids from story.yaml)", "id": "`id:` with an id of its own",
    "chapters": "`chapters:` with a `- chapters/01.yaml` line per chapter",
    "perspectives": "`perspectives:` with an `- id:` and `name:` for each side",
    "events": "`events:` with a `- at:` item for each event",
}
"""How to write a missing required field, for hints."""


class EditorLines:
    """Lines and columns of one file as an editor numbers them.

    libyaml also ends a line at U+0085, U+2028 and U+2029, which editors show inside a line, so
    after one of them its marks count lines an editor does not. Marks carry the character index
    too: in a file holding any of those characters, the position is worked out from the index.
    """

    def __init__(self, text: str = "") -> None:
        self.text = text
        """The file's text, as decoded."""
        self.odd = bool(_ODD_BREAKS.search(text))
        """True when libyaml's line numbers would differ from an editor's."""
        self._starts: list[int] = []

    def of(self, mark: Any) -> tuple[int, int]:
        """The 1-based line and column of a mark from libyaml or PyYAML's scanner."""
        if not self.odd:
            return mark.line + 1, mark.column + 1
        return self.at(mark.index)

    def at(self, index: int) -> tuple[int, int]:
        """The 1-based line and column of a character index in the text."""
        if not self._starts:
            self._starts = [0, *(m.end() for m in _EDITOR_BREAKS.finditer(self.text))]
        line = bisect.bisect_right(self._starts, index) - 1
        return line + 1, index - self._starts[line] + 1


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")
_EDITOR_BREAKS = re.compile("\r\n|\r|\n")


class Claim(NamedTuple):
    """Where an id was first taken."""

    file: str
    """The file, as shown in messages."""
    node: Node
    """The id's node (or the event's, for an automatic event id)."""
    line: int
    """The line it is on, as an editor numbers it."""
    automatic: bool = False
    """True for an event id made from the chapter id and position."""


IdTable = dict[str, Claim]
"""Ids of one kind taken so far, with where."""


class FieldNames(NamedTuple):
    """The fields one kind of mapping in the format holds (`ihostage-tui schema` is built
    from these, so the editor's schema and the loader cannot drift apart)."""

    required: tuple[str, ...]
    """Fields that must be present."""
    optional: tuple[str, ...]
    """Fields that may be present."""


def kind_of(node: Node) -> str:
    """How a node reads to an author: "a mapping", "a list" or "text"."""
    if isinstance(node, MappingNode):
        return "a mapping of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return "empty" if is_null(node) else f"the value {shown(str(node.value))}"


def is_null(node: Node) -> bool:
    """True for a plain `~`, `null` or nothing at all."""
    return node.tag == _NULL and isinstance(node, ScalarNode) and not node.style


class NodeReader:
    """Reads one file's nodes against a schema, recording every problem it meets."""

    def __init__(self, display: str, problems: list[Problem]) -> None:
        self.display = display
        """The file's name as shown in messages."""
        self.problems = problems
        """Shared list every problem of the story is appended to."""
        self.values = 0
        """Values read so far, alias uses included (checked against MAX_VALUES)."""
        self.over_limit = False
        """Set once MAX_VALUES is exceeded; reading stops giving values after that."""

        self.reported = 0
        """Problems recorded for this file (checked against MAX_PROBLEMS)."""
        self.lines = EditorLines()
        """The file's lines, once it is read: positions in messages are an editor's."""

    def line_of(self, node: Node) -> int:
        """The 1-based line a node starts on, as an editor numbers it."""
        return self.lines.of(node.start_mark)[0]

    def add(self, problem: Problem) -> None:
        """Record a problem, unless this file already has MAX_PROBLEMS of them."""
        self.reported += 1
        if self.reported <= MAX_PROBLEMS:
            self.problems.append(problem)
        elif self.reported == MAX_PROBLEMS + 1:
            self.problems.append(Problem(
                problem.file, problem.line, problem.column, "",
                f"more than {MAX_PROBLEMS} problems in this file; stopped reporting here",
                "fix the problems above, then validate again",
            ))

    def problem(self, node: Node | None, path: str, message: str, hint: str = "") -> None:
        """Record an error at a node (or at the top of the file)."""
        line, column = self.lines.of(node.start_mark) if node else (0, 0)
        self.add(Problem(self.display, line, column, path, message, hint))

    def warn(self, node: Node, path: str, message: str, hint: str = "") -> None:
        """Record advice that does not stop the story from loading."""
        line, column = self.lines.of(node.start_mark)
        self.add(Problem(self.display, line, column, path, message, hint, True))

    def _count(self, node: Node, path: str) -> bool:
        self.values += 1
        if self.values > MAX_VALUES and not self.over_limit:
            self.over_limit = True
            self.problem(
                node, path, f"the file holds more than {MAX_VALUES:,} values (the limit)",
                "aliases (*name) that repeat large parts multiply the size; write values out",
            )
        if node.tag in _PLAIN_TAGS or node.tag in (_MAP, _SEQ):
            return not self.over_limit
        self.problem(
            node, path, f"YAML tag {shown(node.tag.removeprefix(_YAML))} is not allowed",
            "remove the tag: a story is data, and nothing in it is ever run",
        )
        return False

    def mapping(
        self, node: Node, path: str, required: Iterable[str], optional: Iterable[str],
        kind: str = "field",
    ) -> dict[str, tuple[Node, Node]] | None:
        """The fields of a mapping node by name, after checking keys; None if not a mapping.

        `kind` names what the keys are, for messages: "unknown perspective 'polce'".
        """
        if not self._count(node, path):
            return None
        if not isinstance(node, MappingNode):
            self.problem(node, path, f"should be a mapping of fields, found {kind_of(node)}",
                         "write one `name: value` per line")
            return None
        allowed = [*required, *optional]
        fields: dict[str, tuple[Node, Node]] = {}
        misspelt: set[str] = set()
        for key, value in node.value:
            name = self._key(key, path, allowed, fields, kind, misspelt)
            if name is not None:
                fields[name] = (key, value)
        for name in required:
            if name not in fields and name not in misspelt:
                self.problem(node, path, f"missing required field {name!r}",
                             f"add {_EXAMPLES.get(name, f'`{name}:` to this mapping')}")
        return fields

    def _key(
        self, key: Node, path: str, allowed: list[str], seen: dict[str, tuple[Node, Node]],
        kind: str, misspelt: set[str],
    ) -> str | None:
        if key.tag == f"{_YAML}merge" or (isinstance(key, ScalarNode) and key.value == "<<"
                                           and not key.style):
            self.problem(key, path, "merge keys (<<) are not supported", "write the fields out")
            misspelt.update(allowed)  # the merge may have meant to supply any missing field
            return None
        if not isinstance(key, ScalarNode) or not self._count(key, path):
            if not isinstance(key, ScalarNode):
                self.problem(key, path, f"a field name must be plain text, found {kind_of(key)}",
                             "write `name: value` with a word as the name")
            return None
        name = str(key.value)
        if name in seen:
            first = self.line_of(seen[name][0])
            self.problem(key, _join(path, name), f"{kind} {shown(name)} appears twice in this "
                         f"mapping (first on line {first})", "keep one of them")
            return None
        if name not in allowed:
            close = suggest.closest(name, allowed) if self.reported < MAX_PROBLEMS else None
            misspelt.update([close] if close else [])
            every = len(allowed) if kind == "field" else suggest.SHOWN_NAMES  # the format's few
            hint = suggest.hint(kind, allowed, close, f"no {kind}s are known", every)
            self.problem(key, _join(path, name), f"unknown {kind} {shown(name)}", hint)
            return None
        return name

    def sequence(self, node: Node, path: str) -> list[Node] | None:
        """The items of a list node; None (with a problem) if it is not a list."""
        if not self._count(node, path):
            return None
        if not isinstance(node, SequenceNode):
            self.problem(node, path, f"should be a list, found {kind_of(node)}",
                         "write one `- item` per line, or [a, b] on one line")
            return None
        return list(node.value)

    def text(self, node: Node, path: str, *, required: bool = True) -> str | None:
        """A scalar read as text, whatever YAML would have guessed; None if absent or wrong."""
        if not self._count(node, path):
            return None
        if not isinstance(node, ScalarNode):
            self.problem(node, path, f"should be text, found {kind_of(node)}",
                         "quote the value if it contains `: ` or starts with `-`, `[` or `{`")
            return None
        value = "" if is_null(node) else printable(str(node.value).strip())
        if not value and required:
            self.problem(node, path, "is empty", "give it a value")
            return None
        return value

    def get_text(
        self, fields: dict[str, tuple[Node, Node]], name: str, path: str, *, required: bool = False
    ) -> str | None:
        """The text of an optional (or required) field of a mapping; None when absent."""
        if name not in fields:
            return None
        return self.text(fields[name][1], f"{path}.{name}" if path else name, required=required)

    def unique_id(self, node: Node, path: str, seen: IdTable, kind: str) -> str | None:
        """A well-formed id not yet in `seen` (it is added there); None, with a problem, if not."""
        value = self.text(node, path)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.problem(node, path, f"{shown(value)} is not a valid id", ID_HINT)
            return None
        if value in seen:
            claim = seen[value]
            where = self.where(claim)
            if claim.automatic:
                self.problem(node, path, f"duplicate {kind} id {value!r}: the {kind} {where} "
                             "already has it as its automatic id (chapter id.position)",
                             f"choose another id, or give that {kind} an `id:` of its own")
            else:
                self.problem(node, path, f"duplicate {kind} id {value!r} (first {where})",
                             f"give each {kind} its own id")
            return None
        seen[value] = Claim(self.display, node, self.line_of(node))
        return value

    def where(self, claim: Claim) -> str:
        """`on line 4`, or `in chapters/01.yaml, line 4` when the claim is in another file."""
        line = claim.line
        return f"on line {line}" if claim.file == self.display else f"in {claim.file}, line {line}"

    def boolean(self, node: Node, path: str) -> bool | None:
        """`true` or `false` (any case); anything else is an error."""
        if not isinstance(node, ScalarNode) and self._count(node, path):
            self.problem(node, path, f"should be true or false, found {kind_of(node)}",
                         "write `true` or `false`")
            return None
        value = self.text(node, path)
        if value is not None and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if value is not None:
            self.problem(node, path, f"should be true or false, found {shown(value)}",
                         "write `true` or `false` (words like yes, no, on and off are not read)")
        return None


def _join(path: str, name: str) -> str:
    """A field path one level down, with the name made safe to print."""
    name = shown(name)[1:-1] if shown(name) != repr(name) else name
    return f"{path}.{name}" if path else name
