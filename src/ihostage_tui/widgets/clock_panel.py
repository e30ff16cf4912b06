"""The clock panel: story time in large digits, the date, the zone, T+ and the playing state.

On a narrow terminal the panel is hidden and `ClockLine` shows the same moment on one line.
"""

from __future__ import annotations

from datetime import date, datetime

from rich.segment import Segment
from rich.style import Style
from textual.content import Content
from textual.renderables.digits import Digits as DigitsRenderable
from textual.widgets import Static

from ihostage_tui import state as st
from ihostage_tui.clock import elapsed
from ihostage_tui.model import Precision, Story
from ihostage_tui.timefmt import format_moment, format_offset
from ihostage_tui.widgets import FollowsReading


def clock_face(story: Story, state: st.ReadingState) -> tuple[str, str]:
    """The time for the digits (the year alone for a date-only event) and the day line."""
    event = st.current_event(story, state)
    dated_only = state.time == event.at and not event.precision.has_clock_time
    face = str(state.time.year) if dated_only else state.time.strftime("%H:%M:%S")
    precision = event.precision if dated_only else Precision.DAY
    return face, format_moment(state.time, precision, date.min)


def status_parts(story: Story, state: st.ReadingState,
                 origin: datetime) -> tuple[tuple[str, str], ...]:
    """T+, the time's mark, and playing or paused with the speed, as (text, style) runs.

    The mark says the current event's time is approximate (`~ approx.`) or not in the sources at
    all (`? no time`: placed by its order). A run's separating space belongs to the run before
    it, so every run starts with its text.
    """
    event = st.current_event(story, state)
    mark = (("? no time", "$text-warning") if event.placed else
            ("~ approx.", "$text-warning") if event.approx else ("", ""))
    offset = (format_offset(elapsed(origin, state.time)) + ("  " if mark[0] else ""), "bold")
    playing = ("▶ playing ", "bold $text-success") if state.playing else ("■ paused ", "dim")
    return offset, mark, playing, (f"{state.speed}x", "")


def order_words(state: st.ReadingState) -> str:
    """Which order `j`/`k` and playback walk: "time order" or "chapter order"."""
    return "time order" if st.in_time(state) else "chapter order"


def big_digits(face: str) -> list[str]:
    """The time in Textual's three-row digits: the rows of its `Digits` widget, as text."""
    return [piece.text for piece in DigitsRenderable(face).render(Style())
            if isinstance(piece, Segment) and piece.text != "\n"]


class ClockPanel(Static, FollowsReading):
    """Shows the one story clock every perspective shares: the time in large digits, then two
    lines each for the day and zone, and for T+ and the playing state. One widget: its first
    frame costs a fraction of a container of three (Textual's `Digits` and two lines)."""

    DEFAULT_CSS = """
    ClockPanel {
        height: auto;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._origin = st.origin(story)

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Show the state's moment."""
        if state is None:
            return
        face, day = clock_face(self.story, state)
        offset, mark, playing, speed = status_parts(self.story, state, self._origin)
        digits = [part for row in big_digits(face) for part in ((row, "$text-accent"), "\n")]
        self.update(Content.assemble(
            *digits, (day, "bold"), "\n", (self.story.timezone, "dim"), "\n",
            offset, mark, "\n", playing, speed, "  ", (order_words(state), "$text-secondary"),
        ), layout=False)

    def on_mount(self) -> None:
        """Draw the first state."""
        self.watch_state(self.state)


class ClockLine(Static, FollowsReading):
    """The story clock on one line, for terminals too narrow for the clock panel."""

    DEFAULT_CSS = """
    ClockLine {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._origin = st.origin(story)

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Time, status, T+ and the day, most important first (the end is cut when narrow)."""
        if state is None:
            return
        face, day = clock_face(self.story, state)
        offset, mark, playing, speed = status_parts(self.story, state, self._origin)
        runs = [(f"{face}  ", "bold $text-accent"), playing, (f"{speed[0]}  ", ""),
                (f"{offset[0].rstrip()}  ", "bold")]
        if mark[0]:
            runs.append((f"{mark[0]}  ", mark[1]))
        if day != face:  # a year or a month is its own day line: say it once
            runs.append((f"{day}  ", "dim"))
        line = Content.assemble(*runs, (order_words(state), "$text-secondary"))
        self.update(line, layout=False)

    def on_mount(self) -> None:
        """Draw the first state."""
        self.watch_state(self.state)
