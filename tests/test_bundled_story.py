"""The bundled story in `story/`: the rules of issue 3 that a program can check.

Each test states one rule about the story that ships with the app (the Apple Store hostage-taking
on Leidseplein, 22 February 2022) and fails when an edit to the YAML breaks it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ihostage_tui.export import to_markdown
from ihostage_tui.loader import load_story
from ihostage_tui.model import Event, Order, Story

STORY_DIR = Path(__file__).parents[1] / "story"
ZONE = ZoneInfo("Europe/Amsterdam")
NIGHT_START = datetime(2022, 2, 22, 17, 0, tzinfo=ZONE)
NIGHT_END = datetime(2022, 2, 23, 1, 0, tzinfo=ZONE)
PERSPECTIVES = ["gunman", "inside", "police", "media"]

# Private people the press names who must never be named in the story, kept here only as the
# first 16 hex digits of the SHA-256 of each name's normalised words (see `_words`), so this file
# names nobody either. By role: the employee from the closet (surname in both spellings the press
# uses, and first name); the lawyer who announced the gunman's death (full name and surname); the
# explosives expert (full name and surname); the theatre critic who ran into the store (full name
# and surname).
PRIVATE_NAME_DIGESTS = {
    "61931c78fbd0330f", "e62a38eaaedde76f", "4135aa9dc1b842a6",
    "cfaee747e25e7f99", "7b2133853ae6c292",
    "3b84d01bf2f96c17", "c543cb5694168ef2",
    "e5dde401762dc9ab", "3a7f6b064fe2fd3a",
}
LONGEST_NAME = 5
"""Words in the longest name the digests stand for."""


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(STORY_DIR)


def night_events(story: Story) -> list[Event]:
    return [event for event in story.events if NIGHT_START <= event.at < NIGHT_END]


def cited_ids(event: Event) -> set[str]:
    """Every source id an event cites, in its own list or in any disputed version."""
    ids = set(event.sources)
    for dispute in event.disputed:
        for version in dispute.versions:
            ids.update(version.sources)
    return ids


def test_story_is_in_amsterdam_time_on_the_day(story: Story) -> None:
    assert story.timezone == "Europe/Amsterdam"
    assert story.date.isoformat() == "2022-02-22"


def test_at_least_fifty_events(story: Story) -> None:
    assert story.event_count >= 50


def test_eight_to_twelve_chapters(story: Story) -> None:
    assert 8 <= len(story.chapters) <= 12


def test_perspectives_in_order(story: Story) -> None:
    assert [p.id for p in story.perspectives] == PERSPECTIVES
    for perspective in story.perspectives:
        assert perspective.short, perspective.id
        assert perspective.description, perspective.id


def test_every_event_cites_a_source(story: Story) -> None:
    uncited = [event.id for event in story.events if not event.sources]
    assert uncited == []


def test_every_listed_source_is_cited(story: Story) -> None:
    cited: set[str] = set()
    for event in story.events:
        cited |= cited_ids(event)
    listed = {source.id for source in story.sources}
    assert listed - cited == set()


def test_no_dangling_ids(story: Story) -> None:
    perspectives = {p.id for p in story.perspectives}
    sources = {s.id for s in story.sources}
    for event in story.events:
        for view in event.views:
            assert view.perspective in perspectives, (event.id, view.perspective)
        assert cited_ids(event) <= sources, (event.id, cited_ids(event) - sources)


def test_disputes_have_two_sourced_versions(story: Story) -> None:
    for event in story.events:
        for dispute in event.disputed:
            assert len(dispute.versions) >= 2, (event.id, dispute.what)
            for version in dispute.versions:
                assert version.sources, (event.id, dispute.what)


def test_the_night_is_covered(story: Story) -> None:
    assert len(night_events(story)) >= 25


@pytest.mark.parametrize("perspective", PERSPECTIVES)
def test_each_perspective_views_a_third_of_the_night(story: Story, perspective: str) -> None:
    events = night_events(story)
    viewed = [event for event in events if event.view(perspective)]
    assert 3 * len(viewed) >= len(events), f"{perspective}: {len(viewed)} of {len(events)}"


def test_content_note_warns_of_a_real_death(story: Story) -> None:
    note = story.content_note.lower()
    assert note.strip()
    assert "real" in note
    assert "died" in note


def _told_outside_disputes(story: Story) -> list[str]:
    """Every text the reader sees as the story's own account: event texts and views."""
    texts = [story.summary, story.content_note]
    for chapter in story.chapters:
        texts.append(chapter.summary)
        for event in chapter.events:
            texts.append(event.title)
            texts.append(event.text)
            texts.extend(view.text for view in event.views)
    return texts


