"""Go to a time: type `19:00` (or a date and time) and jump to the event at or before it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from ihostage_tui.model import Story
from ihostage_tui.timefmt import FORMS, TimeFormatError, parse_time


class GoToTimeScreen(ModalScreen[datetime | None]):
    """A one-line dialog; enter jumps, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-time"),
    ]

    DEFAULT_CSS = """
    GoToTimeScreen {
        align: center middle;
        & > Vertical {
            width: 64; max-width: 100%; height: auto;
            border: round $primary; background: $surface; padding: 0 1;
        }
        #time-error { color: $text-error; }
    }
    """

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        """The story whose date and time zone plain times refer to."""

    def compose(self) -> ComposeResult:
        """The input, the accepted forms and a line for errors."""
        with Vertical() as box:
            box.border_title = "Go to a time"
            field = Input(placeholder="19:00", id="time-input")
            field.cursor_blink = False
            yield field
            yield Static(Content(f"Write {FORMS}."), id="time-forms")
            yield Static(id="time-error")

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        try:
            moment, _precision = parse_time(message.value, self.story.date, self.story.zone)
        except TimeFormatError as error:
            self.query_one("#time-error", Static).update(Content(str(error)))
            return
        self.dismiss(moment)

    def action_cancel(self) -> None:
        """Close without moving."""
        self.dismiss(None)
