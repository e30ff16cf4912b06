"""`ihostage-tui schema`: the editor's schema agrees with the loader.

Every story the loader accepts is valid under the schema, and every bad story in the corpus that
the loader rejects for a missing field, an unknown field or a value of the wrong type is invalid
under it, at the same place. Files are read as an editor's YAML 1.2 language server reads them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ihostage_tui.cli import main
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.schema import schema

STORIES = Path(__file__).parent / "data" / "stories"
GOOD = [bundled_story_path(), STORIES / "good", STORIES / "reader-demo", STORIES / "hostile-text",
        Path(__file__).parents[1] / "src" / "ihostage_tui" / "starter"]
STRUCTURAL = re.compile(r"^(?P<file>[^:]+):\d+:\d+: error: (?:(?P<path>[^:]*): )?"
                        r"(?P<what>missing required field|unknown field|should be )", re.M)
"""An error the loader gives for a missing field, an unknown field or a wrong type."""
_CORE: list[tuple[re.Pattern[str], Callable[[str], Any]]] = [
    (re.compile(r"~|null|Null|NULL|"), lambda _: None),
    (re.compile(r"true|True|TRUE"), lambda _: True),
    (re.compile(r"false|False|FALSE"), lambda _: False),
    (re.compile(r"[-+]?[0-9]+"), int),
    (re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?"), float),
]
"""YAML 1.2's core schema: how a language server types a plain scalar."""


def _value(node: Node) -> Any:
    if isinstance(node, MappingNode):
        return {str(key.value): _value(value) for key, value in node.value}
    if isinstance(node, SequenceNode):
        return [_value(item) for item in node.value]
    if isinstance(node, ScalarNode) and not node.style:  # plain, not quoted or block
        for pattern, convert in _CORE:
            if pattern.fullmatch(node.value):
                return convert(node.value)
    return node.value


def read_as_editor(file: Path) -> Any:
    """A YAML file's data as a YAML 1.2 language server sees it (`17:30` is text)."""
    node = yaml.compose(file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    assert node is not None
    return _value(node)


def schema_errors(file: Path) -> list[ValidationError]:
    """Every error the schema finds in a story file (story.yaml or a chapter), nested included."""
    validator = Draft202012Validator(schema("story" if file.name == "story.yaml" else "chapter"))
    found: list[ValidationError] = []
    pending = list(validator.iter_errors(read_as_editor(file)))
    while pending:
        error = pending.pop()
        found.append(error)
        pending.extend(error.context or [])
    return found


def _steps(path: str) -> list[str]:
    """A loader field path (`events[1].approx`) as schema path steps (`events`, `1`, `approx`)."""
    return [step for step in re.split(r"[.\[\]]+", path) if step]


@pytest.mark.parametrize("kind", ["story", "chapter"])
def test_the_schema_is_draft_2020_12(kind: str) -> None:
    document = schema(kind)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


@pytest.mark.parametrize("folder", GOOD, ids=lambda path: path.name)
def test_every_good_story_is_valid(folder: Path) -> None:
    story = load_story(folder)
    files = [folder / "story.yaml", *(folder / c.path for c in story.chapters)]
    for file in files:
        assert [e.message for e in schema_errors(file)] == [], file


def _structural_cases() -> list[tuple[Path, str, str]]:
    cases = []
    for folder in sorted(STORIES.glob("bad-*")):
        expected = (folder / "expected.txt").read_text(encoding="utf-8")
        cases += [(folder / m["file"], m["path"] or "", m["what"])
                  for m in STRUCTURAL.finditer(expected)]
    return cases


CASES = _structural_cases()


def test_the_corpus_has_structural_cases_of_each_kind() -> None:
    kinds = {what for _, _, what in CASES}
    assert kinds == {"missing required field", "unknown field", "should be "}
    assert len(CASES) >= 20


def _case_id(file: Path) -> str:
    return file.parts[-3] if file.parent.name == "chapters" else file.parts[-2]


@pytest.mark.parametrize(("file", "path", "what"), CASES,
                         ids=[_case_id(file) for file, _, _ in CASES])
def test_what_the_loader_rejects_the_schema_rejects_there(file: Path, path: str, what: str
                                                          ) -> None:
    """At the loader's field, or (an unknown or missing field) at the mapping that holds it."""
    steps = _steps(path)
    places = [steps] if what == "should be " else [steps, steps[:-1]]
    found = [[str(step) for step in error.absolute_path] for error in schema_errors(file)]
    assert any(place in found for place in places), (what, path, found)


def test_schema_command_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    assert main(["schema", "chapter"], out=out) == 0
    document = json.loads(out.getvalue())
    assert document == schema("chapter")
    assert set(document["properties"]) == {"id", "title", "summary", "events"}


_COMMON = {"$schema", "$ref", "$defs", "title", "description", "type", "properties", "required",
           "additionalProperties", "items", "minItems", "minLength", "pattern", "enum", "anyOf",
           "format"}
"""Keywords that mean the same in draft 7 as in draft 2020-12."""


def _keywords(node: Any, inside_properties: bool = False) -> set[str]:
    if isinstance(node, list):
        return set().union(*(_keywords(item) for item in node))
    if not isinstance(node, dict):
        return set()
    found = set() if inside_properties else set(node)
    for key, value in node.items():
        found |= _keywords(value, inside_properties=key in ("properties", "$defs")
                           and not inside_properties)
    return found


@pytest.mark.parametrize("kind", ["story", "chapter"])
def test_the_schema_also_reads_as_draft_7(kind: str) -> None:
    """Editors' YAML language servers implement draft 7: keep to keywords both drafts share."""
    assert _keywords(schema(kind)) <= _COMMON
