"""The loader: a good story loads; each broken story gives exactly the located error it should.

Each `tests/data/stories/bad-*/` folder holds one defect and `expected.txt`: the exact output of
`ihostage-tui validate .` run inside that folder (file:line:column, field, message, hint).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from ihostage_tui.cli import main
from ihostage_tui.errors import StoryError
from ihostage_tui.loader import load, load_story

STORIES = Path(__file__).parent / "data" / "stories"
BAD = sorted(path for path in STORIES.glob("bad-*") if path.is_dir())


def validate_in(folder: Path) -> tuple[int, str, str]:
    """Run `ihostage-tui validate .` inside a folder, as a user would."""
    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    os.chdir(folder)
    try:
        code = main(["validate", "."], out=out, err=err)
    finally:
        os.chdir(before)
    return code, out.getvalue(), err.getvalue()


def test_good_story_loads() -> None:
    story = load_story(STORIES / "good")
    assert story.title == "The Night Ferry"
    assert [p.id for p in story.perspectives] == ["crew", "passengers"]
    second = story.chapters[0].events[1]
    assert second.approx is True
    assert second.disputed[0].what == "How many people were on board"
    assert [v.sources for v in second.disputed[0].versions] == [("log",), ("paper",)]
    last = story.chapters[0].events[-1]
    assert last.at.isoformat() == "2021-11-06T01:15:00+01:00"


def test_story_yaml_path_is_accepted_too() -> None:
    assert load_story(STORIES / "good" / "story.yaml").title == "The Night Ferry"


def test_corpus_is_not_empty() -> None:
    assert len(BAD) >= 40


@pytest.mark.parametrize("folder", BAD, ids=[path.name for path in BAD])
def test_bad_story(folder: Path) -> None:
    expected = (folder / "expected.txt").read_text(encoding="utf-8")
    code, out, err = validate_in(folder)
    assert code == 1
    assert out == ""
    assert err == expected
    assert "Traceback" not in err


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    story = (STORIES / "good" / "story.yaml").read_text()
    chapter = (STORIES / "good" / "chapters" / "01-departure.yaml").read_text()
    (tmp_path / "chapters").mkdir()
    (tmp_path / "story.yaml").write_text(story.replace("title: The Night", "titel: The Night"))
    (tmp_path / "chapters" / "01-departure.yaml").write_text(
        chapter.replace('"21:00"', '"21:77"').replace("passengers: Pass", "pasengers: Pass")
    )
    with pytest.raises(StoryError) as caught:
        load_story(tmp_path)
    found = [(p.file.rsplit("/", 1)[-1], p.line, p.path) for p in caught.value.problems]
    assert ("story.yaml", 2, "titel") in found
    assert ("01-departure.yaml", 5, "events[0].at") in found
    assert ("01-departure.yaml", 16, "events[1].views.pasengers") in found
    hints = " ".join(p.hint for p in caught.value.problems)
    assert "did you mean 'title'?" in hints and "did you mean 'passengers'?" in hints


def test_uncited_source_is_a_warning(tmp_path: Path) -> None:
    story = (STORIES / "good" / "story.yaml").read_text()
    (tmp_path / "chapters").mkdir()
    (tmp_path / "story.yaml").write_text(
        story.replace("chapters:\n", "  - id: unused\n    title: Never cited\nchapters:\n")
    )
    (tmp_path / "chapters" / "01-departure.yaml").write_text(
        (STORIES / "good" / "chapters" / "01-departure.yaml").read_text()
    )
    result = load(tmp_path)
    assert [w.message for w in result.warnings] == ["source 'unused' is never cited"]


def test_unquoted_times_and_words_are_read_by_meaning(tmp_path: Path) -> None:
    """YAML 1.1 would make 17:30 the number 1050 and `no` a boolean; the loader does not."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "story.yaml").write_text(
        "format: 1\ntitle: no\ntimezone: UTC\ndate: 2022-02-22\nperspectives:\n"
        "  - {id: a, name: A}\nsources:\n  - {id: s, title: 1.50}\nchapters: [chapters/c.yaml]\n"
    )
    (tmp_path / "chapters" / "c.yaml").write_text(
        "id: c\ntitle: C\nevents:\n  - at: 17:30\n    title: on\n    text: 0x1F\n"
        "    sources: [s]\n"
    )
    story = load_story(tmp_path)
    event = story.chapters[0].events[0]
    assert story.title == "no"
    assert story.sources[0].title == "1.50"
    assert (event.at.hour, event.at.minute, event.title, event.text) == (17, 30, "on", "0x1F")


def test_control_characters_become_visible_symbols(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "story.yaml").write_text(
        "format: 1\ntitle: \"Bell\\a and \\e]0;owned\\a\"\ntimezone: UTC\ndate: 2022-02-22\n"
        "perspectives: [{id: a, name: A}]\nsources: [{id: s, title: S}]\n"
        "chapters: [chapters/c.yaml]\n"
    )
    (tmp_path / "chapters" / "c.yaml").write_text(
        "id: c\ntitle: C\nevents:\n  - {at: '17:30', title: T, text: \"\\x9b31m\", sources: [s]}\n"
    )
    story = load_story(tmp_path)
    assert story.title == "Bell\u2407 and \u241b]0;owned\u2407"
    assert story.chapters[0].events[0].text == "\ufffd31m"


def test_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    """Editors on Windows may start a UTF-8 file with a byte-order mark; the docs accept it."""
    good = STORIES / "good"
    (tmp_path / "chapters").mkdir()
    for name in ("story.yaml", "chapters/01-departure.yaml"):
        (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + (good / name).read_bytes())
    story = load_story(tmp_path)
    assert story.title == "The Night Ferry"
    assert story.chapters[0].id == "departure"


def test_a_translated_title_is_marked_and_exported(tmp_path: Path) -> None:
    from ihostage_tui.export import to_markdown

    (tmp_path / "story.yaml").write_text(
        "format: 1\ntitle: T\ntimezone: UTC\ndate: 2022-02-22\nperspectives: [{id: a, name: A}]\n"
        "sources:\n  - {id: s, title: Hostage-taking ends, title_translated: true}\n"
        "  - {id: e, title: In English}\nchapters: [c.yaml]\n"
    )
    (tmp_path / "c.yaml").write_text(
        "id: c\ntitle: C\nevents:\n  - {at: '17:30', title: T, text: x, sources: [s, e]}\n")
    story = load_story(tmp_path)
    assert [s.title_translated for s in story.sources] == [True, False]
    text = to_markdown(story)
    assert "Hostage-taking ends (title translated into English)" in text
    assert "In English (title" not in text
