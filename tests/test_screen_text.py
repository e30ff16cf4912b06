"""Hostile story text on screen: shown as characters in every widget, never obeyed.

The hostile-text story carries Rich/Textual markup, escape sequences (shown as ␛ by the loader),
control characters, zero-width and right-to-left characters, combining marks, emoji, wide
characters, a 300-character word and a 5,000-word event. Each test reads the screen as text
(`screen_rows`, which also checks that every row's runs fill the width exactly) and asserts the
text is there, literal, the app still runs, and no control character reaches the terminal.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import (
    assert_clean,
    build_app,
    click_tab,
    press,
    screen_rows,
    screen_text,
    settle,
    wait_until,
)
from textual import events
from textual.command import CommandList
from textual.widgets import OptionList, Static

from ihostage_tui.app import ReaderApp
from ihostage_tui.clock import ManualClock
from ihostage_tui.export import to_json, to_markdown
from ihostage_tui.model import Story
from ihostage_tui.screens.reader import ReaderScreen
from ihostage_tui.widgets.chapter_list import ChapterList
from ihostage_tui.widgets.event_details import EventDetails
from ihostage_tui.widgets.events_view import EventsView
from ihostage_tui.widgets.perspective_tabs import PerspectiveTabs

MARKUP = "[@click=app.quit]"


@pytest.fixture
def app(hostile_story: Story, clock: ManualClock, state_dir: Path) -> ReaderApp:
    return build_app(hostile_story, state_dir, clock=clock)


def events_text(app: ReaderApp) -> list[str]:
    """The events pane as it is on screen."""
    return screen_rows(app, within=app.reader.query_one(EventsView))


def on_screen(app: ReaderApp) -> str:
    rows = screen_rows(app)
    for row in rows:
        assert_clean(row)
    return "\n".join(rows)


async def test_content_note(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        text = on_screen(app)
        assert "[bold red]Hostage[/] [@click=app.quit]quit[/] ␛]0;pwned␇ 漢字" in text
        assert "Note [@click=app.quit]quit[/] [/] ␛]8;;https://e.x␛\\osc8" in text
        await pilot.click("#note-title", offset=(25, 0))  # on the would-be quit link
        await pilot.click("#note-text", offset=(8, 0))
        assert app.is_running
        await pilot.press("enter")
        assert isinstance(app.screen, ReaderScreen)


async def test_title_bar_and_tabs(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        labels = [label.plain for label in app.reader.query_one(PerspectiveTabs).labels()]
        assert labels == ["1 Overview", "2 [red]M[/]␛[7m (1)", "3 漢字\u200b (3)",
                          "4 \u202eevil 😀 (2)"]
        text = on_screen(app)
        assert "[bold red]Hostage[/] [@click=app.quit]quit[/] ␛]0;pwned␇ 漢字" in text
        assert "2 [red]M[/]␛[7m (1)  3 漢字\u200b (3)  4 \u202eevil 😀 (2)" in text
        for number in (2, 3, 4):  # a click on each tab opens it
            await click_tab(pilot, app, f"{number} ")
            assert app.is_running and app.reader.state.perspective == number - 1


async def test_chapter_list(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        chapters = app.reader.query_one(ChapterList)
        prompt = chapters.entry(0).plain
        assert "[bold red]Chapter[/]" in prompt and "␛[31m漢字" in prompt
        text = on_screen(app)
        assert " 1 [bold red]Chapter[/]" in text and "   [@click=app.quit]one[/]" in text
        await pilot.click("#chapters", offset=(5, 1))
        assert app.is_running


async def test_clock_panel_labels_keep_their_spaces(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "j")
        text = on_screen(app)
        assert "T+00:10" in text and "■ paused 60x" in text and "Europe/Amsterdam" in text
        await pilot.press("space")
        assert "▶ playing 60x" in on_screen(app)


async def test_events_pane(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        text = "\n".join(events_text(app))
        assert "[bold red]x[/] [@click=app.quit]y[/]" in text
        assert "unbalanced [/] [$var]" in text and "[BOLD]up[/BOLD]" in text
        await pilot.click("#events", offset=(20, 3))
        await pilot.click("#events", offset=(12, 6))
        assert app.is_running and app.reader.state.event == 0
        await pilot.press("j")
        text = "\n".join(events_text(app))
        assert "CSI ␛[2J␛[H␛[31mred␛[0m OSC ␛]0;pwned␇" in text
        assert "C1 \ufffd31m" in text and "NUL ␀ DEL ␡" in text
        await pilot.press("j")
        text = on_screen(app)
        assert "Zero\u200bwidth \u200f rtl \u202eevil\u202c e\u0301\u0301\u0301 👩‍👩‍👧" in text
        assert "漢字 ｶﾀｶﾅ" in text


async def test_views_in_a_perspective_tab(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "2")
        text = on_screen(app)
        assert "Markup [b]bold[/b] [@click=app.quit]quit[/]" in text
        assert "View [@click=app.quit]quit[/] [/]" in text


async def test_details_pane(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter")
        details = screen_text(app, within=app.reader.query_one(EventDetails))
        assert "Sources: [bold]Pub[/] [/]" in details and "dispute — press e" in details
        await pilot.click("#details", offset=(15, 0))
        assert app.is_running
        await pilot.press("e")
        # the evidence scrolls past the terminal's height: read what its widgets hold (a
        # snapshot of this screen shows what fits)
        evidence = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "[@click=app.quit]Source[/] ␛]0;title␇" in evidence
        assert "[bold]What[/] [@click=app.quit]quit[/] ␛[31mred" in evidence
        assert "漢字 says \u202etwo\u202c" in evidence
        assert_clean(evidence.replace("\n", ""))


async def test_timeline_labels(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "j")
        rows = screen_rows(app)
        assert rows[-4].lstrip().startswith("┆1") and "▲ 17:10" in rows[-2]
        for row in rows[-4:-1]:
            assert_clean(row)


async def test_help_screen(app: ReaderApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("enter", "question_mark")
        text = on_screen(app)
        assert "q            Quit; your place is" in text
        assert "             remembered for next" in text  # wrapped under its own column


async def test_search_results(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "slash", *"escapes")
        results = app.screen.query_one(OptionList)
        prompt = str(results.get_option_at_index(0).prompt)
        assert "Escapes ␛[2J␛[H␛[31m ␛]0;pwned␇" in prompt
        assert "Escapes ␛[2J␛[H␛[31m" in on_screen(app)
        await pilot.press("enter")
        assert (app.reader.state.chapter, app.reader.state.event) == (0, 1)


async def test_search_snippet_fits_a_narrow_dialog(app: ReaderApp) -> None:
    async with app.run_test(size=(40, 12)) as pilot:
        await press(pilot, "enter", "slash", *"word0002")
        rows = screen_rows(app)
        assert any("account: word0001 word0002" in row and "…" in row for row in rows)


async def test_command_palette(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "ctrl+p", *"chapter")
        await wait_until(pilot, lambda: app.screen.query_one(CommandList).option_count > 0,
                         "the palette lists the chapter")
        commands = app.screen.query_one(CommandList)
        prompts = [str(commands.get_option_at_index(i).prompt)
                   for i in range(commands.option_count)]
        assert any("[bold red]Chapter[/] [@click=app.quit]one[/] ␛[31m" in p for p in prompts)
        on_screen(app)
        await press(pilot, "enter")
        assert app.is_running


async def test_notifications_are_literal(
        app: ReaderApp, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    def no_space(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space [bold]left[/] [@click=app.quit]x[/]")

    said: list[tuple[str, bool]] = []
    notify = app.notify

    def spy(message: str, **options: object) -> None:
        said.append((message, bool(options.get("markup", True))))
        notify(message, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "fsync", no_space)
    monkeypatch.setattr(app, "notify", spy)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "enter", "right")
        assert said == [("Could not save the reading position "
                         "(No space [bold]left[/] [@click=app.quit]x[/]).", False)]
        on_screen(app)
        assert app.is_running


def test_export_markdown_and_json(hostile_story: Story) -> None:
    markdown = to_markdown(hostile_story)
    assert_clean(markdown.replace("\n", ""))
    assert "# [bold red]Hostage[/] [@click=app.quit]quit[/] ␛]0;pwned␇ 漢字" in markdown
    assert "CSI ␛[2J␛[H␛[31mred␛[0m" in markdown and "\u202eevil\u202c" in markdown
    text = to_json(hostile_story)
    assert_clean(text.replace("\n", ""))
    data = json.loads(text)
    assert data["title"].startswith("[bold red]Hostage[/]")
    assert "THE-END" in text and MARKUP in text


async def test_long_word_wraps_inside_the_pane(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right")
        rows = events_text(app)
        joined = "".join(row.strip(" ▌") for row in rows)
        assert "A" * 299 + "Z" in joined  # cut into rows, nothing lost
        on_screen(app)


@pytest.mark.parametrize("size", [(100, 30), (60, 20), (40, 12)])
async def test_every_screen_fits_at_every_size(app: ReaderApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        on_screen(app)
        await pilot.press("enter")
        for keys in (["j"], ["j"], ["right"], ["2"], ["3"], ["4"], ["j"]):
            await pilot.press(*keys)
            on_screen(app)
        assert app.is_running


async def test_five_thousand_words_scroll_to_the_end(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "right", "j")
        view = app.reader.query_one(EventsView)
        assert "Five thousand words" in "\n".join(events_text(app))
        start = view.scroll_y
        await pilot.press("pagedown")
        assert view.scroll_y > start
        for _ in range(100):  # pagedown held down: more pages than the event has
            app.post_message(events.Key("pagedown", None))
        await settle(pilot)
        assert any("THE-END" in row for row in events_text(app))
        assert app.reader.state.event == 1  # scrolling moved neither selection nor clock
        await pilot.press("pageup")
        assert not any("THE-END" in row for row in events_text(app))


async def test_static_widgets_never_parse_markup(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        for static in app.reader.query(Static):
            assert_clean(str(static.render()).replace("\n", ""))
