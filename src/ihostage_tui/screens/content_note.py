"""The content note, shown before the story opens."""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ihostage_tui.model import Story
from ihostage_tui.screens.dialog import Dialog


class ContentNoteScreen(Dialog[None]):
    """The story's title and content note (scrollable when long); enter, space or escape go on.

    The reader is built beneath the note while it is read; the box's background is opaque, so
    nothing of the story shows through before the reader goes on.
    """

    BOX_TITLE = "Content note"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space,escape", "go_on", "Continue", id="continue",
                tooltip="Go on to the story"),
        Binding("q", "app.quit", "Quit", id="quit-note", tooltip="Quit without reading"),
    ]

    DEFAULT_CSS = """
    ContentNoteScreen {
        background: $background;
        & > #dialog { width: 70; border: round $warning; padding: 1 2; }
        #note-title { text-style: bold; margin-bottom: 1; }
        #note-scroll { height: auto; max-height: 65vh; margin: 1 0; }
        &.-short > #dialog { padding: 0 1; }
        &.-short #note-scroll { margin: 0; }
        #note-continue, #note-again { color: $text-muted; }
        #note-again { margin-top: 1; }
    }
    """

    def __init__(self, story: Story, ready: asyncio.Event | None = None) -> None:
        super().__init__()
        self.story = story
        """The story whose note is shown."""
        self.ready = ready
        """Set once the reader beneath is ready for keys; going on waits for it (None: no wait)."""

    def compose_body(self) -> ComposeResult:
        """Title, note, and how to go on."""
        with VerticalScroll(id="note-scroll"):
            yield Static(Content(self.story.title), id="note-title")
            yield Static(Content(self.story.content_note), id="note-text")
            yield Static("Once read, this note is shown again only if it changes; "
                         "ihostage-tui --note shows it.", id="note-again")
        yield Static("Press enter to continue, q to quit.", id="note-continue")

    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]  # noqa: RUF012
    """Below 20 rows the box drops its padding; the note scrolls, the way on stays visible."""

    def on_resize(self, event: events.Resize) -> None:
        """Keep the line saying how to go on visible however short the terminal is."""
        height = event.size.height
        # Short: border and the last line only. Tall: padding and margins too, and 65% at most.
        limit = height - 3 if height < 20 else min(height - 7, height * 65 // 100)
        self.query_one("#note-scroll", VerticalScroll).styles.max_height = max(limit, 1)

    async def action_go_on(self) -> None:
        """Go on to the story (escape, enter and space all do), once the reader is ready.

        Until then the app handles no other key: keys pressed meanwhile wait, in the order typed,
        and go to the reader once the note has closed.
        """
        if self.ready is not None:
            await self.ready.wait()
        if self.is_active:
            self.dismiss(None)
