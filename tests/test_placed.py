"""Events the sources give no time for (`placed: true`): read, checked, and shown apart from `~`.

`~19:00` says the sources give a time roughly; `?19:00` says they give none and the author has
placed the event by its order. A reader must be able to tell the two apart wherever a time is
shown, and find out what each mark means in the help and in an export.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build_app, screen_rows

from ihostage_tui.app import ReaderApp
from ihostage_tui.export import to_markdown
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story
from ihostage_tui.screens.help import HelpScreen
from ihostage_tui.timefmt import TIME_LEGEND, format_event_time

STORY_DIR = Path(__file__).parents[1] / "story"
STORY = (
    "format: 1\ntitle: T\ntimezone: UTC\ndate: 2022-02-22\nperspectives: [{id: a, name: A}]\n"
    "sources: [{id: s, title: S}]\nchapters: [c.yaml]\n"
)


@pytest.fixture(scope="module")
def bundled() -> Story:
    return load_story(STORY_DIR)


def test_placed_is_read_and_written_with_its_own_mark(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(STORY)
    (tmp_path / "c.yaml").write_text(
        "id: c\ntitle: C\nevents:\n"
        "  - {at: '17:30', approx: true, title: Rough, text: x, sources: [s]}\n"
        "  - {at: '17:40', placed: true, title: Placed, text: x, sources: [s]}\n"
        "  - {at: '17:50', placed: false, title: Exact, text: x, sources: [s]}\n"
    )
    story = load_story(tmp_path)
    rough, placed, exact = story.chapters[0].events
    assert (rough.approx, rough.placed) == (True, False)
    assert (placed.approx, placed.placed) == (False, True)
    assert [format_event_time(e, story.date) for e in (rough, placed, exact)] == [
        "~17:30", "?17:40", "17:50"]


def test_bundled_placed_events_are_not_approximate(bundled: Story) -> None:
    placed = [event for event in bundled.events if event.placed]
    assert len(placed) >= 15
    for event in placed:
        assert not event.approx, event.id
        assert format_event_time(event, bundled.date).startswith("?"), event.id
        assert "~" not in format_event_time(event, bundled.date), event.id


def test_bundled_story_no_longer_says_placed_here_for_order() -> None:
    for path in sorted(STORY_DIR.rglob("*.yaml")):
        text = " ".join(path.read_text(encoding="utf-8").lower().split())
        assert "placed here" not in text, path.name
        assert "for order" not in text, path.name


def test_export_explains_both_marks_and_uses_them(bundled: Story) -> None:
    text = to_markdown(bundled)
    for example, meaning in TIME_LEGEND:
        assert f"- `{example}`: {meaning}" in text
    assert "### ?19:00 · The gunman calls the police" in text
    assert "### ~17:30 · An armed man walks into the store" in text


def reader(story: Story, state_dir: Path) -> ReaderApp:
    return build_app(story, state_dir)


async def test_help_explains_the_time_marks(bundled: Story, tmp_path: Path) -> None:
    app = reader(bundled, tmp_path)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.press("enter", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(screen_rows(app))
        assert "Marks before a time" in text
        for example, meaning in TIME_LEGEND:
            assert example in text and meaning.split(":")[0] in text


async def test_a_placed_event_is_marked_on_every_part_of_the_reader(
        bundled: Story, tmp_path: Path) -> None:
    """The demand chapter opens on a placed event: the pane, clock and timeline all say so."""
    app = reader(bundled, tmp_path)
    demand = next(n for n, c in enumerate(bundled.chapters) if c.id == "demand")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter", "o", *["right"] * demand)  # o: chapter order, as written
        assert app.reader.state.chapter == demand
        text = "\n".join(screen_rows(app))
        assert "?19:00  The gunman calls the police" in text
        assert "? no time" in text and "~ approx." not in text
        assert "▲ ?19:00" in text
        await pilot.press("left")  # the hostage chapter opens on an approximate time
        text = "\n".join(screen_rows(app))
        assert "~ approx." in text and "? no time" not in text
        assert "▲ ~17:40" in text
