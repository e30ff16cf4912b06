"""Pilot tests: every key of the reader, its dialogs, and what it shows."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import build_app, click_tab, press, screen_rows, screen_text, settle, wait_until
from test_keymap import help_on_screen
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList
from textual.pilot import Pilot

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.screens.content_note import ContentNoteScreen
from ihostage_tui.screens.go_to_time import GoToTimeScreen
from ihostage_tui.screens.help import HelpScreen
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.screens.search import SearchScreen
from ihostage_tui.widgets.events_view import EventsView


def screen_of(app: ReaderApp) -> ReaderScreen:
    return app.reader


def where(app: ReaderApp) -> tuple[int, int, int]:
    state = app.reader.state
    return state.chapter, state.event, state.perspective


def visible_text(app: ReaderApp) -> str:
    """The events pane as it is on screen."""
    return screen_text(app, within=app.reader.query_one(EventsView))


def palette_prompts(app: App[Any]) -> list[str]:
    """The command palette's options, first line of each."""
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt).split("\n")[0]
            for i in range(commands.option_count)]


async def palette_lists(pilot: Pilot[None], words: str) -> list[str]:
    """Wait until the palette (which searches in the background) lists an option holding
    `words` (in any case); its options."""
    def listed() -> bool:
        return any(words.lower() in prompt.lower() for prompt in palette_prompts(pilot.app))
    await wait_until(pilot, listed,
                     f"the palette lists {words!r}")
    return palette_prompts(pilot.app)


@pytest.fixture
def app(demo_story: Story, clock: ManualClock, state_dir: Path) -> ReaderApp:
    return build_app(demo_story, state_dir, clock=clock)


async def test_content_note_first_then_enter(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        assert isinstance(app.screen, ContentNoteScreen)
        await pilot.press("down")
        assert where(app) == (0, 0, 0)
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)


@pytest.mark.parametrize(("keys", "expected"), [
    (["right"], (1, 0, 0)), (["right", "left"], (0, 0, 0)), (["n"], (0, 0, 0)),
    (["p"], (0, 0, 0)), (["down"], (0, 1, 0)), (["j", "j"], (0, 2, 0)),
    (["j", "j", "up"], (0, 1, 0)), (["j", "k"], (0, 0, 0)), (["end"], (2, 0, 0)),
    (["end", "home"], (0, 0, 0)), (["3"], (0, 0, 2)), (["4", "1"], (0, 0, 0)),
    (["9"], (0, 0, 0)), (["right_square_bracket"], (0, 0, 1)),
    (["left_square_bracket"], (0, 0, 3)), (["right", "right", "right"], (2, 0, 0)),
    (["left"], (0, 0, 0)), (["up"], (0, 0, 0)),
])
async def test_navigation_keys(app: ReaderApp, keys: list[str],
                               expected: tuple[int, int, int]) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", *keys)
        assert where(app) == expected


async def test_event_keys_move_the_clock(app: ReaderApp, demo_story: Story) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "j", "j", "j", "j")
        assert where(app) == (1, 0, 0)
        assert app.reader.state.time == demo_story.chapters[1].events[0].at


async def test_speed_keys_step_and_stop(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "plus")
        assert app.reader.state.speed == 300
        await pilot.press("plus", "plus")
        assert app.reader.state.speed == 1800
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        assert app.reader.state.speed == 1


