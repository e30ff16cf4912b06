"""Key-press latency and peak memory for one story, in a process of its own (run by run.py).

    python benchmarks/latency.py STORY_FOLDER PRESSES   → one JSON object on standard output

Three figures per key, each from the moment the app first dispatches the key event:
- shown: to the end of the first frame drawn after the reading state (or the search results)
  changed: the frame in which the reader sees the result;
- settled: to the end of the last frame before the app is idle again (a notice appearing, the
  footer redrawn when the keys on offer change, a scroll that follows the selection...);
- own code: time spent inside ihostage_tui's own functions while handling the key (a profile
  filtered to this package: an upper bound, since profiling slows every call down).
`first o` is the session's first switch to time order, on its own (the others are medians over
every press). The app runs headless at 120x40: every frame is composed and rendered, but not
written to a terminal. This instruments private methods here, in the benchmark only; the app
itself uses none.
"""

from __future__ import annotations

import asyncio
import cProfile
import functools
import json
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList

from ihostage_tui.app import make_app
from ihostage_tui.clock import ManualClock
from ihostage_tui.loader import load_story
from ihostage_tui.screens.reader import ReaderScreen

PACKAGE = str(Path(__file__).resolve().parents[1] / "src" / "ihostage_tui")
_frames: list[float] = []
_changes: list[float] = []
_original_refresh = Screen._compositor_refresh


def _timed_refresh(self: Screen[object]) -> None:
    _original_refresh(self)
    _frames.append(time.perf_counter())


Screen._compositor_refresh = _timed_refresh  # type: ignore[method-assign]


def _noting_change(method):  # type: ignore[no-untyped-def]
    @functools.wraps(method)  # Textual reads the watcher's signature through __wrapped__
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        _changes.append(time.perf_counter())
        return method(*args, **kwargs)
    return wrapper


ReaderScreen.watch_state = _noting_change(ReaderScreen.watch_state)  # type: ignore[method-assign]
OptionList.set_options = _noting_change(OptionList.set_options)  # type: ignore[method-assign]


def _own_ms(profile: cProfile.Profile) -> float:
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    own = sum(entry[2] for (file, _, _), entry in stats.items() if file.startswith(PACKAGE))
    return float(own) * 1000


class _Stopwatch:
    """Records when the key being measured is first dispatched."""

    def __init__(self) -> None:
        self.key: str | None = None
        self.started = 0.0

    def hook(self, message: Message) -> None:
        if (isinstance(message, events.Key) and self.key in (message.key, message.character)
                and not self.started):
            self.started = time.perf_counter()

    async def press(self, pilot: object, key: str) -> tuple[float, float, float]:
        """Press `key`; milliseconds to the frame showing the result, to the last, and own code."""
        self.key, self.started = key, 0.0
        del _frames[:], _changes[:]
        profile = cProfile.Profile()
        profile.enable()
        await pilot.press(key)  # type: ignore[attr-defined]
        await pilot.pause()  # type: ignore[attr-defined]
        profile.disable()
        changed = [t for t in _changes if t >= self.started]
        shown = [t for t in _frames if changed and t >= changed[-1]]
        if not self.started or not shown:
            raise RuntimeError(f"key {key!r} was not dispatched or changed nothing on screen")
        return ((shown[0] - self.started) * 1000, (_frames[-1] - self.started) * 1000,
                _own_ms(profile))


async def _measure(folder: Path, presses: int) -> dict[str, list[tuple[float, float, float]]]:
    story = load_story(folder)
    scratch = tempfile.TemporaryDirectory(prefix="ihostage-bench-")
    app = make_app(story, clock=ManualClock(), tick=None, resume=False,
                   state_dir=Path(scratch.name), animations=False)
    watch = _Stopwatch()
    keys: dict[str, list[tuple[float, float, float]]] = {name: [] for name in
                                    ("chapter", "perspective", "next event", "go to time",
                                     "search", "time order (o)", "first o",
                                     "next event, time order", "tab, time order",
                                     "compare (v)", "next event, compare",
                                     "compare off (v)")}
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
            order = await watch.press(pilot, "o")
            keys["time order (o)"].append(order)
            if n == 0:  # the session's first switch to time order: nothing built for it yet
                keys["first o"].append(order)
            keys["next event, time order"].append(await watch.press(pilot, "down"))
            keys["tab, time order"].append(await watch.press(pilot, "]"))
            keys["compare (v)"].append(await watch.press(pilot, "v"))
            keys["next event, compare"].append(await watch.press(pilot, "down"))
            keys["compare off (v)"].append(await watch.press(pilot, "v"))
            await pilot.press("o")
            await pilot.pause()
    scratch.cleanup()
    return keys


def main() -> None:
    folder, presses = Path(sys.argv[1]), int(sys.argv[2])
    keys = asyncio.run(_measure(folder, presses))
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    figures = {}
    for name, values in keys.items():
        shown, settled, own = zip(*values, strict=True)
        figures[name] = {"shown": statistics.median(shown), "shown_max": max(shown),
                         "settled": statistics.median(settled), "own": statistics.median(own)}
    print(json.dumps({"keys": figures, "rss_mib": rss_kib / 1024}))


if __name__ == "__main__":
    main()
