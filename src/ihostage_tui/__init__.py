"""ihostage-tui: a terminal reader for true stories told minute by minute."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed metadata only when asked (it costs ~30 ms)."""
    if name != "__version__":
        raise AttributeError(f"module 'ihostage_tui' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ihostage-tui")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"
