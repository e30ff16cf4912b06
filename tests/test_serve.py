"""`ihostage-tui serve` without a browser: the page, the address, the options, stopping, errors.

The real-browser test is tests/test_serve_browser.py. Every server here listens on 127.0.0.1.
"""

from __future__ import annotations

import io
import re
import shlex
import socket
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DEMO, build_app, press, screen_rows, screen_text
from serving import WAIT, ServedStory

from ihostage_tui import cli, serve
from ihostage_tui.clock import ManualClock
from ihostage_tui.model import Story
from ihostage_tui.resume import ResumeStore
from ihostage_tui.widgets.key_footer import KeyFooter


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[ServedStory]:
    server = ServedStory(DEMO, tmp_path)
    try:
        yield server
    finally:
        server.stop()


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=WAIT) as response:
        return response.status, response.read().decode("utf-8", "replace")


def test_page_loads_nothing_from_outside_this_server(served: ServedStory) -> None:
    """Every file the page names is on this server (the font too), so it reads offline."""
    url = served.url()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    status, page = fetch(url)
    assert status == 200 and "<title>The Lighthouse Keeper</title>" in page
    named = re.findall(r'(?:href|src)="([^"]*)"|url\("([^"]*)"\)', page)
    files = sorted({a or b for a, b in named})
    assert any(name.endswith(".ttf") for name in files) and any(n.endswith(".js") for n in files)
    for name in files:
        assert name.startswith("/static/"), f"the page loads {name} from elsewhere"
        assert fetch(url.rstrip("/") + name)[0] == 200
    sockets = re.findall(r'data-session-websocket-url="([^"]*)"', page)
    assert sockets == [url.replace("http://", "ws://") + "ws"]
    assert "http" not in re.sub(r"<!--.*?-->", "", page, flags=re.S).replace(url, "")


def test_prints_the_address_and_stops_cleanly_on_ctrl_c(served: ServedStory) -> None:
    url = served.url()
    assert served.lines[0] == f"Serving The Lighthouse Keeper at {url}\n"
    assert "Only this machine can open it" in served.output
    assert served.stop() == 0
    assert served.output.endswith("Stopped.\n") and "Traceback" not in served.output


def test_saying_who_can_reach_the_server() -> None:
    assert "Only this machine" in serve.banner("T", "127.0.0.1", 8000)
    assert "Only this machine" in serve.banner("T", "localhost", 8000)
    wide = serve.banner("T", "0.0.0.0", 8000)
    assert "anyone who can reach this machine on port 8000" in wide
    assert "at http://127.0.0.1:8000/" in wide
    assert "at http://[::1]:8000/" in serve.banner("T", "::", 8000)
    assert "anyone" in serve.banner("T", "192.168.1.20", 8000)


def test_visitors_get_the_reader_options_and_keep_no_position() -> None:
    args = cli._parser().parse_args(["serve", "--story", "my story", "--chapter", "2",
                                     "--perspective", "crew", "--at", "19:30", "--no-resume"])
    forwarded = cli._reader_argv(args, args.reader_options)
    assert forwarded == ["--story=my story", "--no-resume", "--chapter=2",
                         "--perspective=crew", "--at=19:30"]
    before = cli._parser().parse_args(["--story", "my story", "--chapter", "2", "serve",
                                       "--perspective", "crew", "--at", "19:30", "--no-resume"])
    assert cli._reader_argv(before, before.reader_options) == forwarded
    command = shlex.split(serve.reader_command(forwarded))
    assert command == [sys.executable, "-m", "ihostage_tui", *forwarded,
                       "--no-resume", "--no-save"]


def test_serve_takes_every_option_the_reader_takes(capsys: pytest.CaptureFixture[str]) -> None:
    reader = set(re.findall(r"--[a-z-]+", cli._parser().format_help())) - {"--help", "--version"}
    assert cli.main(["serve", "--help"]) == 0
    served = set(re.findall(r"--[a-z-]+", capsys.readouterr().out))
    assert reader <= served and {"--host", "--port"} <= served


def test_without_the_extra_one_line_says_how_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, out, err = run(["serve", "--story", str(DEMO)])
    assert code == 2 and out == ""
    assert err == "ihostage-tui: error: serve needs textual-serve: " \
                  "pip install 'ihostage-tui[serve]'\n"


def test_bad_start_option_is_reported_before_serving() -> None:
    code, out, err = run(["serve", "--story", str(DEMO), "--chapter", "9"])
    assert code == 2 and out == "" and "no chapter '9'" in err and err.count("\n") == 1


def test_a_port_in_use_is_one_line() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, out, err = run(["serve", "--story", str(DEMO), "--port", str(port)])
    assert code == 2 and out == ""
    assert err.startswith(f"ihostage-tui: error: cannot listen on 127.0.0.1:{port}: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize("save", [True, False])
async def test_no_save_leaves_the_remembered_position_alone(
        demo_story: Story, clock: ManualClock, state_dir: Path, save: bool) -> None:
    app = build_app(demo_story, state_dir, clock=clock, save=save, resume=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter", "right", "q")
    assert ResumeStore(state_dir).path(demo_story).exists() is save


@pytest.mark.parametrize(("save", "said"), [
    (True, "Quit; your place is remembered for next time"),
    (False, "Quit; this reader does not keep your place"),
])
async def test_quit_says_whether_the_place_is_kept(
        demo_story: Story, state_dir: Path, save: bool, said: str) -> None:
    """The quit key's tooltip in the footer and its line in help say what quitting does: with
    `--no-save`, as every served visitor's reader runs, no place is kept, and they say so."""
    app = build_app(demo_story, state_dir, save=save)
    async with app.run_test(size=(100, 40)) as pilot:
        await press(pilot, "enter")
        footer = app.screen.query_one(KeyFooter)
        assert footer.tooltip is None
        await pilot.hover(KeyFooter, offset=(screen_rows(app)[-1].index("q Quit") + 2, 0))
        assert footer.tooltip == said  # what the pointer on "q Quit" shows
        await press(pilot, "question_mark")
        assert said in screen_text(app)
