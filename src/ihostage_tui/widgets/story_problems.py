"""The panel that shows why an edited story did not reload (live reload)."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class StoryProblems(Static):
    """The errors of the story's files as they are now, as `validate` prints them.

    Shown under the reader while the files have errors (the reader keeps the last version that
    loaded); removed once they load again. Its text comes from story files: shown literally.
    """

    DEFAULT_CSS = """
    StoryProblems {
        height: auto;
        max-height: 40%;
        overflow-y: auto;
        padding: 0 1;
        border-top: heavy $error;
        border-title-color: $error;
        border-title-style: bold;
        background: $error-muted;
    }
    """

    def __init__(self, report: str) -> None:
        super().__init__(Content(report), markup=False, id="story-problems")
        self.border_title = "The story has errors"

    def show(self, report: str) -> None:
        """Show a newer report."""
        self.update(Content(report))
