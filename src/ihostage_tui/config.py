"""The user's settings file: today only a keymap, to rebind the reader's keys.

`config.toml` in the user's config folder (`ihostage-tui` under `~/.config` on Linux), e.g.:

    [keymap]
    next-chapter = "l"
    prev-chapter = "h"

Each name is a binding id (the README lists them); each value is one or more keys, comma
separated, in Textual's key names. A file that cannot be read gives a one-line notice and the
default keys; it never stops the reader from opening. Plain Python: no Textual here.
"""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_config_dir

CONFIG_FILE = "config.toml"
"""The settings file's name inside the user's config folder."""


def default_config() -> Path:
    """The user's settings file (which may not exist)."""
    return Path(user_config_dir("ihostage-tui")) / CONFIG_FILE


def load_keymap(path: Path) -> tuple[dict[str, str], str]:
    """The `[keymap]` table of a settings file, and a one-line notice of what was wrong, or "".

    A missing file is no keymap and no notice; a file that cannot be read or parsed, or a table
    whose values are not key strings, gives an empty keymap and says why.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""  # as most starts go: TOML is not even imported
    except (OSError, UnicodeDecodeError) as error:
        return {}, _not_read(path, error)
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return {}, _not_read(path, error)
    table = data.get("keymap", {})
    if not isinstance(table, dict):
        return {}, f"{path.name}: [keymap] must be a table of id = \"keys\"; default keys in use."
    wrong = sorted(name for name, keys in table.items() if not _is_keys(keys))
    keymap = {name: keys.strip() for name, keys in table.items() if _is_keys(keys)}
    if wrong:
        return keymap, f"{path.name}: keymap: {', '.join(wrong[:5])} must be a key such as \"l\"."
    return keymap, ""


def _not_read(path: Path, error: Exception) -> str:
    return f"{path.name}: not read ({error}); the default keys are in use."


def unknown_ids(keymap: dict[str, str], known: set[str]) -> str:
    """A one-line notice naming keymap entries that rebind no key, or ""."""
    unknown = sorted(set(keymap) - known)
    if not unknown:
        return ""
    return (f"{CONFIG_FILE}: keymap: no key is called {', '.join(unknown[:5])}; "
            "`?` lists the keys, the README their ids.")


def _is_keys(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
