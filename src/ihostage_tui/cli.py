"""The `ihostage-tui` command: open the reader (default), `validate` or `export` a story, start a
`new` one, or print the `schema` of story files for editors.

Exit codes: 0 success, 1 the story has errors, 2 a usage error (bad option, missing path),
70 an internal error (a bug: reported in one line, never as a traceback), 74 an input or output
error (output closed or full, a file that cannot be written).
`validate`, `export`, `new` and `schema` never import Textual, so they start fast and work
without a terminal.
"""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, cast

from ihostage_tui.config import default_config, load_keymap
from ihostage_tui.errors import LaunchError, StoryError
from ihostage_tui.locations import bundled_story_path, format_reference, story_identity
from ihostage_tui.output import Output, Progress, closed_standard_stream, keep_crash_report
from ihostage_tui.safetext import cut

if TYPE_CHECKING:
    from ihostage_tui.loader import LoadResult
    from ihostage_tui.model import Story

EXIT_OK, EXIT_STORY, EXIT_USAGE, EXIT_INTERNAL, EXIT_IO = 0, 1, 2, 70, 74


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors with exit code 2 and never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    import ihostage_tui

    try:
        textual = version("textual")
    except PackageNotFoundError:
        textual = "not installed"
    return f"ihostage-tui {ihostage_tui.__version__} (Textual {textual})"


class _VersionAction(argparse.Action):
    """`--version`, computed only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        sys.stdout.write(_version() + "\n")
        parser.exit(EXIT_OK)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ihostage-tui",
        description="Read a true story minute by minute: chapters, perspectives and a live clock.",
        epilog="Without a command, opens the reader. `ihostage-tui format` prints the reference "
               "for writing a story.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the versions of ihostage-tui and Textual, then exit")
    _reader_options(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser("validate", help="check a story and report every problem")
    check.add_argument("path", nargs="?", metavar="PATH", help="story folder or story.yaml")
    export = commands.add_parser("export", help="write the whole story to standard output")
    export.add_argument("path", nargs="?", metavar="PATH", help="story folder or story.yaml")
    export.add_argument("--format", choices=("markdown", "json"), default="markdown",
                        help="markdown (a transcript, the default) or json (the model)")
    export.add_argument("--order", choices=("chapters", "time"), default="chapters",
                        help="the transcript chapter by chapter (the default), or every event "
                        "in time order")
    cache = commands.add_parser("cache", help="the story cache: `cache clear` empties it")
    cache.add_argument("action", choices=("clear",), help="clear: remove every cached story")
    new = commands.add_parser("new", help="write a small starter story to edit into your own")
    new.add_argument("path", metavar="PATH", help="a new or empty folder for the story")
    commands.add_parser("format", help="print the story format reference (Markdown)")
    schema = commands.add_parser("schema", help="print the JSON Schema of story files, for editors")
    schema.add_argument("kind", choices=("story", "chapter"),
                        help="story (for story.yaml) or chapter (for a chapter file)")
    # Options not given after `serve` keep what was given before it (`--story X serve`).
    serve = commands.add_parser("serve", help="serve the reader to a web browser "
                                "(needs the serve extra)", argument_default=argparse.SUPPRESS)
    serve.set_defaults(reader_options=_reader_options(serve))
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    return parser


def _reader_options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """The reader's options, on the reader (no command) and on `serve`, which passes them on."""
    return [
        parser.add_argument("--story", metavar="PATH", help="story folder or story.yaml "
                            "(default: the bundled story)"),
        parser.add_argument("--no-resume", action="store_true",
                            help="start from the beginning instead of where you left off"),
        parser.add_argument("--no-save", action="store_true",
                            help="do not remember the reading position when you quit"),
        parser.add_argument("--note", action="store_true",
                            help="show the story's content note even if you have read it"),
        parser.add_argument("--chapter", metavar="ID|N", help="open this chapter (id or number)"),
        parser.add_argument("--perspective", metavar="ID|NAME|N",
                            help="open this perspective's tab (id, name, or tab number)"),
        parser.add_argument("--at", metavar="TIME",
                            help="open at this story time: 19:00, 'Wed 23 Feb 00:05', ..."),
        parser.add_argument("--no-watch", action="store_true",
                            help="do not show edits to the story's files while it is open"),
    ]


