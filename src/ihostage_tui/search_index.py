"""Finding events by their text: one lower-cased string for the whole story, searched in C.

Plain Python, no Textual. Built once, on the first search, in one pass over the story; after that
a query costs the number of matches it returns (`str.find` runs over the text at C speed), not a
Python loop over every event, so typing in the search box stays quick in a story of any size.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from ihostage_tui.model import Story

SEPARATOR = "\x00"
"""Between two texts (an event's title, account and views, and between events): the loader turns
control characters into symbols, so no query holds one, and no match runs from one text into the
next, even a query that holds a line break."""


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
        needle = query.strip().lower()
        if not needle or SEPARATOR in needle:
            return []
        if not self._where:
            self._build()
        found: list[tuple[int, int]] = []
        at = self._text.find(needle)
        while at >= 0 and len(found) < limit:
            event = bisect_right(self._starts, at) - 1
            found.append(self._where[event])
            at = self._text.find(needle, self._starts[event + 1])
        return found
