"""The perspective tabs: Overview, then one tab per perspective in the story's order."""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widgets import Tab, Tabs

from ihostage_tui import state as st
from ihostage_tui.coverage import Coverage
from ihostage_tui.model import Story
from ihostage_tui.widget_ids import widget_id
from ihostage_tui.widgets import FollowsReading, perspective_colour


def tab_ids(story: Story) -> list[str]:
    """Widget ids of the tabs: `overview`, then each perspective's (see `widget_id`)."""
    return ["overview", *(widget_id("perspective", p.id) for p in story.perspectives)]


class PerspectiveTabs(Tabs, FollowsReading, can_focus=False):
    """Tabs that mirror the state's perspective; a click posts `Tabs.TabActivated`."""

    def __init__(self, story: Story, active: int = 0, *, coverage: Coverage | None = None,
                 id: str | None = None) -> None:
        self.story = story
        self.ids = tab_ids(story)
        """Tab ids in tab order: index = perspective index in the reading state."""
        coverage = coverage or Coverage(story)
        counted = ["Overview", *(f"{p.short} ({coverage.count(p.id):,})"
                                 for p in story.perspectives)]
        self._labels = (_numbered(counted), _numbered(["Overview",
                                                       *(p.short for p in story.perspectives)]))
        self._counted = True
        tabs = [Tab(label, id=tab_id) for label, tab_id in zip(self._labels[0], self.ids,
                                                                strict=True)]
        super().__init__(*tabs, active=self.ids[active], id=id)

    def on_resize(self, event: events.Resize) -> None:
        """Drop the counts from the labels, keeping the numbers, when the tabs would not fit
        (the last tab's right padding may fall off the edge)."""
        counted = sum(label.cell_length + 2 for label in self._labels[0]) - 1 <= event.size.width
        if counted != self._counted:
            self._counted = counted
            for tab, label in zip(self.query(Tab), self._labels[0 if counted else 1],
                                  strict=True):
                tab.label = label

    def watch_state(self, state: st.ReadingState | None) -> None:
        """Activate the state's tab without echoing it back as a reader's click."""
        if state is not None and self.active != self.ids[state.perspective]:
            with self.prevent(Tabs.TabActivated):
                self.active = self.ids[state.perspective]


def _numbered(labels: list[str]) -> list[Content]:
    """Each label after its tab number, in its side's colour (the Overview's dim)."""
    colours = ["dim", *(perspective_colour(n) for n in range(len(labels) - 1))]
    return [Content.assemble((f"{n} ", f"bold {colour}"), label)
            for n, (label, colour) in enumerate(zip(labels, colours, strict=True), start=1)]
