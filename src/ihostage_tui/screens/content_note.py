"""The content note, shown before the story opens."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from ihostage_tui.model import Story


class ContentNoteScreen(Screen[None]):
    """The story's title and content note (scrollable when long); enter continues."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "continue", "Continue", id="continue"),
        Binding("q", "app.quit", "Quit", id="quit-note"),
    ]

    DEFAULT_CSS = """
    ContentNoteScreen {
        align: center middle;
        & > Vertical {
            width: 70; max-width: 100%; height: auto; max-height: 100%;
            border: round $warning; padding: 1 2;
        }
        #note-title { text-style: bold; }
        #note-scroll { height: auto; max-height: 65vh; margin: 1 0; }
        #note-continue { color: $text-muted; }
    }
    """

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        """The story whose note is shown."""

    def compose(self) -> ComposeResult:
        """Title, note, and how to go on."""
        with Vertical() as box:
            box.border_title = "Content note"
            yield Static(Content(self.story.title), id="note-title")
            with VerticalScroll(id="note-scroll"):
                yield Static(Content(self.story.content_note), id="note-text")
            yield Static("Press enter to continue, q to quit.", id="note-continue")

    def action_continue(self) -> None:
        """Go on to the story."""
        self.dismiss(None)
