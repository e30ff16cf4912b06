"""`ihostage-tui new PATH`: write the starter story, a small valid story that teaches the format.

The starter's files ship inside the package (`ihostage_tui/starter/`), so `new` works from an
installed wheel as well as from the source tree. No Textual, no YAML: the files are copied as they
are, comments included.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from ihostage_tui.errors import LaunchError
from ihostage_tui.locations import STORY_FILE


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    """Every YAML file under a packaged folder, as (relative path, file), by name."""
    found: list[tuple[str, Traversable]] = []
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if item.is_dir():
            found.extend(_files(item, f"{prefix}{item.name}/"))
        elif item.name.endswith(".yaml"):
            found.append((f"{prefix}{item.name}", item))
    return found


def starter_files() -> list[tuple[str, str]]:
    """The starter story: (path relative to the story folder, text) for each file."""
    root = files("ihostage_tui").joinpath("starter")
    found = sorted(_files(root), key=lambda entry: (entry[0] != STORY_FILE, entry[0]))
    return [(name, item.read_text(encoding="utf-8")) for name, item in found]


def _check_target(path: Path, shown: str) -> None:
    """`LaunchError` unless `path` is absent or an empty folder."""
    try:
        if path.is_dir():
            if any(path.iterdir()):
                raise LaunchError(f"{shown}: the folder is not empty; "
                                  "name a new or empty folder for the story")
        elif path.exists() or path.is_symlink():
            raise LaunchError(f"{shown}: already exists and is not a folder")
    except OSError as error:
        raise LaunchError(f"{shown}: {error.strerror or error}") from None


def write_starter(path: Path, shown: str) -> list[str]:
    """Write the starter story into `path` (created if absent); the files written, in order.

    Refuses (`LaunchError`, one line, nothing written) a path that is a file or a folder that
    is not empty, so nothing an author wrote is ever overwritten. `shown` is the path as the
    user should see it in a message. `OSError` when a file cannot be written.
    """
    _check_target(path, shown)
    written: list[str] = []
    for name, text in starter_files():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as file:
            file.write(text)
        written.append(name)
    return written
