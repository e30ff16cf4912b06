"""Finding events by their text: one lower-cased string for the whole story, searched in C.

Plain Python, no Textual. Built once, on the first search, in one pass over the story; after that
a query costs the number of matches it returns (`str.find` runs over the text at C speed), not a
Python loop over every event, so typing in the search box stays quick in a story of any size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from itertools import accumulate
from typing import NamedTuple

from ihostage_tui.model import Story

SEPARATOR = "\x00"
"""Between two texts (an event's title, account and views, and between events): the loader turns
control characters into symbols, so no query holds one, and no match runs from one text into the
next, even a query that holds a line break."""


class Found(NamedTuple):
    """An event containing the query, and where its first match is."""

    chapter: int
    """Index of the chapter."""
    event: int
    """Index of the event in its chapter."""
    part: int
    """Where the first match is: 0 the title, 1 the account, 2 onwards the event's views in
    order (`event.views[part - 2]`)."""


class SearchIndex:
    """Events' titles, accounts and views, lower-cased, for substring search."""

    def __init__(self, story: Story) -> None:
        self.story = story
        """The story searched."""
        self._text = ""
        self._starts: list[int] = []
        self._where: list[tuple[int, int]] = []

    def _build(self) -> None:
        parts: list[str] = []
        for c, chapter in enumerate(self.story.chapters):
            for e, event in enumerate(chapter.events):
                self._where.append((c, e))
                texts = (event.title, event.text, *(view.text for view in event.views))
                parts.append(SEPARATOR.join(texts).lower())
        # where each event's text starts, and (last) where one more would: just past the end
        self._starts = [0, *accumulate(len(part) + 1 for part in parts)]
        self._text = SEPARATOR.join(parts)

    def find(self, query: str, limit: int) -> list[tuple[int, int]]:
        """(chapter, event) of the first `limit` events, in story order, containing the query."""
        return [(found.chapter, found.event) for found in self.matches(query, limit)]

    def matches(self, query: str, limit: int) -> list[Found]:
        """The first `limit` events, in story order, containing the query, each with where."""
        needle = query.strip().lower()
        if not needle or SEPARATOR in needle:
            return []
        if not self._where:
            self._build()
        found: list[Found] = []
        at = self._text.find(needle)
        while at >= 0 and len(found) < limit:
            event = bisect_right(self._starts, at) - 1
            part = self._text.count(SEPARATOR, self._starts[event], at)
            found.append(Found(*self._where[event], part))
            at = self._text.find(needle, self._starts[event + 1])
        return found


def following(found: Sequence[Found], here: tuple[int, ...], step: int,
              rank: Callable[[int, int], tuple[int, ...]] = lambda *indices: indices,
              ) -> Found | None:
    """The match after (`step` 1) or before (-1) the event at `here`, in the order the reader
    walks (`rank` gives an event's place in it from its chapter and event indices; chapter
    order by default), wrapping round at either end; None when nothing matched."""
    if not found:
        return None
    ranked = sorted(found, key=lambda match: rank(match.chapter, match.event))
    keys = [rank(match.chapter, match.event) for match in ranked]
    if step > 0:
        return ranked[bisect_right(keys, here) % len(ranked)]
    return ranked[bisect_left(keys, here) - 1]
