"""The selected event's sources in short and how many points are disputed (`e` shows them)."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from ihostage_tui import state as st
from ihostage_tui.citations import source_names
from ihostage_tui.model import Event, Story
from ihostage_tui.widgets import FollowsReading


def dispute_count(event: Event) -> str:
    """"2 disputes — press e" ("1 dispute — press e"), or "" when the sources agree."""
    count = len(event.disputed)
    if not count:
        return ""
    return f"{count} dispute{'s' if count > 1 else ''} — press e to read every version"


def details(story: Story, event: Event) -> Content:
    """Compact citations, then how many points are disputed and that `e` shows them in full."""
    parts: list[str | tuple[str, str]] = [("Sources: ", "bold"), source_names(story, event.sources)]
    if event.disputed:
        parts += ["\n", (dispute_count(event), "bold $text-warning")]
    return Content.assemble(*parts)


class EventDetails(Static, FollowsReading):
    """Sources and disputes of the selected event."""

    DEFAULT_CSS = """
    EventDetails {
        height: auto;
        max-height: 40%;
        padding: 0 1;
        background: $panel;
        border-top: hkey $border-blurred;
        overflow-y: auto;
    }
    """

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        self._shown: tuple[int, int] | None = None

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Show the selected event's sources and disputes (only when the event changed)."""
        if state is not None and (state.chapter, state.event) != self._shown:
            self._shown = (state.chapter, state.event)
            self.update(details(self.story, st.current_event(self.story, state)), layout=False)
            self._layout_if_taller_or_shorter()

    def _layout_if_taller_or_shorter(self) -> None:
        """Ask for a (whole-screen) layout only when the new text needs another height."""
        if self.parent is None or not self.is_mounted:
            return
        parent = self.parent.size if isinstance(self.parent, Widget) else self.screen.size
        needed = self.get_content_height(parent, self.screen.size, self.content_region.width)
        if needed != self.content_region.height:
            self.refresh(layout=True)
