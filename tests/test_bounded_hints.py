"""validate stays linear and short: thousands of unknown ids, each hint a line, each search bounded.

No clock is read here: what is bounded is counted (names compared per search, characters per
hint), so the test cannot pass or fail by the speed of the machine.
"""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest
import yaml

from ihostage_tui import suggest
from ihostage_tui.cli import main

SOURCES, UNKNOWN, CHAPTERS = 2000, 60, 10
"""2,000 sources and perspectives; 10 chapters each citing 60 unknown sources and giving views
for 60 unknown perspectives: 1,200 unknown ids."""


def write(root: Path) -> None:
    perspectives = [{"id": f"side-{n}", "name": f"Side {n}"} for n in range(SOURCES)]
    sources = [{"id": f"source-{n:05d}", "title": f"Source {n}"} for n in range(SOURCES)]
    names = [f"chapters/{n}.yaml" for n in range(CHAPTERS)]
    story = {"format": 1, "title": "Many", "timezone": "UTC", "date": "2022-02-22",
             "perspectives": perspectives, "sources": sources, "chapters": names}
    (root / "chapters").mkdir(parents=True)
    (root / "story.yaml").write_text(yaml.safe_dump(story), encoding="utf-8")
    for n, name in enumerate(names):
        events = [{"at": "17:30", "title": "E", "text": "x",
                   "views": {f"sid-{n}-{k}" + "x" * 70: "v" for k in range(UNKNOWN)},
                   "sources": [f"source-{n:02d}{k:03d}x" for k in range(UNKNOWN)]}]
        (root / name).write_text(yaml.safe_dump({"id": f"c{n}", "title": "C", "events": events}),
                                 encoding="utf-8")


def test_thousands_of_unknown_ids_give_short_hints_from_bounded_searches(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[int] = []
    matching = difflib.get_close_matches

    def counted(word: str, possibilities: list[str], n: int = 3, cutoff: float = 0.6
                ) -> list[str]:
        compared.append(len(possibilities))
        return matching(word, possibilities, n, cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    write(tmp_path / "story")
    err = io.StringIO()
    assert main(["validate", str(tmp_path / "story")], out=io.StringIO(), err=err) == 1
    hints = [line for line in err.getvalue().splitlines() if line.startswith("  hint: ")]
    assert len(hints) >= CHAPTERS * UNKNOWN  # every unknown id is reported, with a hint
    assert max(len(hint) for hint in hints) < 300
    assert "(2,000 in all)" in err.getvalue()
    assert compared and max(compared) <= suggest.MAX_CANDIDATES
    assert "did you mean 'source-00001'?" in err.getvalue()  # the neighbour search finds it


def test_names_lists_a_handful() -> None:
    assert suggest.names(["a", "b"]) == "a, b"
    many = suggest.names([f"name-{n}" + "y" * 100 for n in range(10)])
    assert many.endswith(", ... (10 in all)") and many.count(",") == suggest.SHOWN_NAMES
    assert len(many) < 400
