"""Shared fixtures and the one way tests drive the reader.

- `build_app`: the only app factory in the tests (the CLI's `make_app` with everything that moves
  frozen);
- `screen_strips` / `screen_rows` / `screen_text`: the screen as the app draws it, read from its
  own compositor (whole, or one widget's region of it);
- `settle`: wait until the app is idle and the screen stopped changing (no fixed pauses);
- `press`: press keys, then settle, before reading the screen (`pilot.press` alone already waits
  until the keys are handled: enough for a test that only reads the reading state); `keys`: the
  same as a snapshot's `run_before`;
- `wait_until`: a bounded wait for something that happens outside the app (a file edit, a timer).
"""

from __future__ import annotations

import os
import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.strip import Strip
from textual.widget import Widget

from ihostage_tui.app import ReaderApp, make_app
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.model import Story

DEMO = Path(__file__).parent / "data" / "stories" / "reader-demo"
"""A small invented story written for the reader's tests (3 chapters, 12 events)."""
HOSTILE = Path(__file__).parent / "data" / "stories" / "hostile-text"
"""A story whose every text carries markup, escape sequences, bidi, zero-width and wide text."""
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""C0 and C1 control characters: none may reach the screen."""
SETTLE_ROUNDS = 50
"""How many idle checks `settle` makes before it says the screen never stopped changing."""

Snap = Callable[..., bool]
"""pytest-textual-snapshot's `snap_compare` fixture."""
Before = Callable[[Pilot[Any]], Awaitable[None]]
"""A snapshot's `run_before`: what to do in the app before the picture is taken."""

# The environment leaks into snapshots (TEXTUAL-NOTES): never let it choose colours.
os.environ.pop("NO_COLOR", None)
os.environ.pop("TEXTUAL_THEME", None)


@pytest.fixture(scope="session")
def demo_story() -> Story:
    """The reader-demo story, loaded once."""
    return load_story(DEMO)


@pytest.fixture(scope="session")
def hostile_story() -> Story:
    """The hostile-text story, loaded once."""
    return load_story(HOSTILE)


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the reader's state, cache and config folders into `tmp_path` for every test, on
    every platform (XDG_* variables only steer platformdirs on Linux and the BSDs), so no test
    reads a user's settings or writes into their folders; the folder holding the three."""
    import ihostage_tui.app
    import ihostage_tui.cli
    import ihostage_tui.config
    import ihostage_tui.resume
    import ihostage_tui.storycache

    home = tmp_path / "folders"
    for module in (ihostage_tui.app, ihostage_tui.resume):
        monkeypatch.setattr(module, "default_dir", lambda: home / "state")
    monkeypatch.setattr(ihostage_tui.storycache, "default_dir", lambda: home / "cache")
    for module in (ihostage_tui.cli, ihostage_tui.config):
        monkeypatch.setattr(module, "default_config", lambda: home / "config.toml")
    return home


def child_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment for an `ihostage-tui` child process whose state, cache and config folders
    are inside `home`: the XDG_* variables steer platformdirs on Linux and the BSDs, and HOME,
    which platformdirs' macOS folders are under, points into `home` too."""
    return {**os.environ, "HOME": str(home), "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            **extra}


@pytest.fixture
def clock() -> ManualClock:
    """A clock that only moves when the test says so."""
    return ManualClock(1000.0)


@pytest.fixture
def state_dir(tmp_path: Path) -> Path:
    """A fresh folder for the remembered reading position."""
    return tmp_path / "state"


def build_app(story: Story, state_dir: Path, **options: Any) -> ReaderApp:
    """The reader as the CLI builds it (`make_app`), with everything that moves frozen unless a
    test says otherwise: a manual clock at 1000 s, no timer, no animations, the dark theme, and
    no remembered position (`resume=False`). Any `make_app` option may be given."""
    options.setdefault("clock", ManualClock(1000.0))
    options.setdefault("tick", None)
    options.setdefault("resume", False)
    options.setdefault("animations", False)
    options.setdefault("theme", "textual-dark")
    return make_app(story, state_dir=state_dir, **options)


def screen_strips(app: App[Any]) -> list[Strip]:
    """The screen as the app draws it: one `Strip` (text and styles) per row, dialogs over the
    screens they cover included.

    Textual 8 has no public call that returns the screen's cells. Its public
    `export_screenshot` renders exactly this (the screen's compositor, with the screens showing
    through a translucent dialog) and writes it as SVG; reading that SVG back meant a regex and a
    guessed cell width. So this makes the same private call `export_screenshot` makes and keeps
    the strips: if Textual renames it, this one function breaks loudly, not every assertion.
    """
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True)
    rows: list[list[Strip]] = update.strips  # type: ignore[union-attr]  # a full update's rows
    return [Strip.join(row) for row in rows]


