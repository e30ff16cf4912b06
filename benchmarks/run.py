"""Measure ihostage-tui end to end and print a table (never asserts: figures, not verdicts).

    python benchmarks/run.py                         # sizes 100, 1,000, 10,000, 100,000
    python benchmarks/run.py --sizes 100 --repeat 3  # what CI runs, so this cannot rot

Every figure is set against a baseline measured in the same run, so a busy machine moves both:
1. time to first frame of `ihostage-tui` on the bundled story (its content note), and on a copy
   without the note (the reader at its first event), vs a minimal Textual app showing one line,
   all started the same way in a pseudo-terminal (timestamp before spawn → the note's words,
   the first event's title or the line in what the terminal received); and Enter
   on the content note to the reader on screen (Enter written into the terminal → the end of the
   refresh that shows the reader), pressed a second after the note appeared and at once, vs
   Enter closing a one-line dialog in a minimal app;
2. load and validate vs a bare `yaml.load` with the fastest safe loader, on the same files;
3. key-press latency at each size, from the key's dispatch to the callback after the refresh
   that shows the result (headless: the compositor renders, nothing is written to a terminal);
4. peak memory (RSS) of a process that loads the story and presses the keys, at each size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

OUT = HERE / "out"


def _median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def _shown_in_pty(code: str, env: dict[str, str], marker: str, *args: str) -> float:
    """Start `python -c code *args` on a pseudo-terminal; seconds from spawn until `marker` is
    in what the terminal received: what a user sees, not a hook inside the app (Textual's
    `on_ready` can come before the frame that shows the content)."""
    import pty
    import signal

    wanted = marker.encode("utf-8")
    controller, terminal = pty.openpty()
    os.set_blocking(controller, False)
    started = time.time()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdin=terminal,
                             stdout=terminal, stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    seen, received = 0.0, b""
    while child.poll() is None:
        try:
            chunk = os.read(controller, 65536)
        except (BlockingIOError, OSError):
            chunk = b""
            time.sleep(0.001)
        if chunk and not seen:
            received = received[-len(wanted):] + chunk
            if wanted in received:
                seen = time.time() - started
                child.send_signal(signal.SIGTERM)
        if not seen and time.time() - started > 30:
            child.kill()
    os.close(controller)
    if not seen:
        raise RuntimeError(f"the terminal never showed {marker!r} (exit {child.returncode})")
    return seen


_MINIMAL_LINE = "One line."
_MINIMAL = f"""
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static({_MINIMAL_LINE!r})
Minimal().run()
"""
_IHOSTAGE = """
import sys
from ihostage_tui.cli import main
main(["--no-resume", *sys.argv[1:]])
"""
_ENTER_HOOK = """
import sys, time
from textual.app import App
def _ready(self):
    with open(sys.argv[1], "w") as f:
        f.write(repr(time.time()))
    bottom = self.screen_stack[0]
    def changed(screen):  # the reader (built beneath the note, or on Enter), or the dialog's base
        if screen is not bottom and type(screen).__name__ != "ReaderScreen":
            return
        def shown():
            with open(sys.argv[1] + ".shown", "w") as f:
                f.write(repr(time.time()))
            self.exit()
        self.call_after_refresh(shown)
    self.screen_change_signal.subscribe(self, changed)
App.on_ready = _ready
"""
_ENTER_IHOSTAGE = _ENTER_HOOK + """
from ihostage_tui.cli import main
main(["--no-resume", "--note"])  # the note once read is not shown again: --note shows it
"""
_ENTER_MINIMAL = _ENTER_HOOK + """
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
class Note(ModalScreen):
    BINDINGS = [("enter", "dismiss")]
    def compose(self):
        with Vertical():
            yield Static("A note.")
class Minimal(App):
    def compose(self):
        yield Static("One line.")
    def on_mount(self):
        self.push_screen(Note())
