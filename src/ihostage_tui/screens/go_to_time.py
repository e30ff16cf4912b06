"""Go to a time: type `19:00` (or a date and time) and jump to the event at or before it."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ihostage_tui.model import Story
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.timefmt import FORMS, TimeFormatError, parse_time


class GoToTimeScreen(Dialog[datetime]):
    """A one-line dialog; enter jumps, escape cancels."""

    BOX_TITLE = "Go to a time"
    DEFAULT_CSS = """
    GoToTimeScreen #time-error { color: $text-error; }
    """

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        """The story whose date and time zone plain times refer to."""

    def compose_body(self) -> ComposeResult:
        """The input, the accepted forms and a line for errors."""
        yield self.text_input("19:00", "time-input")
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
