"""Command palette: chapters, perspectives and events, searchable next to the system commands."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content
from textual.message import Message

from ihostage_tui.model import Story
from ihostage_tui.search_index import SearchIndex
from ihostage_tui.timefmt import format_event_time

LITERAL = 200
"""Most events listed in the palette for holding the query word for word."""


class Navigate(Message):
    """A request to move the reader: any of chapter, event (within chapter), perspective."""

    def __init__(self, chapter: int | None = None, event: int | None = None,
                 perspective: int | None = None) -> None:
        self.chapter = chapter
        """Chapter index to open, or None to stay."""
        self.event = event
        """Event index within that chapter, or None for its first event."""
        self.perspective = perspective
        """Tab index to open (0 = Overview), or None to stay."""
        super().__init__()


@dataclass(frozen=True, slots=True)
class Entry:
    """One palette entry: what is shown (story text, kept literal), its help, its move."""

    text: str
    prefix: str
    help: str
    move: Navigate


def highlight(matcher: Matcher, prefix: str, text: str) -> Content:
    """The entry with matched letters styled; never parses the story text as markup."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize(matcher.match_style, offset, offset + 1)
    return Content.assemble((prefix, "dim"), content)


def entries(story: Story, with_events: bool) -> Iterator[Entry]:
    """Chapters, perspectives and (when asked) events; help strings carry no story text."""
    for number, chapter in enumerate(story.chapters, start=1):
        yield Entry(chapter.title, "Chapter: ", f"Open chapter {number}", Navigate(number - 1))
    yield Entry("Overview", "Perspective: ", "The neutral account (tab 1)", Navigate(perspective=0))
    for number, perspective in enumerate(story.perspectives, start=1):
        yield Entry(perspective.name, "Perspective: ", f"Tab {number + 1}",
                    Navigate(perspective=number))
    if not with_events:
        return
    for c, chapter in enumerate(story.chapters):
        for e, event in enumerate(chapter.events):
            when = format_event_time(event, story.date)
            yield Entry(event.title, "Event: ", f"Chapter {c + 1}, {when}", Navigate(c, e))


class ReaderCommands(Provider):
    """Jump to a chapter, perspective or event from the command palette."""

    @property
    def story(self) -> Story | None:
        """The story of the screen the palette was opened on (None on other screens)."""
        story = getattr(self.screen, "story", None)
        return story if isinstance(story, Story) else None

    def _post(self, move: Navigate) -> None:
        self.screen.post_message(Navigate(move.chapter, move.event, move.perspective))

    async def discover(self) -> Hits:
        """With an empty query: every chapter and perspective."""
        if self.story is None:
            return
        for entry in entries(self.story, with_events=False):
            display = Content.assemble((entry.prefix, "dim"), entry.text)
            yield DiscoveryHit(display, lambda m=entry.move: self._post(m), text=entry.text,
                               help=entry.help)

    async def search(self, query: str) -> Hits:
        """Events whose text holds the query word for word first, then chapters, perspectives
        and event titles that match it loosely (letters in order)."""
        if self.story is None:
            return
        matcher = self.matcher(query)
        index = getattr(self.screen, "search_index", None)
        literal = set(index.find(query, LITERAL)) if isinstance(index, SearchIndex) else set()
        for entry in entries(self.story, with_events=True):
            score = matcher.match(entry.text)
            if (entry.move.chapter, entry.move.event) in literal:
                score += LITERAL  # above every loose match
            if score > 0:
                yield Hit(score, highlight(matcher, entry.prefix, entry.text),
                          lambda m=entry.move: self._post(m), text=entry.text, help=entry.help)
