"""Safe reading of one YAML file into a node tree, and typed access to its nodes.

Nothing here constructs Python objects from YAML tags: files are composed into nodes (libyaml's
C parser when it is installed) and every scalar is read by what its field means, so `17:30` stays
a time, `no` stays a word, and `!!python/object` is an error, never a call. Every problem is
recorded with its file, line and column; nothing raises past `read_file` except programming errors.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ihostage_tui.errors import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest story file the loader reads."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings in one file."""
MAX_VALUES = 2_000_000
"""Most values read from one file, counting each use of an alias."""

_YAML = "tag:yaml.org,2002:"
_PLAIN_TAGS = {f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_NULL = f"{_YAML}null"
_STR, _MAP, _SEQ = f"{_YAML}str", f"{_YAML}map", f"{_YAML}seq"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""What an id may look like."""
ID_HINT = "ids start with a letter or digit and use letters, digits, '-', '_' and '.' (64 at most)"
_BOMS = {b"\xff\xfe": "UTF-16", b"\xfe\xff": "UTF-16", b"\xff\xfe\x00\x00": "UTF-32"}


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟: the control picture for each C0 character
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """Text with control characters (escape sequences included) shown as symbols, not obeyed."""
    return _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text


def kind_of(node: Node) -> str:
    """How a node reads to an author: "a mapping", "a list" or "text"."""
    if isinstance(node, MappingNode):
        return "a mapping of fields"
    if isinstance(node, SequenceNode):
        return "a list"
    return "empty" if is_null(node) else f"the value {node.value!r}"


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

    def problem(self, node: Node | None, path: str, message: str, hint: str = "") -> None:
        """Record an error at a node (or at the top of the file)."""
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (0, 0)
        self.problems.append(Problem(self.display, line, column, path, message, hint))

    def warn(self, node: Node, path: str, message: str, hint: str = "") -> None:
        """Record advice that does not stop the story from loading."""
        mark = node.start_mark
        self.problems.append(
            Problem(self.display, mark.line + 1, mark.column + 1, path, message, hint, True)
        )

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
            node, path, f"YAML tag {node.tag.removeprefix(_YAML)!r} is not allowed",
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
                             f"add `{name}:` to this mapping")
        return fields

    def _key(
        self, key: Node, path: str, allowed: list[str], seen: dict[str, tuple[Node, Node]],
        kind: str, misspelt: set[str],
    ) -> str | None:
        if key.tag == f"{_YAML}merge" or (isinstance(key, ScalarNode) and key.value == "<<"
                                           and not key.style):
            self.problem(key, path, "merge keys (<<) are not supported", "write the fields out")
            return None
        if not isinstance(key, ScalarNode) or not self._count(key, path):
            if not isinstance(key, ScalarNode):
                self.problem(key, path, "a field name must be plain text")
            return None
        name = str(key.value)
        where = f"{path}.{name}" if path else name
        if name in seen:
            first = seen[name][0].start_mark.line + 1
            self.problem(key, where, f"{kind} {name!r} appears twice in this mapping "
                         f"(first on line {first})", "keep one of them")
            return None
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            known = f"known {kind}s: {', '.join(allowed)}" if allowed else f"no {kind}s are known"
            hint = f"did you mean {close[0]!r}? {known}" if close else known
            misspelt.update(close)
            self.problem(key, where, f"unknown {kind} {name!r}", hint)
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
        value = "" if is_null(node) else visible(str(node.value).strip())
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

    def unique_id(self, node: Node, path: str, seen: dict[str, Node], kind: str) -> str | None:
        """A well-formed id not yet in `seen` (it is added there); None, with a problem, if not."""
        value = self.text(node, path)
        if value is None:
            return None
        if not ID_PATTERN.fullmatch(value):
            self.problem(node, path, f"{value!r} is not a valid id", ID_HINT)
            return None
        if value in seen:
            line = seen[value].start_mark.line + 1
            self.problem(node, path, f"duplicate {kind} id {value!r} (first on line {line})",
                         f"give each {kind} its own id")
            return None
        seen[value] = node
        return value

    def boolean(self, node: Node, path: str) -> bool | None:
        """`true` or `false` (any case); anything else is an error."""
        value = self.text(node, path)
        if value is not None and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if value is not None:
            self.problem(node, path, f"should be true or false, found {value!r}")
        return None


def _decode(data: bytes, reader: NodeReader) -> str | None:
    for bom, name in sorted(_BOMS.items(), key=lambda item: -len(item[0])):
        if data.startswith(bom):
            reader.problem(None, "", f"the file is encoded as {name}", "save it as UTF-8")
            return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        reader.problems.append(Problem(
            reader.display, line, column, "", f"byte 0x{data[error.start]:02X} is not valid UTF-8",
            "save the file as UTF-8",
        ))
        return None


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, reader: NodeReader) -> None:
    mark, context = error.problem_mark, error.context_mark
    message = (error.problem or error.context or "invalid YAML").strip()
    hint = "check the indentation and quoting around this point"
    if mark is not None and _char_at(text, mark.index) == "\t":
        message, hint = "a tab character is not allowed here", "indent with spaces, not tabs"
    elif "expected a single document" in (error.context or ""):
        message, hint = "the file holds more than one YAML document", "remove the `---` lines"
    elif context is not None and "end of stream" in message:
        what = error.context.removeprefix("while scanning ").replace("scalar", "value")
        message = f"{what} that is never closed"
        hint = "close the quote or bracket that starts here"
        mark = context
    elif context is not None and error.context:
        message = f"{message} ({error.context} at line {context.line + 1})"
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    reader.problems.append(Problem(reader.display, line, column, "", f"invalid YAML: {message}",
                                   hint))


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


def read_file(path: Path, reader: NodeReader) -> Node | None:
    """Read, decode and compose one file; None (with problems recorded) when it cannot be read."""
    try:
        if path.is_dir():
            reader.problem(None, "", "is a folder, not a file", "name a .yaml file")
            return None
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            reader.problem(None, "", f"the file is {size / 2**20:.1f} MiB; the limit is "
                           f"{MAX_FILE_BYTES // 2**20} MiB", "split it into several chapters")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        reader.problem(None, "", "file not found", "check the path")
        return None
    except OSError as error:
        reader.problem(None, "", f"cannot read the file: {error.strerror or error}",
                       "check that the file exists and that you may read it")
        return None
    text = _decode(data, reader)
    return None if text is None else compose(text, reader)


def compose(text: str, reader: NodeReader) -> Node | None:
    """Compose YAML text into a node tree, recording syntax, nesting and alias problems.

    The tree is built here from libyaml's event stream, without recursion, because libyaml's own
    composer recurses in C and crashes the interpreter on a deeply nested file.
    """
    try:
        root = _Composer(reader).run(text)
    except yaml.MarkedYAMLError as error:
        _syntax_problem(error, text, reader)
        return None
    except yaml.YAMLError as error:
        reader.problem(None, "", f"invalid YAML: {error}")
        return None
    if root is None or is_null(root):
        reader.problem(None, "", "the file is empty", "a story file holds a mapping of fields")
        return None
    return root


class _TooDeep(Exception):
    pass


class _Composer:
    """Builds nodes from parser events with an explicit stack."""

    def __init__(self, reader: NodeReader) -> None:
        self.reader = reader
        self.stack: list[tuple[MappingNode | SequenceNode, list[Node]]] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.documents = 0

    def run(self, text: str) -> Node | None:
        try:
            for event in yaml.parse(text, Loader=_Loader):
                self._feed(event)
        except _TooDeep:
            return None
        return self.root

    def _feed(self, event: Any) -> None:
        kind = type(event)
        if kind is ScalarEvent:
            tag = event.tag or (_NULL if event.implicit[0] and event.value in _NULLS else _STR)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            if event.anchor:
                self.anchors[event.anchor] = node
            self._add(node)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            self._open(event)
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            container, items = self.stack.pop()
            if isinstance(container, MappingNode):
                container.value = list(zip(items[::2], items[1::2], strict=True))
            else:
                container.value = items
            container.end_mark = event.end_mark
            self._add(container)
        elif kind is AliasEvent:
            self._alias(event)
        elif kind is DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise yaml.composer.ComposerError(
                    "expected a single document in the stream", None,
                    "but found another document", event.start_mark)

    def _open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            mark = event.start_mark
            self.reader.problems.append(Problem(
                self.reader.display, mark.line + 1, mark.column + 1, "",
                f"nested more than {MAX_DEPTH} levels deep (the limit)",
                "a story never needs deep nesting; flatten this part"))
            raise _TooDeep
        node: MappingNode | SequenceNode
        is_mapping = isinstance(event, MappingStartEvent)
        if is_mapping:
            node = MappingNode(event.tag or _MAP, [], event.start_mark, event.end_mark,
                               event.flow_style)
        else:
            node = SequenceNode(event.tag or _SEQ, [], event.start_mark, event.end_mark,
                                event.flow_style)
        if event.anchor:
            self.anchors[event.anchor] = node
        self.stack.append((node, []))

    def _alias(self, event: Any) -> None:
        node = self.anchors.get(event.anchor or "")
        if node is None:
            raise yaml.composer.ComposerError(
                None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        self._add(node)

    def _add(self, node: Node) -> None:
        if self.stack:
            self.stack[-1][1].append(node)
        else:
            self.root = node
