"""A cache of checked stories, so the reader reopens a story without parsing its YAML again.

Plain Python, no Textual and no PyYAML. After the loader has checked a story, the reader stores
the model as JSON in the user's cache folder, with the size and a SHA-256 digest of every file it
was read from. On the next start the files are read (not parsed) and hashed; if every byte is the
same, the model comes from the cache in a few milliseconds, saving PyYAML's import and the parse.
Any change, any unreadable or foreign cache entry, means a normal load. `validate` and `export`
never use the cache: they always check the files themselves.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from ihostage_tui.model import (
    Chapter,
    Dispute,
    Event,
    Perspective,
    Precision,
    Source,
    Story,
    Version,
    View,
)

VERSION = 3
"""Format of a cache entry; entries of another version are ignored (and later replaced)."""
STORY_FILE = "story.yaml"


def default_dir() -> Path:
    """The user's cache folder for ihostage-tui."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ihostage-tui"))


def _entry(folder: Path, story_file: Path) -> Path:
    key = hashlib.sha256(str(story_file.resolve()).encode()).hexdigest()[:24]
    return folder / f"story-{key}.json"


def _fingerprint(root: Path, files: list[str]) -> tuple[list[int], str] | None:
    """Sizes and one digest of the files, or None when one cannot be read."""
    digest = hashlib.sha256()
    sizes: list[int] = []
    try:
        for name in files:
            data = (root / name).read_bytes()
            sizes.append(len(data))
            digest.update(name.encode() + b"\0" + data + b"\0")
    except OSError:
        return None
    return sizes, digest.hexdigest()


def _files(story: Story) -> list[str]:
    return [STORY_FILE, *(chapter.path for chapter in story.chapters)]


def store(story: Story, folder: Path | None = None) -> None:
    """Remember a checked story; quietly does nothing if the cache cannot be written."""
    root = Path(story.root)
    files = _files(story)
    found = _fingerprint(root, files)
    if found is None:
        return
    sizes, digest = found
    entry = {"version": VERSION, "files": files, "sizes": sizes, "digest": digest,
             "story": _to_plain(story)}
    target = _entry(folder or default_dir(), root / STORY_FILE)
    written: Path | None = None
    try:  # write aside, then rename: a reader never sees half an entry
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=target.parent, delete=False,
                                         encoding="utf-8", suffix=".tmp") as handle:
            written = Path(handle.name)
            json.dump(entry, handle, ensure_ascii=False)
        written.replace(target)
    except OSError:
        if written is not None:
            written.unlink(missing_ok=True)


def lookup(story_file: Path, folder: Path | None = None) -> Story | None:
    """The cached story for this story.yaml if its files are unchanged, else None."""
    try:
        entry = json.loads(_entry(folder or default_dir(), story_file).read_text("utf-8"))
        if entry.get("version") != VERSION:
            return None
        root = story_file.parent
        if [(root / name).stat().st_size for name in entry["files"]] != entry["sizes"]:
            return None
        if _fingerprint(root, entry["files"]) != (entry["sizes"], entry["digest"]):
            return None
        return _from_plain(entry["story"], str(root))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _to_plain(story: Story) -> dict[str, Any]:
    return {
        "title": story.title, "timezone": story.timezone, "date": story.date.isoformat(),
        "subtitle": story.subtitle, "summary": story.summary, "content_note": story.content_note,
        "format": story.format,
        "perspectives": [[p.id, p.name, p.short, p.description] for p in story.perspectives],
        "sources": [[s.id, s.title, s.publisher, s.url, s.date, s.title_translated]
                    for s in story.sources],
        "chapters": [{"id": c.id, "title": c.title, "summary": c.summary, "path": c.path,
                      "events": [_event_to_plain(e) for e in c.events]} for c in story.chapters],
    }


def _event_to_plain(event: Event) -> list[Any]:
    return [event.id, event.at.isoformat(), event.precision.value, event.approx, event.title,
            event.text, [[v.perspective, v.text] for v in event.views], list(event.sources),
            [[d.what, [[v.says, list(v.sources)] for v in d.versions]] for d in event.disputed],
            event.placed]


def _from_plain(data: dict[str, Any], root: str) -> Story:
    zone = ZoneInfo(data["timezone"])
    chapters = tuple(
        Chapter(c["id"], c["title"],
                tuple(_event_from_plain(e, c["id"], zone) for e in c["events"]),
                c["summary"], c["path"])
        for c in data["chapters"])
    return Story(
        title=data["title"], timezone=data["timezone"], date=date.fromisoformat(data["date"]),
        perspectives=tuple(Perspective(*p) for p in data["perspectives"]), chapters=chapters,
        sources=tuple(Source(*s) for s in data["sources"]), subtitle=data["subtitle"],
        summary=data["summary"], content_note=data["content_note"], format=data["format"],
        root=root,
    )


def _event_from_plain(data: list[Any], chapter_id: str, zone: ZoneInfo) -> Event:
    event_id, at, precision, approx, title, text, views, sources, disputed, placed = data
    return Event(
        event_id, chapter_id, datetime.fromisoformat(at).astimezone(zone), Precision(precision),
        approx, title, text, tuple(View(p, t) for p, t in views), tuple(sources),
        tuple(Dispute(what, tuple(Version(says, tuple(ids)) for says, ids in versions))
              for what, versions in disputed),
        placed=placed,
    )
