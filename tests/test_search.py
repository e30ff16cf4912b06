"""Search as a reader meets it: typing order, where each result matched, the tab it opens,
the words marked in the events pane, `n`/`N`, and a result list that says when it is empty."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    assert_clean,
    build_app,
    press,
    screen_rows,
    screen_strips,
    screen_text,
    settle,
    wait_until,
)
from textual import events
from textual.command import CommandList
from textual.widgets import Input, OptionList

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.locations import bundled_story_path
from ihostage_tui.model import Story
from ihostage_tui.rows import split_matches
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.screens.search import SearchScreen
from ihostage_tui.search_index import Found, SearchIndex, following
from ihostage_tui.widgets.events_view import EventsView


@pytest.fixture
def app(demo_story: Story, clock: ManualClock, state_dir: Path) -> ReaderApp:
    return build_app(demo_story, state_dir, clock=clock)


def where(app: ReaderApp) -> tuple[int, int, int]:
    state = app.reader.state
    return state.chapter, state.event, state.perspective


def prompts(app: ReaderApp) -> list[str]:
    results = app.screen.query_one(OptionList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


async def test_keys_typed_quickly_are_applied_in_the_order_typed(app: ReaderApp) -> None:
    """Ten backspaces then `Paauw`, arriving faster than the results list is rebuilt (as at
    typing speed, or a held backspace): every key lands in order. Pilot's `press` waits for
    the app to be idle after each key, which hides this, so the keys are posted together."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash", *"storm warn")
        assert app.screen.query_one(Input).value == "storm warn"
        for key in ["backspace"] * 10 + list("Paauw"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await settle(pilot)
        assert app.screen.query_one(Input).value == "Paauw"


async def test_each_result_says_where_it_matched(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash", *"dark")
        assert prompts(app) == [
            " 2 ~19:30 The lifeboat is launched\n   The lifeboat crew view: We launch into the "
            "dark with no light to steer by."]
        await pilot.press(*["backspace"] * 4, *"lamp is lit")
        assert "   title: The keeper lights the lamp at five" in prompts(app)[0]
        await pilot.press(*["backspace"] * 11, *"glazier")
        assert "   account: A glazier from the town" in prompts(app)[0]


async def test_enter_opens_the_tab_where_the_words_are(app: ReaderApp) -> None:
    """`dark` is only in the lifeboat crew's view: enter opens the Crew tab, not the Overview."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "3", "slash", *"dark", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert where(app) == (1, 1, 2)
        await pilot.press("slash", *"glazier", "enter")
        assert where(app) == (2, 0, 0)  # in the account: the Overview
        await pilot.press("3", "slash", *"lamp goes", "enter")
        assert where(app) == (1, 0, 2)  # in the title, which every tab shows: the tab stays


async def test_matched_words_are_marked_in_the_events_pane(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "slash", *"Rises", "enter")
        region = app.reader.query_one(EventsView).region
        marked = {segment.text for strip in screen_strips(app)[region.y:region.bottom]
                  for segment in strip.crop(region.x, region.right)
                  if segment.style and segment.style.underline}
        assert marked == {"rise", "rises"} or marked == {"rises"}


async def test_n_and_shift_n_go_from_match_to_match(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "n")
        assert where(app) == (0, 0, 0)  # no search yet: n does nothing (and says so)
        await pilot.press("slash", *"pane", "enter")
        assert where(app) == (1, 0, 0)
        await pilot.press("n")
        assert where(app) == (1, 2, 1)  # "a board for a pane": the keeper's view
        await pilot.press("n", "n")
        assert where(app) == (1, 0, 0)  # the third match, then round to the first
        await pilot.press("N")
        assert where(app) == (2, 0, 0)


async def test_no_result_says_so_in_the_dialog(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash", *"zebra crossing")
        assert isinstance(app.screen, SearchScreen)
        assert any("No event mentions 'zebra crossing'." in row for row in screen_rows(app))
        await pilot.press("enter")
        assert isinstance(app.screen, SearchScreen)


def test_following_wraps_round_both_ways() -> None:
    found = [Found(0, 1, 0), Found(1, 0, 1), Found(2, 3, 2)]
    assert following(found, (0, 0), 1) == found[0]
    assert following(found, (0, 1), 1) == found[1]
    assert following(found, (2, 3), 1) == found[0]
    assert following(found, (0, 1), -1) == found[2]
    assert following(found, (1, 5), -1) == found[1]
    assert following([], (0, 0), 1) is None


def test_matches_say_which_text_holds_the_words(demo_story: Story) -> None:
    index = SearchIndex(demo_story)
    assert index.matches("dark", 10) == [Found(1, 1, 2)]  # its first view: the crew's
    assert index.matches("glazier", 10)[0].part == 1


def test_split_matches_marks_every_occurrence() -> None:
    assert split_matches("Lamp, lamp!", "lamp") == [("Lamp", True), (", ", False),
                                                    ("lamp", True), ("!", False)]
    assert split_matches("no", "lamp") == [("no", False)]
    assert split_matches("x", "") == [("x", False)]


async def test_palette_lists_events_holding_the_words_first(app: ReaderApp) -> None:
    """`pane` is in three events' text, and in none of their titles: they come first."""
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "ctrl+p", *"pane")
        commands = app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count >= 3, "three events listed")
        shown = [str(commands.get_option_at_index(i).prompt).split("\n")[0]
                 for i in range(commands.option_count)]
        assert shown[:3] == ["Event: The lamp goes out", "Event: The keeper relights the lamp",
                             "Event: Repairs begin"]



async def test_n_in_time_order_walks_the_matches_forward_in_time(
    clock: ManualClock, state_dir: Path
) -> None:
    """The bundled story reads in time order; after a search, `n` from its first event never
    takes the clock back until it wraps round, though the matches lie in overlapping chapters."""
    story = load_story(bundled_story_path())
    found = SearchIndex(story).matches("police", 10_000)
    times = [story.chapters[m.chapter].events[m.event].at for m in found]
    assert times != sorted(times), "the matches must interleave in time for this to test"
    app = build_app(story, state_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash", *"police", "escape")
        app.reader.searched = "police"
        seen = []
        for _ in range(len(found) - 1):
            await pilot.press("n")
            seen.append(app.reader.state.time)
        assert seen == sorted(seen)


async def test_a_pasted_escape_sequence_is_quoted_back_as_symbols(
        app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    """A query pasted with a terminal escape in it finds nothing, and the dialog and `n` say
    so with the escape shown as `␛`, quoted as every other message quotes what was given."""
    pasted = "\x1b]0;owned\x07 zebra"
    said = "No event mentions '␛]0;owned␇ zebra'."
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash")
        app.screen.query_one(Input).post_message(events.Paste(pasted))
        await settle(pilot)
        assert any(said in row for row in screen_rows(app))
        notices: list[str] = []
        monkeypatch.setattr(app.reader, "notify", lambda message, **_: notices.append(message))
        app.reader.searched = pasted
        await pilot.press("escape", "n")
        assert notices == [said]


async def test_a_pasted_escape_sequence_shows_as_symbols_in_the_query_line(
        app: ReaderApp) -> None:
    """The query line itself draws a pasted escape as `␛`: nothing pasted reaches the terminal
    as a sequence it would obey, and the query searches for what it shows."""
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "slash")
        field = app.screen.query_one(Input)
        field.post_message(events.Paste("\x1b]0;owned\x07 zebra"))
        await settle(pilot)
        assert field.value == "␛]0;owned␇ zebra"
        assert_clean(screen_text(app).replace("\n", ""))
