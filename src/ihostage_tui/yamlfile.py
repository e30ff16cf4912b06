"""Reading one story file safely: size, encoding, YAML syntax, nesting and alias limits.

`read_file` returns the file's node tree, or None with every problem recorded on the reader.
Nothing here raises past it except programming errors: a story file comes from a stranger as
often as from a friend, so a missing, unreadable, oversized, mis-encoded, malformed, too deep or
alias-bomb file is an error with a location and a hint, never a traceback, a crash or a hang.
"""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Callable, Iterator
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
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ihostage_tui.errors import Problem
from ihostage_tui.yamlnodes import MAX_VALUES, EditorLines, NodeReader, is_null

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 16 * 1024 * 1024
"""Largest story file the loader reads."""
MAX_DEPTH = 32
"""Deepest nesting of lists and mappings in one file."""

_YAML = "tag:yaml.org,2002:"
_NULL, _STR, _MAP, _SEQ = (f"{_YAML}{name}" for name in ("null", "str", "map", "seq"))
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
         (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16"))
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters YAML does not allow in a file, even inside quotes."""


def read_file(path: Path, reader: NodeReader,
              record: Callable[[bytes], None] | None = None) -> Node | None:
    """Read, decode and compose one file; None (with problems recorded) when it cannot be read.

    `record` is given the very bytes that are parsed (the story cache's fingerprint is made
    from them, so a file changed after it was read cannot be cached with the old content).
    """
    data = _read_bytes(path, reader)
    if data is None:
        return None
    if record is not None:
        record(data)
    text = _decode(data, reader)
    if text is None:
        return None
    reader.lines = EditorLines(text)
    return compose(text, reader)


def _read_bytes(path: Path, reader: NodeReader) -> bytes | None:
    try:
        kind = path.stat().st_mode
        if stat.S_ISDIR(kind):
            reader.problem(None, "", "is a folder, not a file", "name a .yaml file")
            return None
        if not stat.S_ISREG(kind):  # a FIFO or device would block or never end
            reader.problem(None, "", "is not a regular file", "name a .yaml file")
            return None
        with path.open("rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        reader.problem(None, "", *_os_problem(error))
        return None
    if len(data) > MAX_FILE_BYTES:
        size = max(path.stat().st_size, len(data)) / 2**20
        reader.problem(None, "", f"the file is {size:.1f} MiB; the limit is "
                       f"{MAX_FILE_BYTES // 2**20} MiB", "split it into several chapters")
        return None
    return data


def _os_problem(error: OSError) -> tuple[str, str]:
    """What went wrong opening a file, and what to do, in a user's words."""
    if error.errno == errno.ENOENT:
        return "file not found", "check the path"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: you may not read this file", "check the file's permissions"
    return f"cannot read the file: {error.strerror or error}", "check the path and the file"


def _decode(data: bytes, reader: NodeReader) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            reader.problem(None, "", f"the file is encoded as {name}", "save it as UTF-8")
            return None
    if b"\x00" in data[:4]:
        reader.problem(None, "", "the file looks like UTF-16 or UTF-32 (it has NUL bytes)",
                       "save it as UTF-8")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        reader.add(Problem(
            reader.display, line, column, "", f"byte 0x{data[error.start]:02X} is not valid UTF-8",
            "save the file as UTF-8 (it looks like another encoding, such as Latin-1)",
        ))
        return None


def compose(text: str, reader: NodeReader) -> Node | None:
    """Compose YAML text into a node tree, recording syntax, nesting and alias problems.

    The tree is built here from libyaml's event stream, without recursion, because libyaml's own
    composer recurses in C and crashes the interpreter on a deeply nested file.
    """
    composer = _Composer(reader)
    try:
        root = composer.run(text)
    except _Stop:
        return None
    except yaml.MarkedYAMLError as error:
        if not composer.too_deep_ahead(text, error.problem_mark):
            _syntax_problem(error, text, reader)
        return None
    except yaml.reader.ReaderError:
        _character_problem(text, reader)
        return None
    except yaml.YAMLError as error:
        reader.problem(None, "", f"invalid YAML: {error}")
        return None
    if root is None or is_null(root):
        reader.problem(None, "", "the file is empty", "a story file holds a mapping of fields")
        return None
    return root


def _character_problem(text: str, reader: NodeReader) -> None:
    found = _NOT_YAML.search(text)
    index = found.start() if found else 0
    line = text.count("\n", 0, index) + 1
    column = index - text.rfind("\n", 0, index)
    code = ord(text[index]) if found else 0
    reader.add(Problem(
        reader.display, line, column, "",
        f"invalid YAML: the control character U+{code:04X} is not allowed in a YAML file",
        'remove it; inside "double quotes" an escape such as \\t or \\x07 is allowed',
    ))


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, reader: NodeReader) -> None:
    mark, context = error.problem_mark, error.context_mark
    message = (error.problem or error.context or "invalid YAML").strip()
    opened = f" on line {reader.lines.of(context)[0]}" if context is not None else ""
    hint = "check the indentation and quoting around this point"
    if mark is not None and _char_at(text, mark.index) == "\t":
        message, hint = "a tab character is not allowed here", "indent with spaces, not tabs"
    elif "expected a single document" in (error.context or ""):
        message, hint = "the file holds more than one YAML document", "remove the `---` lines"
    elif message.startswith("found undefined alias"):
        name = message.removeprefix("found undefined alias ").strip("'")
        message = f"alias *{name} is used, but no anchor &{name} comes before it"
        hint = "define the anchor (&name) before the alias (*name), or write the value out"
    elif context is not None and "end of stream" in message:
        what = (error.context or "").removeprefix("while scanning ").replace("scalar", "value")
        message, hint, mark = f"{what} that is never closed", _CLOSE, context
    elif "flow" in (error.context or "") and message.startswith("did not find expected"):
        what, end = ("list [", "]") if "sequence" in (error.context or "") else ("mapping {", "}")
        message = f"the {what} opened{opened} is not closed here"
        hint = f"close it with `{end}`, and quote any text in it that holds `,` `[` `{{` or `: `"
    elif message.startswith("did not find expected"):
        what = "list" if "collection" in (error.context or "") else "mapping"
        message, hint = f"the indentation here does not fit the {what} that starts{opened}", _INDENT
    elif message.startswith("block sequence entries are not allowed"):
        message = "a `- ` list item cannot start here, on the same line as its field"
        hint = "start the list on the next line, indented; or quote text that starts with `- `"
    elif message.startswith("mapping values are not allowed"):
        message, hint = "a `: ` here starts a field, but no field can start here", _COLON
    elif context is not None and error.context:
        message = f"{message} ({error.context}{opened})"
    line, column = reader.lines.of(mark) if mark else (0, 0)
    reader.add(Problem(reader.display, line, column, "", f"invalid YAML: {message}", hint))


