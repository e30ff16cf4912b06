"""JSON Schema (draft 2020-12) of story.yaml and of a chapter file, for editors.

Which fields each mapping holds, and which of them are required, comes from the loader's own
`FieldNames`; this module only says what each field's value looks like, so a field the loader
gains without a schema here is an error in the tests, not a silent gap. Values are described as an
editor's YAML 1.2 language server reads them (`17:30` is text, `1984` a number); the loader reads
every value by its meaning, so text fields accept numbers and booleans too.
"""

from __future__ import annotations

from typing import Any

from ihostage_tui.chapters import CHAPTER_FIELDS, DISPUTE_FIELDS, EVENT_FIELDS, VERSION_FIELDS
from ihostage_tui.loader import PERSPECTIVE_FIELDS, SOURCE_FIELDS, STORY_FIELDS
from ihostage_tui.yamlnodes import ID_PATTERN, FieldNames

Schema = dict[str, Any]
"""A JSON Schema as a JSON-ready dictionary."""

DRAFT = "https://json-schema.org/draft/2020-12/schema"
"""The dialect of every schema here."""
KINDS = ("story", "chapter")
"""The files a schema is given for: story.yaml, and a chapter file."""

_SCALAR = ["string", "number", "boolean"]
_TEXT: Schema = {"type": _SCALAR, "minLength": 1}
_OPTIONAL_TEXT: Schema = {"type": [*_SCALAR, "null"]}
_TRUE_OR_FALSE = "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"
_BOOLEAN: Schema = {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _TRUE_OR_FALSE}]}
_ID: Schema = {"type": ["string", "number"], "pattern": f"^{ID_PATTERN.pattern}$"}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _list(item: Schema, least: int = 0) -> Schema:
    return {"type": "array", "items": item, **({"minItems": least} if least else {})}


_NEEDS = {"story": ("perspective", "source"), "chapter": ("event", "dispute", "version")}
"""The mappings each file's schema holds under `$defs`."""

_MAPPINGS: dict[str, tuple[FieldNames, str]] = {
    "story": (STORY_FIELDS, "A story: its metadata, perspectives, sources and chapter files."),
    "perspective": (PERSPECTIVE_FIELDS, "A side the story is told from (one tab)."),
    "source": (SOURCE_FIELDS, "A published source that events cite."),
    "chapter": (CHAPTER_FIELDS, "A chapter: an id, a title and its events in time order."),
    "event": (EVENT_FIELDS, "A moment of the story; it needs a `text`, a view, or both."),
    "dispute": (DISPUTE_FIELDS, "A point on which the sources disagree."),
    "version": (VERSION_FIELDS, "One source's version of a disputed point."),
}
"""Each mapping of the format: the loader's fields for it, and what it is."""

