"""Hints that name what would be accepted: a close match, and a few known names, never all.

Plain Python, no Textual. A story may list thousands of sources and cite thousands of unknown
ones; each hint stays short (at most `SHOWN_NAMES` names, each shortened) and each search for a
close match compares the unknown value with at most `MAX_CANDIDATES` names, so `validate` stays
linear in the size of the story and its output stays readable.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Sequence

from ihostage_tui.safetext import shown

SHOWN_NAMES = 6
"""Most known names a hint lists."""
MAX_CANDIDATES = 64
"""Most known names a close match is looked for among."""
_LONGEST = 80
"""A value longer than this is not matched at all (no id is that long)."""


def closest(value: str, known: Sequence[str]) -> str | None:
    """The known name most like `value`, if one is close.

    Past `MAX_CANDIDATES` names only the neighbours of `value` in sorted order are compared: a
    typo after the first letters is still found, one in the first letter may not be. (Sorting
    names that are already sorted takes one pass.)
    """
    if len(value) > _LONGEST or not known:
        return None
    candidates = known
    if len(known) > MAX_CANDIDATES:
        ordered = sorted(known)
        at, half = bisect.bisect_left(ordered, value), MAX_CANDIDATES // 2
        candidates = ordered[max(0, at - half) : at + half]
    found = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return found[0] if found else None


def names(known: Sequence[str], limit: int = SHOWN_NAMES) -> str:
    """`a, b, c` for a few names; `a, b, c, ... (1,234 in all)` when there are more."""
    listed = ", ".join(shown(name, 40)[1:-1] for name in known[:limit])
    return listed if len(known) <= limit else f"{listed}, ... ({len(known):,} in all)"


def hint(kind: str, known: Sequence[str], close: str | None, none: str,
         limit: int = SHOWN_NAMES) -> str:
    """`did you mean 'x'? known <kind>s: a, b, ...`; `none` when nothing is known."""
    if not known:
        return none
    listing = f"known {kind}s: {names(known, limit)}"
    return f"did you mean {shown(close)}? {listing}" if close else listing
