"""A user's keymap: read from the config file, applied to the keys, shown by help as it works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from conftest import build_app, cropped, press, screen_strips
from textual.app import App
from textual.binding import Binding
from textual.widgets import Static

from ihostage_tui.app import ReaderApp, binding_ids
from ihostage_tui.config import load_keymap
from ihostage_tui.model import Story
from ihostage_tui.screens.help import HelpScreen
from ihostage_tui.screens.reader import ReaderScreen

README = Path(__file__).parents[1] / "README.md"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_config_file_is_no_keymap_and_no_notice(tmp_path: Path) -> None:
    assert load_keymap(tmp_path / "config.toml") == ({}, "")


def test_the_keymap_table_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\nnext-chapter = "l"\nprev-chapter = " h,ctrl+b "\n')
    assert load_keymap(path) == ({"next-chapter": "l", "prev-chapter": "h,ctrl+b"}, "")


def test_a_broken_config_file_says_where_and_keeps_the_default_keys(tmp_path: Path) -> None:
    keymap, notice = load_keymap(write(tmp_path, "[keymap]\nnext-chapter = l\n"))
    assert keymap == {}
    assert notice.startswith("config.toml: not read (")
    assert "line 2" in notice and "default keys" in notice


def test_values_that_are_not_keys_are_named(tmp_path: Path) -> None:
    path = write(tmp_path, '[keymap]\nnext-chapter = 3\nhelp = ""\nquit = "x"\n')
    keymap, notice = load_keymap(path)
    assert keymap == {"quit": "x"}
    assert notice == 'config.toml: keymap: help, next-chapter must be a key such as "l".'


def test_a_keymap_table_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    assert load_keymap(write(tmp_path, 'keymap = "l"\n'))[0] == {}


def help_on_screen(app: App[Any]) -> dict[str, list[str]]:
    """The open help screen as a reader sees it: each explanation (its wrapped lines joined)
    and the keys shown beside it, read off the screen."""
    strips = screen_strips(app)
    shown: dict[str, list[str]] = {}
    for row in app.screen.query(".help-row"):
        keys_label, text_label = row.query(Static)
        explanation = " ".join(" ".join(cropped(strips, text_label)).split())
        shown[explanation] = " ".join(cropped(strips, keys_label)).split()
    return shown


def reader(story: Story, state_dir: Path, keymap: dict[str, str]) -> ReaderApp:
    return build_app(story, state_dir, keymap=keymap)


async def test_a_rebound_key_works_and_help_shows_it(demo_story: Story, state_dir: Path) -> None:
    app = reader(demo_story, state_dir, {"next-chapter": "l"})
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter", "right")
        assert app.reader.state.chapter == 0, "the default key no longer moves"
        await pilot.press("l")
        assert app.reader.state.chapter == 1
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = help_on_screen(app)
        assert shown["Next chapter"] == ["l"]
        assert not any("→" in keys for keys in shown.values())


async def test_an_unknown_id_is_said_at_start(demo_story: Story, state_dir: Path) -> None:
    app = reader(demo_story, state_dir, {"next-chaptre": "l"})
    assert "no key is called next-chaptre" in app.notice
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("enter")
        assert app.reader.state.chapter == 0


async def test_help_shows_every_binding_of_the_app_and_reader(
    demo_story: Story, state_dir: Path
) -> None:
    """Every key and every explanation the reader declares is on the help screen, none dropped."""
    app = reader(demo_story, state_dir, {})
    declared = [b for b in (*ReaderApp.BINDINGS, *ReaderScreen.BINDINGS) if isinstance(b, Binding)]
    async with app.run_test(size=(100, 60)) as pilot:
        await press(pilot, "enter", "question_mark")
        shown = help_on_screen(app)
        for binding in declared:
            explanation = binding.tooltip or binding.description
            assert explanation in shown, f"{explanation!r} is not on the help screen"
            for key in binding.key.split(","):
                key_display = app.get_key_display(Binding(key.strip(), binding.action))
                assert key_display in shown[explanation], f"{key_display!r} not beside it"


def test_the_readme_names_every_binding_id() -> None:
    """A keymap needs the ids: the README's keymap section lists each one the app has."""
    section = README.read_text(encoding="utf-8").split("### Your own keys", 1)[1]
    section = section.split("\n## ", 1)[0]
    listed = set(re.findall(r"`([a-z0-9-]+)`", section))
    assert binding_ids() <= listed, sorted(binding_ids() - listed)


def test_every_dialogs_binding_ids_are_known_before_any_dialog_opens() -> None:
    """The dialogs are imported when first opened; a keymap naming their keys is still
    accepted at start (checked in a fresh interpreter, where no dialog has been imported)."""
    found = subprocess.run(
        [sys.executable, "-c", "from ihostage_tui.app import binding_ids; "
                               "print(' '.join(sorted(binding_ids())))"],
        capture_output=True, text=True, check=True).stdout.split()
    assert {"search-down", "close-help", "close-evidence", "continue"} <= set(found)
