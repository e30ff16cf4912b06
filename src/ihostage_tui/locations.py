"""Where stories are: the one shipped with the app, and the story.yaml of a given path."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

STORY_FILE = "story.yaml"
"""The file at the top of every story folder."""


def bundled_story_path() -> Path:
    """The story shipped with the app: inside the installed package, or the source tree's story/."""
    packaged = Path(__file__).with_name("story")
    if (packaged / STORY_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "story"


def format_reference() -> Path:
    """The story format reference (Markdown): inside the installed package, or the source
    tree's docs/story-format.md."""
    packaged = Path(__file__).with_name("story-format.md")
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "docs" / "story-format.md"


def story_file(path: Path) -> Path:
    """The story.yaml of a story folder; a .yaml file given directly is taken as it is."""
    if path.name == STORY_FILE or path.suffix in (".yaml", ".yml"):
        return path
    return path / STORY_FILE


def story_identity(path: Path) -> Path:
    """The story file a path opens, absolute and with every link resolved.

    The same file whether its path is given relative, absolute or through a symbolic link; the
    path as given when it cannot be resolved (a link loop), so the loader can say what is wrong.
    """
    try:
        return story_file(path).resolve()
    except (OSError, RuntimeError):
        return story_file(path)


def identity_key(file: str) -> str:
    """A short file-name-safe key for a story file's identity (any bytes the name may hold)."""
    return hashlib.sha256(os.fsencode(file)).hexdigest()[:24]
