"""Lines and columns in messages are the ones an editor shows, whatever breaks libyaml counts.

libyaml ends a line at U+0085 (NEL), U+2028 and U+2029 as well; editors show them inside a
line. Each file below holds them in text or comments before a problem; the problems must be
reported where they are reported in the same file with those characters replaced by ordinary
ones, which every line counter agrees on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ihostage_tui.errors import StoryError
from ihostage_tui.loader import load_story

GOOD = Path(__file__).parent / "data" / "stories" / "good"
ODD = "\x85\u2028\u2029"
EVENTS = (GOOD / "chapters" / "01-departure.yaml").read_text(encoding="utf-8")
EVENTS = EVENTS[EVENTS.index("events:") :]

CASES = {
    "unknown field after odd text": f'id: one\ntitle: "A{ODD}B"\nsummary: "x{ODD}"\ntitel: X\n'
                                    + EVENTS,
    "duplicate key in a line holding odd text":
        f'{{id: one, title: "x{ODD}y", id: two, events: [{{at: "17:30", title: "x{ODD}y", '
        'text: t, sources: [nope], approx: maybe}]}\n',
    "odd characters in comments": f"# note {ODD[1]}\nid: one # {ODD[2]}\ntitel: X\n" + EVENTS,
    "syntax error": f'id: one\ntitle: "x{ODD}y"\nsummary: "x{ODD}y" [a, b\n',
    "unclosed flow": f'id: one\ntitle: "x{ODD}y"\nsummary: [a, "x{ODD}y", b\n',
    "nesting read ahead": f'id: one\ntitle: "x{ODD}y"\nsummary: {"[" * 40}\n',
    "duplicate chapter id line": f'id: one\ntitle: "x{ODD}y"\n' + EVENTS.replace(
        "events:", f'events:\n  - id: dup\n    at: "17:00"\n    title: "x{ODD}y"\n    text: x\n'
        '    sources: [log]\n  - id: dup\n    at: "17:01"\n    title: y\n    text: x\n'
        '    sources: [log]', 1),
}


def problems(folder: Path, chapter: str) -> list[tuple[int, int, str]]:
    """Each problem's line, column and the first words of its message."""
    (folder / "chapters").mkdir(parents=True)
    (folder / "story.yaml").write_text((GOOD / "story.yaml").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    (folder / "chapters" / "01-departure.yaml").write_text(chapter, encoding="utf-8")
    with pytest.raises(StoryError) as caught:
        load_story(folder)
    found = [(p.line, p.column, p.message.split("'")[0]) for p in caught.value.problems]
    assert found
    return found


@pytest.mark.parametrize("case", CASES)
def test_positions_are_an_editors(case: str, tmp_path: Path) -> None:
    text = CASES[case]
    plain = text.translate({ord(c): "_" for c in ODD})
    assert problems(tmp_path / "odd", text) == problems(tmp_path / "plain", plain)