@pytest.mark.parametrize("claim", ["230", "17:41"])
def test_contested_claims_appear_only_as_attributed_versions(story: Story, claim: str) -> None:
    explainer_or_decrypt = {"explainer", "decrypt"}
    attributed = [
        version
        for event in story.events
        for dispute in event.disputed
        for version in dispute.versions
        if claim in version.says
    ]
    assert attributed, f"no disputed version mentions {claim!r}"
    for version in attributed:
        assert set(version.sources) & explainer_or_decrypt, version
    stated = [text for text in _told_outside_disputes(story) if claim in text]
    assert stated == []


def test_demand_is_given_in_euros(story: Story) -> None:
    assert any("200 million euros" in text for text in _told_outside_disputes(story))


def _words(text: str) -> list[str]:
    """Lower-case words of letters and digits, accents dropped: "Jan-Kees" is `jan`, `kees`."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.findall(r"[a-z0-9]+", plain)


def _digest(run: str) -> str:
    return hashlib.sha256(run.encode()).hexdigest()[:16]


def _named(text: str, digests: set[str] = PRIVATE_NAME_DIGESTS) -> set[str]:
    """The digests of every run of one to `LONGEST_NAME` words that matches one of `digests`."""
    words = _words(text)
    runs = {" ".join(words[i:i + n]) for n in range(1, LONGEST_NAME + 1)
            for i in range(len(words) - n + 1)}
    return {_digest(run) for run in runs} & digests


def test_the_name_check_finds_a_name_however_it_is_written() -> None:
    """With an invented name: case, accents, hyphens and line breaks do not hide it."""
    invented = {_digest("wim van fictief")}
    for text in ("WIM VAN FICTIEF said", "Wím van\n  Fictíef", "(Wim-van-Fictief)"):
        assert _named(text, invented) == invented, text
    assert _named("Wim van Fictiefstraat", invented) == set()


def test_private_names_appear_in_no_story_file() -> None:
    files = sorted(STORY_DIR.rglob("*.yaml"))
    assert files
    hits = [str(path.relative_to(STORY_DIR)) for path in files
            if _named(path.read_text(encoding="utf-8"))]
    assert hits == []


def test_disputes_cover_the_known_disagreements(story: Story) -> None:
    points = " | ".join(
        dispute.what.lower() for event in story.events for dispute in event.disputed
    )
    for needle in [
        "demand",
        "police first arrived",
        "how many people",
        "explosives were real",
        "when it ended",
        "closet",
        "escape",
        "nationality",
        "how many gunmen",
    ]:
        assert needle in points, needle


def test_film_chapter_comes_last_and_names_what_was_invented(story: Story) -> None:
    film = story.chapters[-1]
    told = " ".join(event.text for event in film.events)
    assert film.events[0].at.year >= 2024
    for needle in ["iHostage", "fictional", "negotiator", "country", "AirPods"]:
        assert needle.lower() in told.lower(), needle


def test_each_disagreement_is_set_out_once(story: Story) -> None:
    """A dispute is shown at the event where it matters; elsewhere the story refers to it."""
    points = [dispute.what.lower() for event in story.events for dispute in event.disputed]
    assert sorted(p for p in set(points) if points.count(p) > 1) == []
    for topic in ("nationality", "how many gunmen", "how many shots"):
        assert sum(topic in point for point in points) == 1, topic


def _content_words(text: str) -> list[str]:
    return [word for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 3]


def test_no_view_repeats_the_overview(story: Story) -> None:
    """A perspective's view adds to the neutral account: at most 3 in 4 of its words are in it."""
    repeats = []
    for event in story.events:
        told = set(_content_words(event.text))
        for view in event.views:
            words = _content_words(view.text)
            if told and words and sum(word in told for word in words) >= 0.75 * len(words):
                repeats.append((event.id, view.perspective))
    assert repeats == []


def test_the_export_in_time_order_reads_forward_with_the_corrections(story: Story) -> None:
    """`export --order time`: the night in the order it happened, as corrected by issue 13."""
    text = to_markdown(story, Order.TIME)
    moments = [event.at for event in story.time_order.events]
    assert moments == sorted(moments)
    night = ["An armed man walks into the store", "The gunman calls the police",
             "The first message to AT5's tip line", "The canteen group slips out at the back",
             "The hostage runs", "Paauw and Groot Wassink face the press",
             "The minister and the national police chief commend the police",
             "The gunman's death is announced", "A call for witnesses"]
    where = [text.index(f" · {title}\n") for title in night]
    assert where == sorted(where)
    for gone in ("some say euros", "thrown", "for order", "by most accounts", "drove to"):
        assert gone not in text.lower(), gone
    for fixed in ("rolls over the bonnet", "One More Thing; Apple Store Leidseplein",
                  "(title translated into English)", "until 20:00 by people from the municipality",
                  "2022-03-03", "### ?19:00 · The gunman calls the police"):
        assert fixed in " ".join(text.split()), fixed
