"""Files the app keeps for itself (reading positions, the story cache): plain Python, no Textual.

One way to write (`write_atomic`: a temporary file beside the target, flushed to disk, then
renamed over it, so a reader of the file sees the old content or the new, never half) and one
way to read (`read_regular`: only a regular file, never blocking on a FIFO or a device, never
more than a limit). Both raise `OSError`; `reason` says why in words, without the path.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` (UTF-8) in one step; its folder is created if needed.

    On failure the old file is intact, the temporary file is removed and `OSError` is raised.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    temp = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        temp.replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of at most `limit` bytes; None when it is not that.

    Never blocks on a FIFO or a device; `OSError` when the file cannot be read at all.
    """
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(handle, "rb", buffering=0) as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        chunks, size = [], 0
        while size <= limit and (chunk := file.read(limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    return None if size > limit else b"".join(chunks)


def reason(error: OSError) -> str:
    """Why a file operation failed, in words, without the path (paths may hold any character)."""
    if error.strerror:
        return error.strerror
    return os.strerror(error.errno) if error.errno else type(error).__name__
