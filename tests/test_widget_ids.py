"""Story ids become widget ids through one mapping that never collides and never hides a tab."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from conftest import build_app
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widget import Widget
from textual.widgets import Tab

from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.widget_ids import Kind, is_story_widget_id, widget_id
from ihostage_tui.widgets.perspective_tabs import PerspectiveTabs
from ihostage_tui.yamlnodes import ID_PATTERN

STYLES = Path(__file__).parents[1] / "src" / "ihostage_tui" / "styles" / "app.tcss"
KINDS: list[Kind] = ["perspective", "chapter", "event"]

story_ids = st.from_regex(ID_PATTERN, fullmatch=True)


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(KINDS), story_ids), unique=True, max_size=30))
def test_distinct_story_ids_give_distinct_valid_widget_ids(
        named: list[tuple[Kind, str]]) -> None:
    ids = [widget_id(kind, story_id) for kind, story_id in named]
    assert len(set(ids)) == len(ids)
    for made in ids:
        assert Widget(id=made).id == made  # Textual refuses an invalid id
        assert is_story_widget_id(made)


@given(st.text(max_size=20), st.text(max_size=20))
def test_any_two_texts_stay_apart(first: str, second: str) -> None:
    """Beyond what the format allows: the mapping is one-to-one on any text."""
    assert (widget_id("event", first) == widget_id("event", second)) == (first == second)


async def test_the_app_never_uses_the_story_namespace(demo_story: Story, tmp_path: Path) -> None:
    """The app's own widget ids and every id its stylesheet names are outside the namespace."""
    styled = re.findall(r"#([A-Za-z_-][A-Za-z0-9_-]*)", STYLES.read_text(encoding="utf-8"))
    assert styled and not any(is_story_widget_id(name) for name in styled)
    app = build_app(demo_story, tmp_path, clock=ManualClock(0.0))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        own = [node.id for node in app.screen.walk_children() if node.id
               and not isinstance(node, Tab)]
        assert own and not any(is_story_widget_id(name) for name in own)


ODD = ("p-2", "x.y", "clock-line", "too-small", "overview", "a.b", "a_2e_b", "tabs")
"""Ids that once collided (p-2 with the fallback for x.y), or were hidden by the app's own
style rules (#clock-line and #too-small are not displayed)."""


async def test_odd_perspective_ids_open_every_tab(demo_story: Story, tmp_path: Path) -> None:
    base = demo_story.perspectives[0]
    perspectives = tuple(replace(base, id=pid, name=f"Side {pid}", short=f"S{n}")
                         for n, pid in enumerate(ODD))
    chapters = tuple(replace(c, events=tuple(replace(e, views=()) for e in c.events))
                     for c in demo_story.chapters)
    story = replace(demo_story, perspectives=perspectives, chapters=chapters, content_note="")
    app = build_app(story, tmp_path, clock=ManualClock(0.0))
    async with app.run_test(size=(200, 40)) as pilot:
        tabs = app.screen.query_one(PerspectiveTabs)
        shown = [tab for tab in tabs.query(Tab) if tab.display and tab.region.width > 0]
        assert len(shown) == len(ODD) + 1
        for number in range(2, len(ODD) + 2):
            await pilot.press(str(number))
            assert app.reader.state.perspective == number - 1
            assert tabs.active == widget_id("perspective", ODD[number - 2])
