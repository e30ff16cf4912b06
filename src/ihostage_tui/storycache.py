"""A cache of checked stories, so the reader reopens a story without parsing its YAML again.

Plain Python, no Textual and no PyYAML. After the loader has checked a story, the reader stores
the model (serialised by `codec`, from the model's own dataclasses) in the user's cache folder,
one entry per story file: the entry's name comes from the story's identity (its story file,
resolved), and it holds the size and SHA-256 digest of the bytes the loader parsed from every
file. On the next start the files are read (not parsed) and hashed; if every byte is the same,
the model comes from the cache in a few milliseconds, saving PyYAML's import and the parse.
Any change, and any entry that cannot be read or trusted, means a normal load (and a new entry).
`validate` and `export` never use the cache: they always check the files themselves.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ihostage_tui import codec, persist
from ihostage_tui.locations import identity_key
from ihostage_tui.model import Story

if TYPE_CHECKING:
    from ihostage_tui.loader import FileRead

VERSION = 5
"""Format of a cache entry; entries of another version are ignored (and later replaced)."""
MAX_ENTRY_BYTES = 1 << 30
"""Largest entry read back; a larger file is not ours."""
PREFIX = "story-"
"""Every entry's name starts with this (and ends with .json)."""


def default_dir() -> Path:
    """The user's cache folder for ihostage-tui."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ihostage-tui"))


def entry_path(folder: Path, file: str) -> Path:
    """Where the entry of the story read from `file` (its identity) is kept."""
    return folder / f"{PREFIX}{identity_key(file)}.json"


def store(story: Story, files: tuple[FileRead, ...], folder: Path | None = None) -> str:
    """Remember a checked story and the files it was read from; "" or one line saying why not."""
    entry = {"version": VERSION, "file": story.file,
             "files": [[f.name, f.size, f.digest] for f in files], "story": codec.encode(story)}
    try:
        persist.write_atomic(entry_path(folder or default_dir(), story.file), json.dumps(entry))
    except OSError as error:
        return f"Could not write the story cache ({persist.reason(error)}); it is read afresh."
    return ""


def lookup(identity: Path, folder: Path | None = None) -> Story | None:
    """The cached story read from this story file (resolved) if its files are unchanged."""
    try:
        raw = persist.read_regular(entry_path(folder or default_dir(), str(identity)),
                                   MAX_ENTRY_BYTES)
        entry = json.loads(raw or b"")
        if type(entry) is not dict or entry.get("version") != VERSION \
                or entry.get("file") != str(identity) or not _unchanged(identity, entry["files"]):
            return None
        story = codec.decode(Story, entry["story"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None
    return story if story.file == str(identity) else None


def _unchanged(identity: Path, files: list[list[object]]) -> bool:
    """Whether every file still has the size and digest it had when the story was parsed."""
    root = identity.parent
    if any(type(size) is not int or (root / str(name)).stat().st_size != size
           for name, size, _digest in files):
        return False  # a cheap check first: most edits change a size
    for name, size, digest in files:
        data = persist.read_regular(root / str(name), int(str(size)))
        if data is None or hashlib.sha256(data).hexdigest() != digest:
            return False
    return bool(files)


def clear(folder: Path | None = None) -> int:
    """Remove every cached story; how many entries were removed (`OSError` if it fails)."""
    removed = 0
    for entry in (folder or default_dir()).glob(f"{PREFIX}*.json"):
        entry.unlink(missing_ok=True)
        removed += 1
    return removed
