"""The model and the non-UI modules: immutable, and free of Textual."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from ihostage_tui.loader import load_story

GOOD = Path(__file__).parent / "data" / "stories" / "good"


def test_non_ui_modules_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import ihostage_tui.model, ihostage_tui.loader, ihostage_tui.export, ihostage_tui.cli\n"
        "import ihostage_tui.timefmt\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_story_is_immutable() -> None:
    story = load_story(GOOD)
    event = story.chapters[0].events[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.title = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        story.title = "changed"  # type: ignore[misc]
    assert isinstance(story.chapters, tuple)
    assert isinstance(event.views, tuple)


def test_queries() -> None:
    story = load_story(GOOD)
    chapter = story.chapters[0]
    assert story.chapter("departure") is chapter
    assert story.chapter("nope") is None
    assert story.perspective("crew") is not None
    paper = story.source("paper")
    assert paper is not None and paper.publisher == "Harbour Courier"
    assert story.event_count == 3
    assert [e.id for e in story.events] == ["departure.1", "departure.2", "departure.3"]
    second = chapter.events[1]
    assert second.view("passengers") == "Passengers are asked to stay inside."
    assert second.view("nobody") is None
    assert chapter.start < chapter.end == story.end
    assert story.zone.key == "Europe/Amsterdam"