async def test_space_plays_and_pauses(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space")
        assert app.reader.state.playing
        await pilot.press("space")
        assert not app.reader.state.playing


async def test_switching_perspective_keeps_the_moment(
        app: ReaderApp, clock: ManualClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right", "j", "space")
        clock.advance(10)  # ten story minutes at 60x: 19:40
        app.reader.advance_clock()
        moment = app.reader.state.time
        for key in ("2", "3", "right_square_bracket", "1"):
            await pilot.press(key)
            assert (app.reader.state.time, app.reader.state.event) == (moment, 1)


async def test_playback_selects_events_in_order_and_opens_next_chapter(
        app: ReaderApp, clock: ManualClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "space")
        seen = []
        for _ in range(152):  # one story minute per step: 17:00 to 19:32
            clock.advance(1)
            app.reader.advance_clock()
            seen.append((app.reader.state.chapter, app.reader.state.event))
        assert list(dict.fromkeys(seen)) == [(0, 0), (0, 1), (0, 2), (0, 3), (1, 0), (1, 1)]
        await press(pilot)
        assert "19:30" in visible_text(app)


async def test_playback_skips_long_gap_with_notice(app: ReaderApp, clock: ManualClock) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right", "up", "up", "up", "up")  # nothing before 19:05
        await pilot.press("k")  # back to 18:10
        await pilot.press("right", *["j"] * 4, "space")  # 21:40, last of chapter 2
        clock.advance(6)
        notice = app.reader.advance_clock()
        assert where(app) == (2, 0, 0)
        assert notice == "Skipped 9 h 45 min to Sat 6 Nov 07:30."


async def test_go_to_time_dialog(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t")
        assert isinstance(app.screen, GoToTimeScreen)
        await pilot.press(*"25:00", "enter")
        assert isinstance(app.screen, GoToTimeScreen)  # an error, the dialog stays
        await pilot.press(*["backspace"] * 5, *"19:40", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert where(app) == (1, 1, 0)


async def test_go_to_time_escape_cancels(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "t", *"20:00", "escape")
        assert isinstance(app.screen, ReaderScreen)
        assert where(app) == (0, 0, 0)


async def test_search_dialog_jumps_to_result(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"lamp", "down", "enter")
        assert isinstance(app.screen, ReaderScreen)
        assert where(app) == (0, 1, 0)  # second result: the telegram's C:\\lamp path


async def test_help_shows_every_active_key_as_it_works(demo_story: Story, state_dir: Path) -> None:
    """Every binding active on the reader (a user keymap moving "next chapter" to `l` and search
    to `s`) is on the help screen: its key and its explanation on one row, as a reader sees it."""
    app = build_app(demo_story, state_dir, keymap={"next-chapter": "l", "search": "s"})
    async with app.run_test(size=(100, 60)) as pilot:
        await pilot.press("enter", "l", "j")  # mid-story: previous and next keys both apply
        active = [a.binding for a in app.reader.active_bindings.values() if a.binding.id]
        keys = {binding.key: binding.id for binding in active}
        assert keys["l"] == "next-chapter" and keys["s"] == "search" and "slash" not in keys
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = help_on_screen(app)
        for binding in active:
            explanation = binding.tooltip or binding.description
            assert explanation in shown, f"{binding.id}: {explanation!r} is not on the help screen"
            key = app.get_key_display(Binding(binding.key, binding.action))
            assert key in shown[explanation], f"{binding.id}: {key!r} not beside {explanation!r}"
        await pilot.press("escape")
        assert isinstance(app.screen, ReaderScreen)


async def test_command_palette_jumps_to_event(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "ctrl+p", *"relights")
        await palette_lists(pilot, "relights")
        await pilot.press("enter")
        assert where(app) == (1, 2, 0)


async def test_q_quits(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "q")
        assert not app.is_running


async def test_story_text_is_never_markup(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        text = visible_text(app)
        assert "[bold]x[/]" in text
        assert "[@click=app.quit]y[/]" in text
        assert "C:\\lamp\\oil" in text


async def test_quiet_form_for_missing_view(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "3")  # crew: no view for 17:00
        text = visible_text(app)
        assert "17:00  The lamp is lit" in text
        assert "I lit the lamp" not in text


async def test_clicks_on_tab_and_chapter(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await click_tab(pilot, app, "3 Crew")
        assert where(app)[2] == 2
        await click_tab(pilot, app, "2 Keeper", bar=True)  # its part of the bar
        assert where(app)[2] == 1
        await pilot.click("#chapters", offset=(3, 3))
        assert where(app)[0] == 1


async def test_too_small_terminal(app: ReaderApp) -> None:
    async with app.run_test(size=(28, 7)) as pilot:
        await pilot.press("enter")
        assert app.reader.has_class("-too-small")
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.reader.has_class("-too-small")


async def test_next_keys_hidden_on_last_chapter(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "end")
        reader = app.reader
        assert reader.check_action("next_chapter", ()) is False
        assert reader.check_action("prev_chapter", ()) is True
        assert reader.check_action("perspective", (8,)) is False


async def test_date_only_event_shows_its_year_not_midnight(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    from dataclasses import replace
    from datetime import datetime

    from ihostage_tui.model import Precision
    from ihostage_tui.widgets.clock_panel import big_digits

    event = replace(demo_story.chapters[0].events[0], id="past", precision=Precision.MONTH,
                    at=datetime(1882, 9, 1, tzinfo=demo_story.zone))
    chapter = replace(demo_story.chapters[0], id="past", events=(event,))
    story = replace(demo_story, chapters=(chapter, *demo_story.chapters), content_note="")
    app = build_app(story, state_dir, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        panel = screen_text(app, within=app.reader.query_one("#clock")).splitlines()
        assert [row.strip() for row in panel[:3]] == [row.strip() for row in big_digits("1882")]
        assert panel[3].strip() == "Sep 1882" and "T-139.2y" in panel[5]


async def test_command_palette_keeps_system_commands(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "ctrl+p", *"theme")
        await palette_lists(pilot, "theme")


async def test_command_palette_discovers_chapters_and_perspectives(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "ctrl+p")
        prompts = await palette_lists(pilot, "Perspective: The lifeboat crew")
        assert "Chapter: The storm" in prompts


async def test_titles_names_and_text_show_their_brackets(
        demo_story: Story, state_dir: Path) -> None:
    """Story text that looks like markup is on screen as typed: `[b]x[/b]` keeps its brackets
    (parsed, it would be a bold x), `[red]` stays (parsed, it would vanish), and clicking where a
    `[@click=app.quit]` link would be does not quit."""
    from dataclasses import replace

    keeper = replace(demo_story.perspectives[0], short="[b]Keep[/b]", name="[/]")
    first = demo_story.chapters[0]
    event = replace(first.events[0], title="[b]x[/b] is lit", text="[red]Alarm[/red] [b]x[/b].")
    chapter = replace(first, title="[@click=app.quit]Dusk[/] [red]",
                      events=(event, *first.events[1:]))
    story = replace(demo_story, perspectives=(keeper, *demo_story.perspectives[1:]),
                    chapters=(chapter, *demo_story.chapters[1:]), subtitle="[red]x",
                    content_note="")
    app = build_app(story, state_dir)
    async with app.run_test(size=(120, 30)) as pilot:
        await press(pilot)
        text = screen_text(app)
        for literal in ("[red]x", "2 [b]Keep[/b] (5)", "[@click=app.quit]Dusk[/] [red]",
                        "17:00  [b]x[/b] is lit", "[red]Alarm[/red] [b]x[/b]."):
            assert literal in text, f"{literal!r} is not on screen as typed"
        await pilot.click("#chapters", offset=(8, 0))
        await press(pilot, "2")
        assert app.is_running


async def test_space_at_the_end_says_so(
        app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(app.reader, "notify", lambda message, **_: said.append(message))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "end", "j", "j", "space")
        assert not app.reader.state.playing
        assert said == ["End of the story."]


async def test_large_chapter_rewraps_after_resize(
        demo_story: Story, clock: ManualClock, state_dir: Path) -> None:
    from dataclasses import replace
    from datetime import timedelta

    base = demo_story.chapters[0].events[0]
    many = tuple(replace(base, id=f"e{i}", at=base.at + timedelta(seconds=i),
                         text="word " * 40) for i in range(3000))
    story = replace(demo_story, chapters=(replace(demo_story.chapters[0], events=many),),
                    content_note="")
    app = build_app(story, state_dir, clock=clock)
    async with app.run_test(size=(90, 30)) as pilot:
        narrow = max(len(line.rstrip()) for line in visible_text(app).splitlines())
        await pilot.resize_terminal(160, 30)

        def widest() -> int:
            return max(len(line.rstrip()) for line in visible_text(app).splitlines())
        # a large chapter is wrapped again once the resizing stops (a timer): wait for it
        await wait_until(pilot, lambda: widest() > narrow + 15, "the events rewrapped wider")
        await pilot.press("end", "j")
        assert app.reader.state.event == 1


async def test_typing_q_in_a_dialog_does_not_quit(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "slash", *"quiet")
        assert app.is_running and isinstance(app.screen, SearchScreen)
        await pilot.press("escape", "t", "q")
        assert app.is_running and isinstance(app.screen, GoToTimeScreen)


ODD = ("p-2", "x.y", "clock-line", "too-small", "overview", "a.b", "a_2e_b", "tabs")
"""Perspective ids that once broke the tabs: ids that collided when they were widget ids (p-2
with the fallback for x.y), or that named the app's own widgets (#clock-line, #too-small)."""


async def test_odd_perspective_ids_open_every_tab(demo_story: Story, tmp_path: Path) -> None:
    base = demo_story.perspectives[0]
    perspectives = tuple(replace(base, id=pid, name=f"Side {pid}", short=f"S{n}")
                         for n, pid in enumerate(ODD))
    chapters = tuple(replace(c, events=tuple(replace(e, views=()) for e in c.events))
                     for c in demo_story.chapters)
    story = replace(demo_story, perspectives=perspectives, chapters=chapters, content_note="")
    app = build_app(story, tmp_path, clock=ManualClock(0.0))
    async with app.run_test(size=(200, 40)) as pilot:
        row = screen_rows(app, within=app.reader.query_one("#tabs"))[0]
        assert all(f"{n + 2} S{n} (0)" in row for n in range(len(ODD))), row
        for number in range(2, len(ODD) + 2):
            await pilot.press(str(number))
            assert app.reader.state.perspective == number - 1
        await click_tab(pilot, app, "9 S7")
        assert app.reader.state.perspective == 8
        await click_tab(pilot, app, "2 S0")
        assert app.reader.state.perspective == 1