def screen_rows(app: App[Any], within: Widget | None = None) -> list[str]:
    """The screen as text, one string per row; checks that every row is exactly as wide as the
    terminal (nothing drawn past the edge, nothing missing). `within` keeps only the rows and
    columns of that widget's region on screen (what a reader sees of that pane)."""
    strips = screen_strips(app)
    width, height = app.size
    assert len(strips) == height, f"{len(strips)} rows drawn on a terminal {height} high"
    for y, strip in enumerate(strips):
        assert strip.cell_length == width, f"row {y} is {strip.cell_length} cells: {strip.text!r}"
    return [strip.text for strip in strips] if within is None else cropped(strips, within)


async def click_tab(pilot: Pilot[Any], app: ReaderApp, label: str, *, bar: bool = False) -> None:
    """Click the perspective tab whose label (as on screen) starts with `label`: on its label,
    or with `bar` on its part of the bar under the tabs."""
    tabs = app.reader.query_one("#tabs")
    row = screen_rows(app, within=tabs)[0]
    assert label in row, f"no tab {label!r} in {row!r}"
    await pilot.click("#tabs", offset=(cell_len(row[:row.index(label)]), 1 if bar else 0))


def cropped(strips: list[Strip], widget: Widget) -> list[str]:
    """The rows of `screen_strips` that a widget covers on screen, cut to its columns (read the
    screen once, then many widgets' parts of it)."""
    region = widget.region
    return [strip.crop(region.x, region.right).text for strip in strips[region.y:region.bottom]]


def screen_text(app: App[Any], within: Widget | None = None) -> str:
    """The screen (or one widget's part of it) as one text, rows joined by newlines."""
    return "\n".join(screen_rows(app, within))


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app is idle and the screen drew the same frame (text and colours) twice in
    a row; fail, saying so, if it is still changing after `SETTLE_ROUNDS` checks."""
    last: list[Strip] | None = None
    for _ in range(SETTLE_ROUNDS):
        await pilot.wait_for_scheduled_animations()
        frame = screen_strips(pilot.app)
        if frame == last:
            return
        last = frame
    raise AssertionError(f"the screen was still changing after {SETTLE_ROUNDS} idle checks:\n"
                         + screen_text(pilot.app))


async def press(pilot: Pilot[Any], *pressed: str) -> None:
    """Press the keys one after another, then wait until the screen settles."""
    await pilot.press(*pressed)
    await settle(pilot)


def keys(*pressed: str) -> Before:
    """A snapshot's `run_before`: continue past the content note (enter), press the keys, and
    wait until the screen settles."""
    async def run(pilot: Pilot[Any]) -> None:
        await press(pilot, "enter", *pressed)
    return run


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str,
                     rounds: int = 200) -> None:
    """Wait for something that happens outside the app's own messages (a file saved, a worker
    done), checking each time the app goes idle; fail saying `what` never happened."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.wait_for_scheduled_animations()
    assert condition(), f"{what}: still not so after {rounds} idle checks"


def assert_clean(text: str) -> None:
    """No control character (an escape sequence's ESC above all) in text sent to the terminal."""
    found = CONTROL.search(text)
    assert found is None, f"control character U+{ord(found.group()):04X} in {text!r}"
