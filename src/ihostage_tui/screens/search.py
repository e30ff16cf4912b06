"""Search the events' text: results as you type, each saying where it matched; enter opens it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ihostage_tui.model import Event, Story
from ihostage_tui.safetext import TYPED, shown
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.search_index import Found, SearchIndex
from ihostage_tui.timefmt import format_event_time

LIMIT = 200
"""Most results listed."""


@dataclass(frozen=True, slots=True)
class Choice:
    """The result the reader chose: the event, the tab where the words are, and the words."""

    chapter: int
    """Index of the chapter."""
    event: int
    """Index of the event in the chapter."""
    tab: int | None
    """The tab to open (0 = Overview), or None to stay on the open one (a title match)."""
    query: str
    """What was searched for (for highlighting, and for `n`/`N`)."""


def match_tab(story: Story, found: Found) -> int | None:
    """The tab that shows the match: None for the title (every tab shows it), 0 for the account,
    the perspective's tab for a view."""
    if found.part == 0:
        return None
    if found.part == 1:
        return 0
    view = story.chapters[found.chapter].events[found.event].views[found.part - 2]
    return 1 + [p.id for p in story.perspectives].index(view.perspective)


def match_place(story: Story, found: Found) -> tuple[str, str]:
    """Where the match is, in words ("title", "account", "Police view"), and that text."""
    event = story.chapters[found.chapter].events[found.event]
    if found.part == 0:
        return "title", event.text or next((v.text for v in event.views), "")
    if found.part == 1:
        return "account", event.text
    view = event.views[found.part - 2]
    name = next(p.name for p in story.perspectives if p.id == view.perspective)
    return f"{name} view", view.text


def snippet(text: str, needle: str, width: int = 60) -> str:
    """One line of text around the first match of `needle` (its start when there is none)."""
    start = max(text.lower().find(needle), 0)
    begin = max(start - width // 3, 0)
    piece = " ".join(text[begin:begin + width].split())
    return ("…" if begin else "") + piece + ("…" if begin + width < len(text) else "")


def result_prompt(story: Story, found: Found, needle: str, width: int) -> Content:
    """Two lines: chapter, time and title; then where it matched and the words around it."""
    event: Event = story.chapters[found.chapter].events[found.event]
    place, text = match_place(story, found)
    room = max(width - len(place) - 2, 8)
    line = Content(snippet(text, needle, width)).truncate(room, ellipsis=True)
    return Content.assemble(
        (f"{found.chapter + 1:>2} {format_event_time(event, story.date)} ", "bold"),
        Content(event.title), "\n", "   ", (f"{place}: ", "italic"), line.stylize("dim"))


class SearchScreen(Dialog[Choice]):
    """A query line over a list of matching events."""

    BOX_TITLE = "Search the events"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "move(1)", "Down", show=False, id="search-down",
                tooltip="Highlight the next result"),
        Binding("up", "move(-1)", "Up", show=False, id="search-up",
                tooltip="Highlight the previous result"),
    ]

    DEFAULT_CSS = """
    SearchScreen {
        & > #dialog { width: 90; height: 80%; }
        #search-results { height: 1fr; border: none; }
        #search-empty { height: 1fr; color: $text-muted; display: none; }
        &.-empty #search-results { display: none; }
        &.-empty #search-empty { display: block; }
    }
    """

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index
        """The story's text, ready to search (kept by the reader between searches)."""
        self.story = index.story
        """The story searched."""
        self._query = ""
        self._pending = False
        self._found: list[Found] = []

    def compose_body(self) -> ComposeResult:
        """The query and the results (or a line saying there are none)."""
        yield self.text_input("words to find", "search-input")
        yield OptionList(id="search-results")
        yield Static(id="search-empty")

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        """Note the query; the results follow once the screen has shown what was typed."""
        self._query = message.value
        self._list_later()

    def search_in(self, index: SearchIndex) -> None:
        """Search an edited version of the story from now on (live reload): the results of the
        query as typed are listed again, so a result chosen is an event of the story shown."""
        self.index, self.story = index, index.story
        self._list_later()

    def _list_later(self) -> None:
        """List the results once the screen has refreshed (once, however many calls meanwhile)."""
        if not self._pending:
            self._pending = True
            self.call_after_refresh(self.show_results)

    def show_results(self) -> None:
        """List the events matching the latest query (however many keys arrived meanwhile)."""
        self._pending = False
        results = self.query_one(OptionList)
        width = max(results.scrollable_content_region.width - 5, 10)
        needle = self._query.strip().lower()
        self._found = self.index.matches(self._query, LIMIT)
        results.set_options(Option(result_prompt(self.story, found, needle, width))
                            for found in self._found)
        results.highlighted = 0 if self._found else None
        count = len(self._found)
        self.query_one("#dialog").border_subtitle = (
            "" if not needle else f"first {LIMIT} shown" if count >= LIMIT else f"{count} found")
        self.set_class(bool(needle) and not count, "-empty")
        self.query_one("#search-empty", Static).update(
            Content(f"No event mentions {shown(self._query.strip(), TYPED)}.") if needle else "")

    def action_move(self, step: int) -> None:
        """Move the highlighted result while typing (in the list for all that was typed)."""
        if self._pending:
            self.show_results()
        results = self.query_one(OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._pending:
            self.show_results()
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self._choose(message.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self._found):
            return
        found = self._found[index]
        self.dismiss(Choice(found.chapter, found.event, match_tab(self.story, found),
                            self._query.strip()))
