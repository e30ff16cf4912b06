"""Key-press latency and peak memory for one story, in a process of its own (run by run.py).

    python benchmarks/latency.py STORY_FOLDER PRESSES   → one JSON object on standard output

Latency of a key = from the moment the app first dispatches that key event to the end of the last
frame the compositor draws before the app is idle again: the frame that shows the result, however
many messages it took to get there (typing in search → Input.Changed → a new result list).
The app runs headless at 120x40: every frame is composed and rendered, but not written to a
terminal. This instruments one private method (`Screen._compositor_refresh`) here, in the
benchmark only; the app itself uses none.
"""

from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.message import Message
from textual.screen import Screen

from ihostage_tui.app import make_app
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story

_frames: list[float] = []
_original_refresh = Screen._compositor_refresh


def _timed_refresh(self: Screen[object]) -> None:
    _original_refresh(self)
    _frames.append(time.perf_counter())


Screen._compositor_refresh = _timed_refresh  # type: ignore[method-assign]


class _Stopwatch:
    """Records when the key being measured is first dispatched."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.started = 0.0

    def hook(self, message: Message) -> None:
        if (isinstance(message, events.Key) and self.key in (message.key, message.character)
                and not self.started):
            self.started = time.perf_counter()

    async def press(self, pilot: object, key: str) -> float:
        """Press `key` and return milliseconds from its dispatch to the last frame it caused."""
        self.key, self.started = key, 0.0
        del _frames[:]
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        if not self.started or not _frames:
            raise RuntimeError(f"key {key!r} was not dispatched or drew nothing")
        return (_frames[-1] - self.started) * 1000


async def _measure(folder: Path, presses: int) -> dict[str, list[float]]:
    story = load_story(folder)
    app = make_app(story, clock=ManualClock(), tick=None, resume=False,
                   state_dir=Path(tempfile.mkdtemp(prefix="bench-state-")), animations=False)
    watch = _Stopwatch()
    keys: dict[str, list[float]] = {name: [] for name in
                                    ("chapter", "perspective", "next event", "go to time",
                                     "search")}
    async with app.run_test(size=(120, 40), message_hook=watch.hook) as pilot:
        if story.content_note:
            await pilot.press("enter")
        await pilot.pause()
        for n in range(presses):
            await pilot.press("home")
            keys["chapter"].append(await watch.press(pilot, "right"))
            keys["perspective"].append(await watch.press(pilot, "]"))
            keys["next event"].append(await watch.press(pilot, "down"))
            await pilot.press("t", *f"{9 + n % 12:02d}:30")
            keys["go to time"].append(await watch.press(pilot, "enter"))
            await pilot.press("slash", *"leidseplei")  # a word no synthetic event contains
            keys["search"].append(await watch.press(pilot, "n"))
            await pilot.press("escape")
            await pilot.pause()
    return keys


def main() -> None:
    folder, presses = Path(sys.argv[1]), int(sys.argv[2])
    keys = asyncio.run(_measure(folder, presses))
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({
        "keys": {name: {"median": statistics.median(values), "max": max(values)}
                 for name, values in keys.items()},
        "rss_mib": rss_kib / 1024,
    }))


if __name__ == "__main__":
    main()
