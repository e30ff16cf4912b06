"""Property tests: mutate valid stories every way an author (or a stranger) might, and check that
the loader only ever returns a `Story` or raises `StoryError` whose problems are all located.

Stories are built as Python data and written with `yaml.safe_dump`; mutations then drop,
duplicate, rename and retype fields, insert random Unicode (control characters included), reorder
events, and splice random bytes into the files.
"""

from __future__ import annotations

import copy
import os
import random
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ihostage_tui.errors import StoryError
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story

EXAMPLES = int(os.environ.get("IHOSTAGE_PROPERTY_EXAMPLES", "200"))
"""Examples per property; raise it for a long bug hunt (the normal run stays under ~10 s)."""
SETTINGS = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

Tree = dict[str, Any]


def valid_story() -> tuple[Tree, list[Tree]]:
    """A small valid story (story.yaml data and two chapters) using every field."""
    story: Tree = {
        "format": 1, "title": "Property story", "subtitle": "Sub", "summary": "About it",
        "content_note": "Calm", "timezone": "Europe/Amsterdam", "date": "2022-02-22",
        "perspectives": [{"id": "police", "name": "Police", "short": "Pol"},
                         {"id": "media", "name": "Media", "description": "Press"}],
        "sources": [{"id": "nos", "title": "A report", "publisher": "NOS",
                     "url": "https://example.org", "date": "2022-02-23"},
                    {"id": "rtl", "title": "Another"}],
        "chapters": ["chapters/01.yaml", "chapters/02.yaml"],
    }
    first: Tree = {"id": "one", "title": "One", "summary": "Start", "events": [
        {"at": "17:30", "title": "First", "text": "It begins.", "sources": ["nos"]},
        {"at": "17:40", "approx": True, "title": "Second", "id": "second",
         "views": {"police": "Arrive.", "media": "Report."}, "sources": ["nos", "rtl"],
         "disputed": [{"what": "When", "versions": [{"says": "17:40", "sources": ["nos"]},
                                                    {"says": "17:45", "sources": ["rtl"]}]}]},
    ]}
    second: Tree = {"id": "two", "title": "Two", "events": [
        {"at": "2022-02-23 00:10", "title": "Night", "text": "Later.", "sources": ["rtl"]},
        {"at": "2022-03", "title": "Month", "views": {"media": "Much later."},
         "sources": ["nos"]},
    ]}
    return story, [first, second]


def write(root: Path, story: Tree, chapters: list[Tree], unicode: bool = True) -> list[Path]:
    """The story's files under `root`, written with safe_dump; their paths."""
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    files = [root / "story.yaml", root / "chapters" / "01.yaml", root / "chapters" / "02.yaml"]
    for path, data in zip(files, [story, *chapters], strict=True):
        path.write_text(yaml.safe_dump(data, allow_unicode=unicode, sort_keys=False),
                        encoding="utf-8")
    return files


def check(root: Path) -> Story | None:
    """The property: a Story, or a StoryError whose every problem is located and explained."""
    try:
        story = load_story(root)
    except StoryError as error:
        assert error.problems, "a StoryError must carry at least one error"
        for problem in (*error.problems, *error.warnings):
            assert problem.file and problem.message.strip()
            assert problem.line >= 0 and problem.column >= 0
        assert error.format()
        return None
    assert isinstance(story, Story)
    return story


def places(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in a tree of dicts and lists."""
    found: list[tuple[Any, Any]] = []
    todo = [tree]
    while todo:
        node = todo.pop()
        keys = list(node) if isinstance(node, dict) else range(len(node)) \
            if isinstance(node, list) else []
        for key in keys:
            found.append((node, key))
            todo.append(node[key])
    return found


ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=30)
"""Random Unicode, control characters and escapes included (no lone surrogates: not UTF-8)."""
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ANY_TEXT,
    st.lists(ANY_TEXT, max_size=3), st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=3),
    st.sampled_from(["25:61", "2022-02-30", "yes", "~", "", "Europe/Nowhere", "../x.yaml",
                     "/etc/passwd", "chapters", "nos", "police", "one.1", "second", "2"]),
)
"""What a field may be retyped or rewritten to."""


def test_the_unmutated_story_loads(tmp_path: Path) -> None:
    write(tmp_path, *valid_story())
    story = check(tmp_path)
    assert story is not None and story.event_count == 4


@SETTINGS
@given(st.data())
def test_mutated_trees_load_or_fail_cleanly(data: st.DataObject) -> None:
    story, chapters = valid_story()
    trees: list[Any] = [story, *chapters]
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        tree = trees[data.draw(st.integers(0, 2), label="file")]
        spots = places(tree)
        if not spots:
            continue
        container, key = data.draw(st.sampled_from(spots), label="where")
        action = data.draw(st.sampled_from(["drop", "retype", "rename", "copy"]), label="action")
        if action == "drop":
            del container[key]
        elif action == "retype":
            container[key] = data.draw(VALUES, label="value")
        elif action == "rename" and isinstance(container, dict):
            container[data.draw(ANY_TEXT, label="name")] = container.pop(key)
        elif action == "copy" and isinstance(container, list):
            container.append(copy.deepcopy(container[key]))
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), trees[0], trees[1:], unicode=data.draw(st.booleans()))
        check(Path(folder))


@SETTINGS
@given(st.data())
def test_reordered_events_load_or_fail_cleanly(data: st.DataObject) -> None:
    story, chapters = valid_story()
    for chapter in chapters:
        chapter["events"] = data.draw(st.permutations(chapter["events"]))
    with tempfile.TemporaryDirectory() as folder:
        write(Path(folder), story, chapters)
        result = check(Path(folder))
    in_order = all(
        [e["at"] for e in c["events"]] == [e["at"] for e in valid_story()[1][i]["events"]]
        for i, c in enumerate(chapters)
    )
    assert (result is not None) == in_order


@SETTINGS
@given(st.data())
def test_text_edits_load_or_fail_cleanly(data: st.DataObject) -> None:
    """Line-level edits of the YAML text: duplicated fields, random text, random bytes."""
    with tempfile.TemporaryDirectory() as folder:
        files = write(Path(folder), *valid_story())
        path = files[data.draw(st.integers(0, 2), label="file")]
        raw = path.read_bytes()
        lines = raw.splitlines(keepends=True)
        at = data.draw(st.integers(0, len(lines) - 1), label="line")
        action = data.draw(st.sampled_from(["duplicate", "text", "bytes"]), label="action")
        if action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "text":
            text = data.draw(ANY_TEXT, label="text").encode("utf-8", "surrogatepass")
            cut = data.draw(st.integers(0, len(lines[at])), label="column")
            lines[at] = lines[at][:cut] + text + lines[at][cut:]
        else:
            noise = data.draw(st.binary(min_size=1, max_size=16), label="bytes")
            cut = data.draw(st.integers(0, len(lines[at])), label="column")
            lines[at] = lines[at][:cut] + noise + lines[at][cut:]
        path.write_bytes(b"".join(lines))
        check(Path(folder))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.randoms(use_true_random=False))
def test_random_bytes_as_a_whole_file(noise: bytes, rng: random.Random) -> None:
    with tempfile.TemporaryDirectory() as folder:
        files = write(Path(folder), *valid_story())
        rng.choice(files).write_bytes(noise)
        assert check(Path(folder)) is None
