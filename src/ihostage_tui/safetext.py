"""Text from outside made safe to print: one function for everything that reaches a terminal.

Plain Python, no Textual. Story text, file and folder names, command-line arguments and the
messages that quote them all pass through `printable` before they are printed or shown: control
characters (the escape sequences that set a terminal's title, move its cursor or recolour it,
and the C1 controls some terminals obey) become visible symbols, and the undecodable bytes of a
file name (lone surrogates) become U+FFFD, so nothing from a file or an argument is ever obeyed
by the terminal, and printing never fails on a name that is not UTF-8.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
"""What `printable` replaces: C0 controls but tab and line feed, DEL, C1, lone surrogates."""
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SHOWN = 60
"""Longest value quoted in a one-line message; longer ones are cut with an ellipsis."""
TYPED = 40
"""Longest text a reader typed (a search, a time) quoted back in a dialog's line or a notice."""


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ ... ␟: the control picture for each C0 character
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """The text with nothing a terminal would obey: controls shown as symbols (`␛`), tabs and
    line breaks kept."""
    return _UNSAFE.sub(_picture, text) if _UNSAFE.search(text) else text


def shown(value: str, limit: int = _SHOWN) -> str:
    """A value quoted for a one-line message: controls and line breaks visible, long values cut.

    The one way a message quotes what it was given: a story's value in an error, a file name,
    an option's argument, a search or a time the reader typed.
    """
    if len(value) > limit:
        value = value[: limit - 1] + "\u2026"
    return repr(_UNSAFE_IN_LINE.sub(_picture, value))


def cut(text: str, limit: int = 80) -> str:
    """Text for one line of a message: controls visible, cut in the middle when it is long."""
    text = _UNSAFE_IN_LINE.sub(_picture, text)
    return text if len(text) <= limit else f"{text[: limit // 2]}\u2026{text[-limit // 2 :]}"
