"""The one way an id from a story file becomes a widget id: plain Python, no Textual.

Story ids (`police`, `2nd`, `a.b`, `clock`) may hold characters a widget id may not, and may
equal the app's own widget ids (`clock`, `tabs`, `events`), which the stylesheet styles by id.
`widget_id` makes each a distinct, valid widget id in a namespace of its own: the kind of thing,
two hyphens, then the id with `_` doubled and every other character a widget id cannot hold
written as `_<hex>_`. Different ids, or kinds, never give the same widget id, and none of the
app's own ids has the form (a test checks both).
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["perspective", "chapter", "event"]
"""What the id names in the story."""

_KEPT = re.compile(r"[A-Za-z0-9-]+")
_SEPARATOR = "--"


def widget_id(kind: Kind, story_id: str) -> str:
    """The widget id for a perspective, chapter or event id: `perspective--a_2e_b` for `a.b`."""
    return f"{kind}{_SEPARATOR}{''.join(_escaped(part) for part in _parts(story_id))}"


def is_story_widget_id(name: str) -> bool:
    """True when a widget id has the form `widget_id` gives (the app's own ids never do)."""
    kind, separator, _rest = name.partition(_SEPARATOR)
    return bool(separator) and kind in ("perspective", "chapter", "event")


def _parts(text: str) -> list[str]:
    """The text cut into runs of kept characters and single other characters."""
    parts: list[str] = []
    at = 0
    for match in _KEPT.finditer(text):
        parts.extend(text[at : match.start()])
        parts.append(match.group())
        at = match.end()
    parts.extend(text[at:])
    return parts


def _escaped(part: str) -> str:
    if _KEPT.fullmatch(part):
        return part
    return "__" if part == "_" else f"_{ord(part):x}_"