def _reader_argv(args: argparse.Namespace, options: list[argparse.Action]) -> list[str]:
    """The given reader options as command-line words again (`--at=19:00`, `--no-resume`)."""
    argv = []
    for option in options:
        value = getattr(args, option.dest)
        if value is True:
            argv.append(option.option_strings[0])
        elif value not in (None, False):
            argv.append(f"{option.option_strings[0]}={value}")
    return argv


def _story_path(given: str | None) -> Path:
    """The story to read: the given path, checked, or the bundled story."""
    if given is None:
        return bundled_story_path()
    path = Path(given)
    try:
        exists, is_file = path.exists(), path.is_file()
    except OSError as error:  # a name too long, a link loop...
        raise LaunchError(f"{cut(given)}: {error.strerror or error}") from None
    if not exists:
        raise LaunchError(f"{cut(given)}: no such file or folder")
    if is_file and path.suffix not in (".yaml", ".yml"):
        raise LaunchError(f"{cut(given)}: not a story folder or story.yaml")
    return path


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _load(path: Path, err: Output) -> LoadResult | None:
    from ihostage_tui.loader import load  # PyYAML's import is paid only when a story is parsed

    progress = Progress(err)
    try:
        return load(path, progress)
    except StoryError as error:
        progress.clear()
        err.write(error.format() + "\n")
        err.write(f"{_plural(len(error.problems), 'error')}: the story was not opened\n")
        return None
    finally:
        progress.clear()


def _validate(path: Path, out: Output, err: Output) -> int:
    result = _load(path, err)
    if result is None:
        return EXIT_STORY
    for warning in result.warnings:
        err.write(warning.format() + "\n")
    story = result.story
    counts = ", ".join(_plural(n, word) for n, word in (
        (len(story.chapters), "chapter"), (story.event_count, "event"),
        (len(story.perspectives), "perspective"),
    ))
    out.write(f"OK: {story.title}: {counts}\n")
    return EXIT_OK


def _export(path: Path, form: str, order: str, out: Output, err: Output) -> int:
    if form == "json" and order != "chapters":
        raise LaunchError("--order time arranges the Markdown transcript; the JSON export is "
                          "the model, chapter by chapter")
    result = _load(path, err)
    if result is None:
        return EXIT_STORY
    from ihostage_tui import export
    from ihostage_tui.model import Order

    out.write(export.to_json(result.story) if form == "json"
              else export.to_markdown(result.story, Order(order)))
    return EXIT_OK


def _new(given: str, out: Output, err: Output) -> int:
    from ihostage_tui.persist import reason
    from ihostage_tui.starter import write_starter

    try:
        written = write_starter(Path(given), cut(given))
    except OSError as error:
        err.write(f"ihostage-tui: error: could not write the starter story in {cut(given)} "
                  f"({reason(error)})\n")
        return EXIT_IO
    typed = shlex.quote(cut(given))
    out.write(f"Wrote a starter story in {cut(given)}: {', '.join(written)}\n"
              f"  read it:  ihostage-tui --story {typed}   (edits show as you save them)\n"
              f"  check it: ihostage-tui validate {typed}\n")
    return EXIT_OK


