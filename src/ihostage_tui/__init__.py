"""ihostage-tui: a terminal reader for true stories told minute by minute."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ihostage-tui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
