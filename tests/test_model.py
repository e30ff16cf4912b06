"""The model and the non-UI modules: immutable, and free of Textual."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

from ihostage_tui.loader import load_story

GOOD = Path(__file__).parent / "data" / "stories" / "good"


UI = ("app", "commands", "screens", "widgets")
"""The Textual layer: these modules and packages, and only these, may import Textual or Rich."""


def non_ui_modules() -> list[str]:
    """Every module of the package outside the Textual layer, found by walking the package."""
    import ihostage_tui

    found = pkgutil.walk_packages(ihostage_tui.__path__, "ihostage_tui.")
    names = [module.name for module in found]
    return [name for name in names
            if name.split(".")[1] not in (*UI, "__main__")]


def test_the_layer_rule_sees_every_module() -> None:
    """A module added later is checked without editing this test: the rule names the UI only."""
    modules = non_ui_modules()
    for expected in ("ihostage_tui.model", "ihostage_tui.loader", "ihostage_tui.cli",
                     "ihostage_tui.state", "ihostage_tui.storycache"):
        assert expected in modules
    assert not [name for name in modules if name.split(".")[1] in UI]


CELL_WIDTHS = "rich.cells"
"""The one piece of Rich allowed outside the UI: the pure function that says how many cells a
text takes, which Textual itself measures with. Laying out rows with it (not a copy of it) keeps
them exactly as wide as Textual draws them, for CJK, emoji and combining marks alike, whatever
Unicode version Rich follows. It loads no other part of Rich: a few milliseconds, against about
250 for Textual."""


def test_non_ui_modules_do_not_import_textual() -> None:
    """Importing the model, loader, CLI and every other non-UI module loads no Textual, and no
    Rich beyond `CELL_WIDTHS` and what it loads itself."""
    modules = non_ui_modules()
    code = (
        "import importlib, sys\n"
        f"importlib.import_module({CELL_WIDTHS!r})\n"
        "allowed = set(sys.modules)\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in set(sys.modules) - allowed\n"
        "             if m.split('.')[0] in ('textual', 'rich')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"


def test_widgets_only_render() -> None:
    """Each module of `widgets/` holds a widget; pure text helpers (row layout, wrapping) live
    outside the UI, beside the model, where they are tested without a screen."""
    from textual.widget import Widget

    import ihostage_tui.widgets

    found = pkgutil.iter_modules(ihostage_tui.widgets.__path__, "ihostage_tui.widgets.")
    for name in (module.name for module in found):
        classes = vars(importlib.import_module(name)).values()
        assert any(isinstance(cls, type) and issubclass(cls, Widget) and cls.__module__ == name
                   for cls in classes), f"{name} holds no widget: move it out of widgets/"


def test_the_reading_state_reaches_widgets_one_way() -> None:
    """The widgets that show the reading state all have it from `FollowsReading`: none declares
    a `state` of its own, so its meaning (and how the reader binds it) is written once."""
    from textual.reactive import Reactive

    import ihostage_tui.widgets

    found = pkgutil.iter_modules(ihostage_tui.widgets.__path__, "ihostage_tui.widgets.")
    followers = 0
    for name in (module.name for module in found):
        for cls in vars(importlib.import_module(name)).values():
            if isinstance(cls, type) and cls.__module__ == name:
                assert not isinstance(vars(cls).get("state"), Reactive), cls
                followers += issubclass(cls, ihostage_tui.widgets.FollowsReading)
    assert followers >= 8


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
