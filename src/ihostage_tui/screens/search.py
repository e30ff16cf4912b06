"""Search the events' text: results as you type, enter jumps to one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from ihostage_tui.model import Event
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.search_index import SearchIndex
from ihostage_tui.timefmt import format_event_time

LIMIT = 200
"""Most results listed."""


def _snippet(text: str, start: int, width: int = 60) -> str:
    """One line of text around a match."""
    begin = max(start - width // 3, 0)
    piece = " ".join(text[begin:begin + width].split())
    return ("…" if begin else "") + piece + ("…" if begin + width < len(text) else "")


def _match(event: Event, needle: str, width: int = 60) -> str | None:
    """A snippet of the matching text (the account's start for a title match), or None."""
    accounts = [text for text in (event.text, *(view.text for view in event.views)) if text]
    if needle in event.title.lower():
        return _snippet(accounts[0], 0, width) if accounts else ""
    for text in accounts:
        found = text.lower().find(needle)
        if found >= 0:
            return _snippet(text, found, width)
    return None


def search_events(index: SearchIndex, query: str, limit: int = LIMIT,
                  width: int = 60) -> list[tuple[int, int, str]]:
    """(chapter, event, snippet) for events whose title, account or views contain the query.

    A snippet is about `width` characters (cut to the cells available when shown).
    """
    needle = query.strip().lower()
    chapters = index.story.chapters
    return [(c, e, _match(chapters[c].events[e], needle, width) or "")
            for c, e in index.find(query, limit)]


class SearchScreen(Dialog[tuple[int, int]]):
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
    }
    """

    def __init__(self, index: SearchIndex) -> None:
        super().__init__()
        self.index = index
        """The story's text, ready to search (kept by the reader between searches)."""
        self.story = index.story
        """The story searched."""

    def compose_body(self) -> ComposeResult:
        """The query and the results."""
        yield self.text_input("words to find", "search-input")
        yield OptionList(id="search-results")

    @on(Input.Changed)
    def _changed(self, message: Input.Changed) -> None:
        results = self.query_one(OptionList)
        options = []
        width = max(results.scrollable_content_region.width - 5, 10)
        for c, e, snippet in search_events(self.index, message.value, width=width):
            event = self.story.chapters[c].events[e]
            line = Content(snippet).truncate(width, ellipsis=True)
            prompt = Content.assemble(
                (f"{c + 1:>2} {format_event_time(event, self.story.date)} ", "bold"),
                event.title, "\n", ("   ", "dim"), line.stylize("dim"))
            options.append(Option(prompt, id=f"r-{c}-{e}"))
        results.set_options(options)
        results.highlighted = 0 if options else None
        box = self.query_one("#dialog")
        found = f"first {LIMIT} shown" if len(options) >= LIMIT else f"{len(options)} found"
        box.border_subtitle = found if message.value.strip() else ""

    def action_move(self, step: int) -> None:
        """Move the highlighted result while typing."""
        results = self.query_one(OptionList)
        if step > 0:
            results.action_cursor_down()
        else:
            results.action_cursor_up()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, message: OptionList.OptionSelected) -> None:
        self._choose(message.option_index)

    def _choose(self, index: int | None) -> None:
        results = self.query_one(OptionList)
        if index is None or index >= results.option_count:
            return
        option_id = results.get_option_at_index(index).id or ""
        _r, chapter, event = option_id.split("-")
        self.dismiss((int(chapter), int(event)))
