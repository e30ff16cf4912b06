"""Property: a story opened from the cache is exactly the story a fresh load gives.

Hypothesis writes stories in many zones with times anywhere from year 1 to 9999, crowded around
daylight-saving changes (including the hour clocks repeat), at every precision, with any text;
each is loaded, cached and looked up again, and the two models must be equal, every time to its
wall clock, UTC offset, zone and fold. A clock time the zone skips must be a located error.
"""

from __future__ import annotations

import os
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ihostage_tui import codec, storycache
from ihostage_tui.errors import StoryError
from ihostage_tui.loader import load
from ihostage_tui.locations import story_identity
from ihostage_tui.model import Story

EXAMPLES = int(os.environ.get("IHOSTAGE_PROPERTY_EXAMPLES", "60"))
"""Stories per run; the default keeps this test to a few seconds."""

ZONES = ["Europe/Amsterdam", "America/New_York", "UTC", "Australia/Lord_Howe",
         "America/Santiago", "Asia/Kathmandu"]
CHANGES = [datetime(2022, 3, 27, 1), datetime(2022, 10, 30, 1), datetime(2022, 3, 13, 1),
           datetime(2022, 11, 6, 0, 30), datetime(2022, 4, 3, 1), datetime(2022, 9, 3, 22)]
"""Around daylight-saving changes of those zones (2022), as wall times."""
FORMS = {"second": 19, "minute": 16, "day": 10, "month": 7, "year": 4}
"""Each precision, by how much of `YYYY-MM-DD HH:MM:SS` an author writes."""

wall_times = st.one_of(
    st.datetimes(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)),
    st.builds(lambda base, minutes: base + timedelta(minutes=minutes),
              st.sampled_from(CHANGES), st.integers(0, 240)),
    st.sampled_from([datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59)]),
)
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40).map(lambda t: f"T {t}")
events = st.lists(st.tuples(wall_times, st.sampled_from(sorted(FORMS)), texts, st.booleans()),
                  min_size=1, max_size=8)


def write(root: Path, zone: str, chapters: list[list[tuple[datetime, str, str, bool]]]) -> None:
    """A story with these events (sorted into time order), one chapter file per list."""
    (root / "chapters").mkdir(parents=True)
    names = [f"chapters/{n:02d}.yaml" for n in range(len(chapters))]
    story: dict[str, Any] = {
        "format": 1, "title": "Cached", "timezone": zone, "date": "2022-03-27",
        "perspectives": [{"id": "a", "name": "A"}], "sources": [{"id": "s", "title": "S"}],
        "chapters": names}
    dump(root / "story.yaml", story)
    for n, (name, items) in enumerate(zip(names, chapters, strict=True)):
        rows = [{"at": written(moment, form), "title": text, "approx": approx, "text": text,
                 "views": {"a": text[::-1]}, "sources": ["s"]}
                for moment, form, text, approx
                in sorted(items, key=lambda item: truncated(item[0], item[1]))]
        dump(root / name, {"id": f"c{n}", "title": f"C{n}", "events": rows})


def written(moment: datetime, form: str) -> str:
    """The time as an author writes it at this precision (years always with four digits)."""
    return f"{moment.year:04d}-{moment:%m-%d %H:%M:%S}"[: FORMS[form]]


def truncated(moment: datetime, form: str) -> datetime:
    """The wall time the written form stands for (the start of its period)."""
    text = written(moment, form)
    return datetime.fromisoformat(f"{text}-01-01"[:10] + text[10:])


def dump(path: Path, data: object) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def exact(story: Story) -> list[tuple[str, int, str]]:
    """Every event's time as written, offset included, with its fold and zone."""
    return [(e.at.isoformat(), e.at.fold, str(e.at.tzinfo)) for e in story.events]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ZONES), st.lists(events, min_size=1, max_size=3))
def test_the_cache_gives_back_exactly_the_fresh_story(
        zone: str, chapters: list[list[tuple[datetime, str, str, bool]]]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "story"
        write(root, zone, chapters)
        try:
            result = load(root)
        except StoryError as error:  # only a clock time the zone skips may fail
            assert all("does not exist" in p.message for p in error.problems), error.format()
            assert all(p.line > 0 and p.column > 0 for p in error.problems)
            return
        assert storycache.store(result.story, result.files, Path(scratch) / "cache") == ""
        cached = storycache.lookup(story_identity(root), Path(scratch) / "cache")
        assert cached == result.story
        assert cached is not None and exact(cached) == exact(result.story)
        assert codec.encode(cached) == codec.encode(result.story)
