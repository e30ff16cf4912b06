"""The selected event's sources and disputes, visible without leaving the reader."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from ihostage_tui import state as st
from ihostage_tui.model import Event, Story


def source_names(story: Story, ids: tuple[str, ...]) -> str:
    """Source titles with their publishers: `Lamp out for two hours (Harbour Courier)`."""
    names = []
    for source_id in ids:
        source = story.source(source_id)
        if source is None:
            names.append(source_id)
        else:
            names.append(f"{source.title} ({source.publisher})" if source.publisher
                         else source.title)
    return "; ".join(names)


def details(story: Story, event: Event) -> Content:
    """Sources, then each dispute with every version and who holds it. Story text stays literal."""
    parts: list[str | tuple[str, str]] = [("Sources: ", "bold"), source_names(story, event.sources)]
    for dispute in event.disputed:
        parts += ["\n", ("Sources disagree: ", "bold $text-warning"), dispute.what]
        for version in dispute.versions:
            parts += ["\n  • ", version.says, ("  — ", "dim"),
                      (source_names(story, version.sources), "dim")]
    return Content.assemble(*parts)


class EventDetails(Static):
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

    state: reactive[st.ReadingState | None] = reactive(None)
    """The reading state, bound from the reader screen."""

    def __init__(self, story: Story, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story = story
        """The story being read."""

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Show the selected event's sources and disputes."""
        if state is not None:
            self.update(details(self.story, st.current_event(self.story, state)))
