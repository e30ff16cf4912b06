"""How a source is named wherever it is cited, one way each (plain Python, no Textual).

Short (the publisher: `NOS, NU.nl`) under an event and beside a disputed version; labelled
(`NOS, Gijzeling in Apple Store`) in the export's source line; in full (the title as given, marked
when the author translated it) on the evidence screen and in the export's list of sources.
"""

from __future__ import annotations

from ihostage_tui.model import Source, Story

TRANSLATED = " (title translated into English)"
"""Said after a title that the author rendered in English from another language."""


def short_name(source: Source | None, source_id: str) -> str:
    """The publisher; the title where there is none; the id of a source the story lacks."""
    if source is None:
        return source_id
    return source.publisher or source.title


def source_names(story: Story, ids: tuple[str, ...]) -> str:
    """Short citations, each publisher once, in the order cited: `NOS, NU.nl`."""
    return ", ".join(dict.fromkeys(short_name(story.source(sid), sid) for sid in ids))


def source_label(source: Source | None, source_id: str) -> str:
    """`Publisher, title` (the title alone where there is no publisher)."""
    if source is None:
        return source_id
    return f"{source.publisher}, {source.title}" if source.publisher else source.title


def title_as_given(source: Source) -> str:
    """The source's title, marked when it is the author's translation."""
    return source.title + (TRANSLATED if source.title_translated else "")
