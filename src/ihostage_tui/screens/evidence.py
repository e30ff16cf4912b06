"""Evidence: every source of the selected event in full, and every dispute with all its versions.

Opened with `e` from the reader; scrolls with the arrow keys and page keys; `escape` closes it and
the reader is where it was. Story text is shown literally (`Content`, never markup).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ihostage_tui.citations import source_names, title_as_given
from ihostage_tui.model import Event, Source, Story
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.timefmt import format_event_time


def source_entry(source: Source | None, source_id: str) -> Content:
    """One source in full: publisher, the title as given, date and URL, one per line."""
    if source is None:
        return Content(source_id)
    parts: list[str | tuple[str, str]] = [(source.publisher or "(no publisher given)", "bold"),
                                          "\n", title_as_given(source)]
    if source.date:
        parts += ["\n", (source.date, "dim")]
    if source.url:
        parts += ["\n", (source.url, "underline")]
    return Content.assemble(*parts)


class EvidenceScreen(Dialog[None]):
    """The selected event's sources and disputes, in full and scrollable."""

    BOX_TITLE = "Evidence"
    BOX_SUBTITLE = "escape closes"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,q", "close", "Close", id="close-evidence", tooltip="Close the evidence"),
    ]

    DEFAULT_CSS = """
    EvidenceScreen {
        & > #dialog { width: 90; padding: 0; }
        #evidence { height: auto; max-height: 100%; padding: 0 1; }
        .evidence-heading { text-style: bold; margin-top: 1; }
        .evidence-item { height: auto; }
        .evidence-bullet { width: 3; color: $text-muted; }
        .evidence-text { width: 1fr; height: auto; }
        .evidence-what { color: $text-warning; text-style: bold; margin-top: 1; }
    }
    """

    def __init__(self, story: Story, event: Event) -> None:
        super().__init__()
        self.story = story
        """The story being read."""
        self.event = event
        """The event whose evidence is shown."""

    def compose_body(self) -> ComposeResult:
        """The event, its sources, then each dispute and its versions; hanging indents."""
        story, event = self.story, self.event
        when = format_event_time(event, story.date)
        with VerticalScroll(id="evidence"):
            yield Static(Content.assemble((when, "bold $text-accent"), "  ", (event.title, "bold")))
            yield Static(Content(f"Sources ({len(event.sources)})"), classes="evidence-heading")
            for source_id in event.sources:
                yield self._item("•", source_entry(story.source(source_id), source_id))
            if event.disputed:
                count = len(event.disputed)
                yield Static(Content(f"Sources disagree on {count} point"
                                     f"{'s' if count > 1 else ''}"), classes="evidence-heading")
            for number, dispute in enumerate(event.disputed, start=1):
                yield Static(Content(f"{number}. {dispute.what}"), classes="evidence-what")
                for version in dispute.versions:
                    yield self._item("◦", Content.assemble(
                        version.says, "\n", ("held by: ", "dim"),
                        (source_names(story, version.sources), "dim")))

    def on_mount(self) -> None:
        """Focus the scrolling list, so arrow and page keys scroll it."""
        self.query_one("#evidence").focus()

    async def show_event(self, story: Story, event: Event) -> None:
        """Show the event as an edit of the story has it (live reload), as if opened now."""
        self.story, self.event = story, event
        await self.recompose()
        self.query_one("#evidence").focus()

    @staticmethod
    def _item(bullet: str, body: Content) -> Horizontal:
        """A bullet beside its text, so wrapped lines hang under the text, not the bullet."""
        return Horizontal(Static(Content(bullet), classes="evidence-bullet"),
                          Static(body, classes="evidence-text"), classes="evidence-item")