_CLOSE = "close the quote or bracket that starts here"
_INDENT = ("line up the fields of one mapping, and the `-` items of one list, in the same column "
           "(with spaces)")
_COLON = 'quote text that contains `: `, e.g. title: "Update: police arrive"; or fix the indent'


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


_TOO_DEEP = (f"nested more than {MAX_DEPTH} levels deep (the limit)",
             "a story never needs deep nesting; flatten this part")
_LOOKAHEAD = 1 << 20
"""Most characters of libyaml's read-ahead tokenised again to look for deep nesting."""
_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _tokens(scanner: Any) -> Iterator[yaml.Token]:
    """The scanner's tokens in order, then those it had buffered when it met an error."""
    try:
        while scanner.check_token():
            yield scanner.get_token()
    except yaml.YAMLError:
        yield from scanner.tokens


class _Stop(Exception):
    """A limit was reached and reported; composing stops."""


class _Composer:
    """Builds nodes from parser events with an explicit stack, enforcing depth and alias limits."""

    def __init__(self, reader: NodeReader) -> None:
        self.reader = reader
        self.stack: list[tuple[MappingNode | SequenceNode, list[Node]]] = []
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.documents = 0
        self.last_mark: Any = None
        """Where the last event fed in ends: libyaml may have read ahead of it, unseen."""
        self.expanded = 0
        """Values that alias uses add to the file, were every alias written out."""
        self.sizes: dict[int, int] = {}
        """Values under each node some alias used, by node id (computed once per node)."""

    def run(self, text: str) -> Node | None:
        parser = _Loader(text)
        try:  # the parser's own loop: `yaml.parse` adds a generator step to every event
            get_event, feed = parser.get_event, self._feed
            while (event := get_event()) is not None and type(event) is not StreamEndEvent:
                feed(event)
        finally:
            parser.dispose()
        return self.root

    def _feed(self, event: Any) -> None:
        self.last_mark = event.end_mark
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

    def too_deep_ahead(self, text: str, failed_at: Any) -> bool:
        """Whether the text libyaml read ahead, past the last event, nests beyond MAX_DEPTH.

        libyaml scans a run of opening brackets to its end before it yields the first of them,
        and newer releases stop deep flow nesting there with an error of their own, so the
        composer's depth check never sees the events. The read-ahead is tokenised again here by
        PyYAML's pure-Python scanner, which has no limit of its own; if the nesting passes
        MAX_DEPTH, the same located problem is recorded as for nesting seen event by event.
        """
        start = self.last_mark.index if self.last_mark is not None else 0
        if failed_at is None or not 0 <= failed_at.index - start <= _LOOKAHEAD:
            return False
        scanner = yaml.SafeLoader(text[start : failed_at.index + 1])
        depth, tokens = len(self.stack), _tokens(scanner)
        for token in tokens:
            if isinstance(token, _FLOW_STARTS):
                depth += 1
                if depth > MAX_DEPTH:
                    self._report(self.reader.lines.at(start + token.start_mark.index),
                                 *_TOO_DEEP)
                    return True
            elif isinstance(token, _FLOW_ENDS):
                depth -= 1
        return False

    def _open(self, event: Any) -> None:
        if len(self.stack) >= MAX_DEPTH:
            self._stop(event, *_TOO_DEEP)
        node: MappingNode | SequenceNode
        is_mapping = type(event) is MappingStartEvent
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
        if any(node is open_node for open_node, _ in self.stack):
            self._stop(event, f"alias *{event.anchor} is used inside the value it names",
                       "an alias cannot contain itself; write the value out")
        self.expanded += self._size(node)
        if self.expanded > MAX_VALUES:
            self._stop(event, f"aliases expand the file to more than {MAX_VALUES:,} values "
                       "(the limit)", "each alias (*name) repeats all its anchor holds; "
                       "write the values out instead of nesting aliases")
        self._add(node)

    def _size(self, node: Node) -> int:
        """How many values a node holds, counting what aliases inside it repeat."""
        known = self.sizes.get(id(node))
        if known is not None:
            return known
        total, todo = 0, [node]
        while todo and total <= MAX_VALUES:
            item = todo.pop()
            total += 1
            children = item.value if isinstance(item, SequenceNode) else [
                part for pair in item.value for part in pair
            ] if isinstance(item, MappingNode) else ()
            for child in children:
                size = self.sizes.get(id(child))
                if size is None:
                    todo.append(child)
                else:
                    total += size
        self.sizes[id(node)] = total
        return total

    def _stop(self, event: Any, message: str, hint: str) -> None:
        self._report(self.reader.lines.of(event.start_mark), message, hint)
        raise _Stop

    def _report(self, where: tuple[int, int], message: str, hint: str) -> None:
        """Record a problem at a 1-based line and column, as an editor numbers them."""
        line, column = where
        self.reader.add(Problem(self.reader.display, line, column, "", message, hint))

    def _add(self, node: Node) -> None:
        if self.stack:
            self.stack[-1][1].append(node)
        else:
            self.root = node
