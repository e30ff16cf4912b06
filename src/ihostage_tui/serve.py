"""`ihostage-tui serve`: the reader in a web browser, one reader process per visitor.

Built on textual-serve, an optional extra (`pip install 'ihostage-tui[serve]'`) imported only here
and only once serving starts, so this module loads without it. Two choices on top of it:

- The page is our own (`web/index.html`). It loads textual-serve's terminal script and styles and
  the Roboto Mono font files textual-serve ships, all from this server, so reading needs nothing
  from outside the machine (textual-serve's own page links the font from an outside font service).
- A visitor's reading position is not remembered. Each visitor's reader starts where the serve
  command's options say (the story's beginning by default) and writes no position file, so
  visitors never overwrite each other's place, nor the place of whoever runs the server.

It listens on 127.0.0.1 unless told otherwise, and says so when the address reaches further.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import ipaddress
import os
import shlex
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING, TextIO

from ihostage_tui.errors import LaunchError

if TYPE_CHECKING:
    from aiohttp import web

INSTALL_HINT = "serve needs textual-serve: pip install 'ihostage-tui[serve]'"
"""The one line shown when the `serve` extra is not installed."""
PAGE = Path(__file__).with_name("web") / "index.html"
"""The page template: `$title`, `$static`, `$websocket` and `$font_size` are filled in."""
STOP_GRACE = 2.0
"""Seconds open sessions get to end when the server stops, before they are cut off."""


def is_local(host: str) -> bool:
    """Whether an address to listen on can be reached only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    """The address to open in a browser on this machine for a server listening on `host`."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return f"http://{host}:{port}/"
    if address.is_unspecified:  # every interface: this machine reaches it on loopback
        address = ipaddress.ip_address("::1" if address.version == 6 else "127.0.0.1")
    return f"http://[{address}]:{port}/" if address.version == 6 else f"http://{address}:{port}/"


def reader_command(reader_args: Sequence[str]) -> str:
    """The shell command that starts one visitor's reader: it never resumes and never saves."""
    argv = [sys.executable, "-m", "ihostage_tui", *reader_args, "--no-resume", "--no-save"]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def page(title: str, websocket: str, font_size: int) -> str:
    """The HTML page for one visitor, every value escaped."""
    return Template(PAGE.read_text(encoding="utf-8")).substitute(
        title=html.escape(title), static="/static/", websocket=html.escape(websocket),
        font_size=font_size,
    )


def web_app(title: str, command: str) -> web.Application:
    """The web application: our page, textual-serve's session socket and its static files.

    `ImportError` when textual-serve is not installed.
    """
    from aiohttp import web
    from textual_serve.server import Server

    sessions = Server(command, title=title)

    async def index(request: web.Request) -> web.Response:
        size = request.query.get("fontsize", "16")
        socket = f"{'wss' if request.secure else 'ws'}://{request.host}/ws"
        text = page(title, socket, int(size) if size.isdigit() and 6 <= int(size) <= 64 else 16)
        return web.Response(text=text, content_type="text/html")

    open_sessions: set[asyncio.Task[object]] = set()

    async def session(request: web.Request) -> web.StreamResponse:
        """One visitor's reader, for as long as their page is open."""
        task = asyncio.current_task()
        assert task is not None
        open_sessions.add(task)
        try:
            return await sessions.handle_websocket(request)
        finally:
            open_sessions.discard(task)

    async def end_sessions(_app: web.Application) -> None:
        """On stop, end every reader now (each page then says the reader has closed)."""
        for task in open_sessions:
            task.cancel()
        await asyncio.gather(*open_sessions, return_exceptions=True)

    app = web.Application()
    app.add_routes([
        web.get("/", index),
        web.get("/ws", session),
        web.static("/static", sessions.statics_path),
    ])
    app.on_shutdown.append(end_sessions)
    return app


async def _listen(app: web.Application, host: str, port: int,
                  ready: Callable[[int], None]) -> None:
    """Serve until SIGINT or SIGTERM (Ctrl+C), then end the open sessions and stop."""
    from aiohttp import web

    runner = web.AppRunner(app, access_log=None, shutdown_timeout=STOP_GRACE)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        raise LaunchError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        # Where there are no signal handlers (Windows), Ctrl+C raises KeyboardInterrupt instead.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    try:
        ready(runner.addresses[0][1])
        await stop.wait()
    finally:
        await runner.cleanup()


def banner(title: str, host: str, port: int) -> str:
    """What the server says once it listens: where to read, who can, how to stop."""
    if is_local(host):
        reach = "Only this machine can open it (--host chooses another address)."
    else:
        reach = (f"Listening on {host}: anyone who can reach this machine on port {port} "
                 "can read along (--host 127.0.0.1 keeps it to this machine).")
    return (f"Serving {title} at {url(host, port)}\n{reach}\n"
            "Each visitor reads on their own; no reading position is kept. Ctrl+C stops.\n")


def serve(title: str, reader_args: Sequence[str], host: str, port: int, out: TextIO) -> None:
    """Serve the reader until Ctrl+C; `LaunchError` (one line) when it cannot."""
    try:
        app = web_app(title, reader_command(reader_args))
    except ImportError:
        raise LaunchError(INSTALL_HINT) from None

    def ready(bound: int) -> None:
        out.write(banner(title, host, bound))
        out.flush()

    asyncio.run(_listen(app, host, port, ready))
    out.write("Stopped.\n")