_VALUES: dict[tuple[str, str], tuple[Schema, str]] = {
    ("story", "format"): ({"enum": [1, "1"]}, "Always 1 for this version of the format."),
    ("story", "title"): (_TEXT, "The story's title."),
    ("story", "subtitle"): (_OPTIONAL_TEXT, "A line shown under the title."),
    ("story", "summary"): (_OPTIONAL_TEXT, "A paragraph introducing the story."),
    ("story", "content_note"): (_OPTIONAL_TEXT, "Shown on its own screen before the story "
                                "opens: what the story contains, said calmly."),
    ("story", "timezone"): (_TEXT, "An IANA time-zone name such as Europe/Amsterdam; every "
                            "time in the story is read in it."),
    ("story", "date"): ({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"},
                        "YYYY-MM-DD: the day that plain clock times (\"17:30\") are on."),
    ("story", "perspectives"): (_list(_ref("perspective"), 1), "The sides the story is told "
                                "from, in tab order."),
    ("story", "sources"): (_list(_ref("source")), "The published sources that events cite."),
    ("story", "chapters"): (_list(_TEXT, 1), "Chapter files, relative to story.yaml, in "
                            "reading order."),
    ("story", "order"): ({"enum": ["chapters", "time"]}, "How the reader walks the events: "
                         "`chapters` as written (the default) or `time`, one stream by time."),
    ("perspective", "id"): (_ID, "Identifier used under an event's `views`."),
    ("perspective", "name"): (_TEXT, "Full name, e.g. Police and negotiators."),
    ("perspective", "short"): (_OPTIONAL_TEXT, "Short tab label (the name when absent)."),
    ("perspective", "description"): (_OPTIONAL_TEXT, "Who this perspective covers."),
    ("source", "id"): (_ID, "Identifier that events cite in their `sources`."),
    ("source", "title"): (_TEXT, "Title of the article, broadcast or document."),
    ("source", "title_translated"): (_BOOLEAN, "true when `title` is your English rendering of "
                                     "a title published in another language."),
    ("source", "publisher"): (_OPTIONAL_TEXT, "Who published it."),
    ("source", "url"): (_OPTIONAL_TEXT, "Where to read it."),
    ("source", "date"): (_OPTIONAL_TEXT, "When it was published: YYYY-MM-DD, YYYY-MM or YYYY."),
    ("chapter", "id"): (_ID, "Stable id, used to resume reading and with --chapter."),
    ("chapter", "title"): (_TEXT, "Chapter heading."),
    ("chapter", "summary"): (_OPTIONAL_TEXT, "A sentence or two introducing the chapter."),
    ("chapter", "events"): (_list(_ref("event"), 1), "The chapter's events, in time order."),
    ("event", "at"): ({"type": ["string", "number"]}, 'When it happened: "17:30", '
                      '"17:30:15", "2022-02-23 00:10", "2022-03-31", "2023-02" or "1912".'),
    ("event", "id"): (_ID, "A stable id, unique in the story (else <chapter id>.<position>)."),
    ("event", "approx"): (_BOOLEAN, "true when the sources give only an approximate time."),
    ("event", "placed"): (_BOOLEAN, "true when the sources give no time at all and `at` is "
                          "your placement; shown as ?19:00. Not together with approx."),
    ("event", "title"): (_TEXT, "One line naming the moment."),
    ("event", "text"): (_OPTIONAL_TEXT, "The neutral account, shown in the Overview tab."),
    ("event", "views"): ({"type": "object", "additionalProperties": _TEXT},
                         "Perspective id: that perspective's telling of the same moment."),
    ("event", "sources"): (_list(_ID, 1), "Ids of the sources the event rests on."),
    ("event", "disputed"): (_list(_ref("dispute")), "Points on which the sources disagree."),
    ("dispute", "what"): (_TEXT, "The point in question."),
    ("dispute", "versions"): (_list(_ref("version"), 2), "Each source's version, two or more."),
    ("version", "says"): (_TEXT, "That version, in your words."),
    ("version", "sources"): (_list(_ID, 1), "Ids of the sources that hold this version."),
}
"""What each field's value looks like, and what it means (shown by editors on hover).

An entry for a field the loader does not read (yet) is never used: the fields come from it."""


def _mapping(kind: str) -> Schema:
    """The schema of one mapping, its fields exactly the loader's (`KeyError` for a gap)."""
    names, about = _MAPPINGS[kind]
    properties: Schema = {}
    for name in (*names.required, *names.optional):
        if (kind, name) not in _VALUES:
            raise KeyError(f"the {kind} field {name!r} has no schema in ihostage_tui.schema")
        value, meaning = _VALUES[kind, name]
        properties[name] = {**value, "description": meaning}
    schema: Schema = {"type": "object", "description": about, "properties": properties,
                      "required": list(names.required), "additionalProperties": False}
    if kind == "event":
        schema["anyOf"] = [{"required": ["text"]}, {"required": ["views"]}]
    return schema


def schema(kind: str) -> Schema:
    """The JSON Schema of a story file: `story` (story.yaml) or `chapter` (a chapter file)."""
    if kind not in KINDS:
        raise ValueError(f"no schema for {kind!r}: use one of {', '.join(KINDS)}")
    name = "story.yaml" if kind == "story" else "chapter file"
    return {
        "$schema": DRAFT,
        "title": f"ihostage-tui {name} (story format 1)",
        **_mapping(kind),
        "$defs": {other: _mapping(other) for other in _NEEDS[kind]},
    }