Minimal().run()
"""
READING = 1.0
"""Seconds a reader spends on the content note before pressing Enter, in the benchmark."""


def _enter_in_pty(code: str, env: dict[str, str], pause: float) -> float:
    """Seconds from writing Enter into the terminal (`pause` seconds after the first frame) to
    the end of the first refresh that shows the bottom screen uncovered, as the app records it."""
    import pty

    ready = Path(tempfile.mkstemp(prefix="ready-")[1])
    shown = Path(f"{ready}.shown")
    controller, terminal = pty.openpty()
    os.set_blocking(controller, False)
    child = subprocess.Popen([sys.executable, "-c", code, str(ready)], stdin=terminal,
                             stdout=terminal, stderr=terminal, env=env, close_fds=True)
    os.close(terminal)
    sent = 0.0
    while child.poll() is None:
        try:
            os.read(controller, 65536)
        except (BlockingIOError, OSError):
            time.sleep(0.002)
        if not sent and ready.read_text():
            time.sleep(pause)
            sent = time.time()
            os.write(controller, b"\r")
        if sent and time.time() - sent > 30:
            child.kill()
    os.close(controller)
    ready.unlink()
    if not shown.exists():
        raise RuntimeError(f"Enter never uncovered the screen beneath (exit {child.returncode})")
    result = float(shown.read_text()) - sent
    shown.unlink()
    return result


def _without_note(folder: Path) -> Path:
    """A copy of the bundled story with the content note taken out of its story.yaml."""
    import shutil

    from ihostage_tui.locations import bundled_story_path, story_file

    source = story_file(bundled_story_path()).parent
    shutil.copytree(source, folder)
    lines = (folder / "story.yaml").read_text(encoding="utf-8").splitlines()
    kept, skipping = [], False
    for line in lines:
        if line.startswith("content_note:"):
            skipping = True
        elif not skipping or not (line.startswith(" ") or not line.strip()):
            skipping = False
            kept.append(line)
    (folder / "story.yaml").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


def _compile_package() -> None:
    """Compile ihostage_tui's modules to bytecode, as installing the package does.

    With PYTHONDONTWRITEBYTECODE set (or a read-only checkout) every start would compile them
    from source again (about 60 ms), while Textual, installed, starts from its bytecode."""
    import compileall

    import ihostage_tui

    compileall.compile_dir(Path(ihostage_tui.__file__).parent, quiet=1)


def _first_words(text: str) -> str:
    """The first three words of a text: on the first line wherever the screen wraps it."""
    return " ".join(text.split()[:3])


def first_frame(repeat: int) -> dict[str, float]:
    """Medians, every start interleaved so that each sees the same machine, each timed until
    the terminal shows its text: the minimal app's line; ihostage-tui's content note with the
    story cache warm, and cold (no cache); the bundled story without its note, warm, until its
    first event's title; Enter on the note to the reader on screen, `READING` seconds after the
    note appeared and at once; and Enter closing a one-line dialog in a minimal app (`READING`
    seconds after it appeared).
    """
    from ihostage_tui import state as st
    from ihostage_tui.loader import load_story
    from ihostage_tui.locations import bundled_story_path

    _compile_package()
    story = load_story(bundled_story_path())
    note = _first_words(story.content_note)
    first_event = _first_words(st.current_event(story, st.start(story)).title)
    with tempfile.TemporaryDirectory(prefix="ihostage-bench-") as scratch:
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30",
               "XDG_STATE_HOME": f"{scratch}/state", "XDG_CACHE_HOME": f"{scratch}/cache"}
        env.pop("NO_COLOR", None)
        plain = str(_without_note(Path(scratch) / "no-note"))
        # The note is shown with --note: once Enter has been pressed on it (below), a start
        # without --note would go straight to the reader.
        _shown_in_pty(_IHOSTAGE, env, note, "--note")  # fills the story cache for warm starts
        _shown_in_pty(_IHOSTAGE, env, first_event, "--story", plain)
        starts: dict[str, Callable[[int], float]] = {
            "minimal": lambda _: _shown_in_pty(_MINIMAL, env, _MINIMAL_LINE),
            "ihostage": lambda _: _shown_in_pty(_IHOSTAGE, env, note, "--note"),
            "cold": lambda n: _shown_in_pty(
                _IHOSTAGE, {**env, "XDG_CACHE_HOME": f"{scratch}/cold-{n}"}, note, "--note"),
            "no note": lambda _: _shown_in_pty(_IHOSTAGE, env, first_event, "--story", plain),
        }
        presses: dict[str, Callable[[], float]] = {
            "enter": lambda: _enter_in_pty(_ENTER_IHOSTAGE, env, READING),
            "enter at once": lambda: _enter_in_pty(_ENTER_IHOSTAGE, env, 0.0),
            "minimal enter": lambda: _enter_in_pty(_ENTER_MINIMAL, env, READING),
        }
        times: dict[str, list[float]] = {name: [] for name in [*starts, *presses]}
        # The starts first, each round beginning with the next app, so that none always
        # follows the same one; a start right after the idle second of an Enter measurement
        # ran slower, and the minimal app always came first after it.
        names = list(starts)
        for n in range(repeat):
            for name in names[n % len(names):] + names[:n % len(names)]:
                times[name].append(starts[name](n))
        for _ in range(repeat):
            for name, measure in presses.items():
                times[name].append(measure())
    return {name: _median_ms(values) for name, values in times.items()}


def _bare_parse(files: list[Path], collect: bool) -> float:
    """Seconds for `yaml.load` with the fastest safe loader on every file."""
    import gc

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    if not collect:
        gc.disable()
    try:
        start = time.perf_counter()
        for file in files:
            yaml.load(file.read_text(encoding="utf-8"), Loader=loader)  # a safe loader
        return time.perf_counter() - start
    finally:
        gc.enable()


def load_times(folder: Path, repeat: int) -> dict[str, float]:
    """Medians: bare parse with Python's cycle collector on and paused, and our load + validate.

    The loader pauses the collector while it reads, so the fair baseline is the faster of the
    two bare figures; the ratio is taken against it."""
    from ihostage_tui.loader import load_story

    files = sorted(folder.rglob("*.yaml"))
    bare, paused, ours = [], [], []
    for _ in range(repeat):
        bare.append(_bare_parse(files, collect=True))
        paused.append(_bare_parse(files, collect=False))
        start = time.perf_counter()
        load_story(folder)
        ours.append(time.perf_counter() - start)
    return {"bare": _median_ms(bare), "paused": _median_ms(paused), "ours": _median_ms(ours)}


def app_figures(folder: Path, presses: int) -> dict[str, object]:
    """Key latencies and peak RSS, measured in a fresh process for this story alone."""
    result = subprocess.run(
        [sys.executable, str(HERE / "latency.py"), str(folder), str(presses)],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"latency run failed:\n{result.stderr}")
    figures: dict[str, object] = json.loads(result.stdout)
    return figures


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |"
             for row in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark ihostage-tui and print a table.")
    parser.add_argument("--sizes", default="100,1000,10000,100000",
                        help="comma-separated event counts (default: %(default)s)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--presses", type=int, default=9, help="presses per key and size")
    parser.add_argument("--starts", type=int, default=15,
                        help="starts of each app for the first frame (median)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    print(f"# ihostage-tui benchmark, {time.strftime('%Y-%m-%d')}, Python "
          f"{sys.version.split()[0]}, {os.cpu_count()} cores\n")
    frame = first_frame(args.starts)
    print(f"## Time to first frame (median of {args.starts} interleaved starts)\n")
    base = frame["minimal"]
    print(_table([["app", "first frame", "vs minimal"],
                  ["minimal Textual app, one line", f"{base:.0f} ms", "1.00x"],
                  ["ihostage-tui, bundled story (cache warm)", f"{frame['ihostage']:.0f} ms",
                   f"{frame['ihostage'] / base:.2f}x"],
                  ["ihostage-tui, bundled story (first start)", f"{frame['cold']:.0f} ms",
                   f"{frame['cold'] / base:.2f}x"],
                  ["ihostage-tui, bundled story without its note (warm)",
                   f"{frame['no note']:.0f} ms", f"{frame['no note'] / base:.2f}x"]]))
    dialog = frame["minimal enter"]
    print(f"\n## Enter on the content note to the reader on screen (median of {args.starts})\n")
    print(_table([["Enter", "to the screen beneath", "vs minimal dialog"],
                  ["minimal app: Enter closes a one-line dialog", f"{dialog:.0f} ms", "1.00x"],
                  [f"ihostage-tui: {READING:.0f} s after the note appeared",
                   f"{frame['enter']:.0f} ms", f"{frame['enter'] / dialog:.2f}x"],
                  ["ihostage-tui: at once", f"{frame['enter at once']:.0f} ms",
                   f"{frame['enter at once'] / dialog:.2f}x"]]))

    load_rows = [["events", "bare yaml.load", "bare, collector paused", "load + validate",
                  "ratio"]]
    key_rows: list[list[str]] = []
    mem_rows = [["events", "peak RSS", "vs smallest"]]
    first_rss = 0.0
    for size in sizes:
        folder = generate(size, OUT / f"story-{size}")
        load = load_times(folder, args.repeat if size <= 10_000 else 1)
        fastest = min(load["bare"], load["paused"])
        load_rows.append([f"{size:,}", f"{load['bare']:.0f} ms", f"{load['paused']:.0f} ms",
                          f"{load['ours']:.0f} ms", f"{load['ours'] / fastest:.2f}x"])
        figures = app_figures(folder, args.presses)
        keys = figures["keys"]
        assert isinstance(keys, dict)
        if not key_rows:
            key_rows.append(["events", *keys])
        key_rows.append([f"{size:,}", *(f"{v['shown']:.0f} / {v['settled']:.0f} / {v['own']:.1f}"
                                         for v in keys.values())])
        rss = float(figures["rss_mib"])  # type: ignore[arg-type]
        first_rss = first_rss or rss
        mem_rows.append([f"{size:,}", f"{rss:.0f} MiB", f"{rss / first_rss:.2f}x"])
        sys.stdout.flush()
    print("\n## Load and validate (median)\n")
    print(_table(load_rows))
    print("\n## Key-press latency in ms: shown / settled / own code (medians)\n")
    print("shown: key to the first frame with the result; settled: to the last frame (notices")
    print("and the footer included); own code: time in ihostage_tui's functions, profiled.\n")
    print(_table(key_rows))
    print("\n## Peak memory (RSS) after loading and pressing every key\n")
    print(_table(mem_rows))


if __name__ == "__main__":
    main()
