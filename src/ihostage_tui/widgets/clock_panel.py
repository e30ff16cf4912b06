"""The clock panel: story time in large digits, the date, the zone, T+ and the playing state."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Digits, Static

from ihostage_tui import state as st
from ihostage_tui.model import Precision, Story
from ihostage_tui.timefmt import format_moment, format_offset


class ClockPanel(Vertical):
    """Shows the one story clock every perspective shares."""

    DEFAULT_CSS = """
    ClockPanel {
        height: auto;
        padding: 0 1;
        & > Digits { width: auto; color: $text-accent; }
        & > Static { width: 1fr; height: 2; }
    }
    """

    state: reactive[st.ReadingState | None] = reactive(None, repaint=False)
    """The reading state, bound from the reader screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        """The story being read."""
        self._origin = st.origin(story)

    def compose(self) -> ComposeResult:
        """Digits for the time, then one line each for the day, the zone and the status."""
        yield Digits("00:00:00", id="clock-digits")
        yield Static(id="clock-day")
        yield Static(id="clock-status")

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Show the state's moment."""
        if state is None or not self.is_mounted:
            return
        event = st.current_event(self.story, state)
        dated_only = state.time == event.at and not event.precision.has_clock_time
        self.query_one(Digits).update(
            str(state.time.year) if dated_only else state.time.strftime("%H:%M:%S"))
        precision = event.precision if dated_only else Precision.DAY
        day = format_moment(state.time, precision, date.min)
        self.query_one("#clock-day", Static).update(
            Content.assemble((day, "bold"), "\n", (self.story.timezone, "dim")), layout=False)
        offset = format_offset(state.time - self._origin)
        approx = ("  ~ approx.", "$text-warning") if event.approx else ""
        playing = ("▶ playing", "bold $text-success") if state.playing else ("■ paused", "dim")
        self.query_one("#clock-status", Static).update(Content.assemble(
            (offset, "bold"), approx, "\n", playing, f" {state.speed}x"), layout=False)

    def on_mount(self) -> None:
        """Draw the first state."""
        self.watch_state(self.state)
