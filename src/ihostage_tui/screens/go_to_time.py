"""Go to a time: type `19:00` (or a date and time) and jump to the event at or before it."""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from ihostage_tui import state as st
from ihostage_tui.model import Story
from ihostage_tui.screens.dialog import Dialog
from ihostage_tui.timefmt import SHOWN_FORMS, TimeFormatError, format_event_time, read_time


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
        """The input (its placeholder an example), the accepted forms and a line for errors."""
        example = format_event_time(self.story.chapters[-1].events[0], self.story.date)
        yield self.text_input(f"for example {example.lstrip('~?')}", "time-input")
        yield Static(Content(f"Write a time as the reader shows it: {SHOWN_FORMS}."),
                     id="time-forms")
        yield Static(id="time-error")

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        story = self.story
        try:
            moment = read_time(message.value, story.date, story.zone, st.origin(story))
        except TimeFormatError as error:
            hint = f" ({error.hint})" if error.hint else ""
            self.query_one("#time-error", Static).update(Content(f"{error}{hint}."))
            return
        self.dismiss(moment)
