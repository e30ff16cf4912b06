"""`ihostage-tui serve` read in a real browser: Debian's Chromium, driven by Playwright.

The screen is read as text, not as pixels: every byte of terminal output the page receives over
its WebSocket is fed to a terminal emulator (pyte) of the size the page asked for, and each step
waits until all the text it expects is on that screen (frames arrive in pieces). Screenshots of
each step go to a temporary folder, which a failing test names.

Skips, saying what is missing, without Chromium, Playwright, pyte or textual-serve; with
IHOSTAGE_TUI_BROWSER_TEST=required (CI sets it) it fails instead, so CI cannot skip it.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DEMO
from serving import WAIT, ServedStory

if TYPE_CHECKING:
    import pyte
    from playwright.sync_api import Page, Route, WebSocket

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--no-default-browser-check",
]
"""Headless, and no traffic of the browser's own (updates, sync, first-run pages)."""


def _chromium() -> str | None:
    """Debian's Chromium (or another Chromium on PATH), or None."""
    names = ("chromium", "chromium-browser", "google-chrome")
    return next((path for name in names if (path := shutil.which(name))), None)


@pytest.fixture(scope="module")
def chromium() -> str:
    """The browser to drive; skips (or fails, where required) when anything is missing."""
    path = _chromium()
    packages = [name for name in ("textual_serve", "playwright", "pyte") if find_spec(name) is None]
    missing = [f"{', '.join(packages)} (pip install -e '.[browser]')"] if packages else []
    if path is None:
        missing.append("Chromium (apt-get install chromium)")
    if missing:
        reason = f"the browser test needs {' and '.join(missing)}"
        if os.environ.get("IHOSTAGE_TUI_BROWSER_TEST") == "required":
            pytest.fail(reason)
        pytest.skip(reason)
    assert path is not None
    return path


class TerminalScreen:
    """What the page's terminal shows, rebuilt from the bytes its WebSocket receives."""

    def __init__(self) -> None:
        import pyte

        self.screen: pyte.Screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.lock = threading.Lock()

    def attach(self, socket: WebSocket) -> None:
        """Follow a session socket: its size, its resizes and its output."""
        query = parse_qs(urlsplit(socket.url).query)
        self._resize(int(query["width"][0]), int(query["height"][0]))
        socket.on("framereceived", self._received)
        socket.on("framesent", self._sent)

    def _resize(self, width: int, height: int) -> None:
        with self.lock:
            self.screen.resize(lines=height, columns=width)

    def _received(self, payload: bytes | str) -> None:
        if isinstance(payload, bytes):
            with self.lock:
                self.stream.feed(payload)

    def _sent(self, payload: bytes | str) -> None:
        message: Any = json.loads(payload) if isinstance(payload, str) else None
        if isinstance(message, list) and message[0] == "resize":
            self._resize(message[1]["width"], message[1]["height"])

    def text(self) -> str:
        """The screen as lines of text."""
        with self.lock:
            return "\n".join(line.rstrip() for line in self.screen.display)


class Session:
    """One visitor: a page, its terminal's text, and screenshots of each step."""

    def __init__(self, page: Page, terminal: TerminalScreen, shots: Path) -> None:
        self.page, self.terminal, self.shots = page, terminal, shots

    def shot(self, name: str) -> Path:
        """A screenshot of the page now."""
        path = self.shots / f"{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def wait_for(self, step: str, shown: list[str], gone: tuple[str, ...] = ()) -> str:
        """Wait until every `shown` text is on screen and no `gone` text is; the screen text."""
        ready: Callable[[str], bool] = lambda text: (  # noqa: E731
            all(s in text for s in shown) and not any(g in text for g in gone))
        deadline = time.monotonic() + WAIT
        while not ready(text := self.terminal.text()) and time.monotonic() < deadline:
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames meanwhile
        self.shot(step)
        missing = [s for s in shown if s not in text] + [g for g in gone if g in text]
        assert not missing, (f"{step}: {missing} after {WAIT:.0f} s; screenshots in "
                             f"{self.shots}; the screen:\n{text}")
        return text


def _only_this_server(route: Route, server: str, elsewhere: list[str]) -> None:
    """Let the page reach the server under test; stop and note any request for elsewhere."""
    if route.request.url.startswith(server):
        route.continue_()
    else:
        elsewhere.append(route.request.url)
        route.abort()


@pytest.fixture
def session(chromium: str, tmp_path: Path) -> Iterator[tuple[Session, ServedStory]]:
    """A served demo story opened in a fresh headless Chromium, on this machine only."""
    from playwright.sync_api import sync_playwright

    server = ServedStory(DEMO, tmp_path)
    try:
        url = server.url()
        assert url.startswith("http://127.0.0.1:")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=chromium, headless=True,
                args=CHROMIUM_ARGS, viewport={"width": 1200, "height": 720})
            page = browser.pages[0] if browser.pages else browser.new_page()
            elsewhere: list[str] = []
            page.route("**/*", lambda route: _only_this_server(route, url, elsewhere))
            terminal = TerminalScreen()
            page.on("websocket", terminal.attach)
            (tmp_path / "shots").mkdir()
            page.goto(url)
            yield Session(page, terminal, tmp_path / "shots"), server
            assert not elsewhere, f"the page asked for things outside this server: {elsewhere}"
            browser.close()
    finally:
        server.stop()


def test_a_visitor_reads_the_story_in_chromium(session: tuple[Session, ServedStory],
                                               tmp_path: Path) -> None:
    """Note, Enter, chapter list and clock, `right`, `2`, `q`: what a visitor does and sees."""
    visitor, server = session
    visitor.wait_for("content-note", ["Content note", "This invented story describes a storm"])
    visitor.page.click("#terminal")
    visitor.page.keyboard.press("Enter")
    visitor.wait_for("reader", ["1 Dusk", "2 The storm", "3 The morning after",
                                "Fri 5 Nov 2021", "T+00:00", "The lamp is lit"],
                     gone=("Content note",))
    visitor.page.keyboard.press("ArrowRight")
    text = visitor.wait_for("next-chapter", ["The lamp goes out", "T+02:05"],
                            gone=("The lamp is lit",))
    assert "Glass everywhere" not in text  # the keeper's own words are on the Keeper tab only
    visitor.page.keyboard.press("2")
    visitor.wait_for("keeper-tab", ["The lighthouse keeper", "Glass everywhere"])
    visitor.page.keyboard.press("q")
    visitor.page.wait_for_selector("body.-closed #ended", state="visible", timeout=WAIT * 1000)
    visitor.shot("ended")
    assert "The reader has closed" in visitor.page.inner_text("#ended")
    assert not list((tmp_path / "state").rglob("*.json")), "a served reader saved a position"
    assert server.stop() == 0, server.output
    assert "Stopped." in server.output