def _schema(kind: str, out: Output) -> int:
    import json

    from ihostage_tui.schema import schema

    out.write(json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK


def _open(path: Path, err: Output) -> tuple[Story | None, str]:
    """The story to read: from the cache when its files are unchanged, else loaded and cached.

    Also one line to show in the reader when the cache could not be written, else "".
    """
    from ihostage_tui import storycache

    identity = story_identity(path)
    story = storycache.lookup(identity)
    if story is not None:
        return story, ""
    result = _load(identity, err)
    if result is None:
        return None, ""
    return result.story, storycache.store(result.story, result.files)


def _clear_cache(out: Output, err: Output) -> int:
    from ihostage_tui import storycache
    from ihostage_tui.persist import reason

    folder = storycache.default_dir()
    try:
        removed = storycache.clear(folder)
    except OSError as error:
        err.write(f"ihostage-tui: error: could not clear the story cache ({reason(error)})\n")
        return EXIT_IO
    out.write(f"Removed {removed:,} cached {'story' if removed == 1 else 'stories'} "
              f"from {folder}\n")
    return EXIT_OK


def _read(args: argparse.Namespace, err: Output) -> int:
    from ihostage_tui.startup import collector_paused

    with collector_paused() as collecting:  # from here until the reader is on screen
        return _start_reader(args, err, collecting)


def _start_reader(args: argparse.Namespace, err: Output, collecting: bool) -> int:
    path = _story_path(args.story)
    story, notice = _open(path, err)
    if story is None:
        return EXIT_STORY
    from ihostage_tui.startup import start_state

    start_state(story, chapter=args.chapter, perspective=args.perspective, at=args.at)
    closed = closed_standard_stream()
    if closed:
        err.write(f"ihostage-tui: error: standard {closed} is closed; the reader needs a "
                  "terminal (validate and export do not)\n")
        return EXIT_IO
    from ihostage_tui.app import run_reader

    keymap, said = load_keymap(default_config())
    notice = " ".join(line for line in (notice, said) if line)
    code, report = run_reader(story, resume=not args.no_resume, save=not args.no_save,
                              chapter=args.chapter, perspective=args.perspective, at=args.at,
                              notice=notice, watch=None if args.no_watch else path,
                              note=args.note, keymap=keymap, collecting=collecting)
    if code == 0:
        return EXIT_OK
    err.write(f"ihostage-tui: internal error in the reader (a bug); {keep_crash_report(report)}\n")
    return EXIT_INTERNAL


def _serve(args: argparse.Namespace, out: Output, err: Output) -> int:
    """Check the story and the start options once, then serve a reader to each visitor."""
    if args.story is not None:  # the readers may start in another folder
        args.story = str(_story_path(args.story).resolve())
    story, notice = _open(_story_path(args.story), err)
    if story is None:
        return EXIT_STORY
    if notice:  # the story cache could not be written: each visitor's reader parses the story
        err.write(notice + "\n")
    from ihostage_tui.serve import serve
    from ihostage_tui.startup import start_state

    start_state(story, chapter=args.chapter, perspective=args.perspective, at=args.at)
    serve(story.title, _reader_argv(args, args.reader_options), args.host, args.port,
          cast(TextIO, out))
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None,
         err: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    stdout, stderr = Output(out or sys.stdout), Output(err or sys.stderr)
    try:
        with redirect_stdout(cast(TextIO, stdout)), redirect_stderr(cast(TextIO, stderr)):
            args = _parser().parse_args(argv)  # argparse prints usage and help to sys.std*
    except SystemExit as stop:
        return _finish(stop.code if isinstance(stop.code, int) else EXIT_USAGE, stdout, stderr)
    return _finish(_command(args, stdout, stderr), stdout, stderr)


def _format(out: Output) -> int:
    out.write(format_reference().read_text(encoding="utf-8"))
    return EXIT_OK


def _command(args: argparse.Namespace, out: Output, err: Output) -> int:
    commands = {"validate": lambda: _validate(_story_path(args.path), out, err),
                "export": lambda: _export(_story_path(args.path), args.format, args.order,
                                           out, err),
                "cache": lambda: _clear_cache(out, err), "new": lambda: _new(args.path, out, err),
                "schema": lambda: _schema(args.kind, out), "serve": lambda: _serve(args, out, err),
                "format": lambda: _format(out)}
    try:
        return commands.get(args.command, lambda: _read(args, err))()
    except LaunchError as error:
        err.write(f"ihostage-tui: error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # a bug of ours: one line, never a traceback
        err.write(f"ihostage-tui: internal error: {type(error).__name__}: {cut(str(error))}\n"
                  "  please report it, with the command you ran\n")
        return EXIT_INTERNAL


def _finish(code: int, out: Output, err: Output) -> int:
    """The exit code once the output is flushed: a failed write is said in one line and makes
    a command that had succeeded fail (a pipe closed by its reader changes nothing)."""
    out.finish()
    if out.failure:
        err.write(f"ihostage-tui: error: could not write the output ({out.failure})\n")
        code = code or EXIT_IO
    err.finish()
    return code
