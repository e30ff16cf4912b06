"""Synthetic stories in the real format, for benchmarks: any number of events, five chapters.

    python benchmarks/generate.py 10000 out/story-10000

Text lengths follow the bundled story (measured: titles of about 6 words, accounts of about 37,
views of about 17, 1.6 views per event; here one event in ten is disputed).
Output is deterministic for a given size.
"""

from __future__ import annotations

import argparse
import random
from datetime import datetime, timedelta
from pathlib import Path

CHAPTERS = 5
PERSPECTIVES = ("gunman", "inside", "police", "media")
WORDS = tuple(
    [
        "the",
        "police",
        "gunman",
        "store",
        "square",
        "door",
        "water",
        "hostage",
        "closet",
        "night",
        "minutes",
        "shots",
        "van",
        "cordon",
        "robot",
        "tweet",
        "negotiator",
        "employee",
        "customers",
        "broadcaster",
        "mayor",
        "statement",
        "press",
        "evening",
        "building",
        "tram",
        "street",
        "officers",
        "message",
        "photo",
        "vest",
        "demand",
        "crypto",
        "passage",
        "lights",
        "music",
        "phone",
        "canteen",
        "staircase",
        "evacuated",
        "witness",
        "bystanders",
        "livestream",
        "helicopter",
        "marechaussee",
    ]
)
START = datetime(2022, 2, 22, 8, 0)


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _event_yaml(rng: random.Random, index: int, at: datetime) -> list[str]:
    lines = [
        f'  - at: "{at:%Y-%m-%d %H:%M:%S}"',
        f"    title: {_quoted(_sentence(rng, 6))}",
        f"    text: {_quoted(_sentence(rng, 37))}",
    ]
    if index % 7 == 3:
        lines.append("    approx: true")
    viewed = rng.sample(PERSPECTIVES, rng.choice((1, 1, 2, 2, 2)))
    lines.append("    views:")
    lines += [
        f"      {pid}: {_quoted(_sentence(rng, 17))}" for pid in PERSPECTIVES if pid in viewed
    ]
    lines.append(f"    sources: [s{index % 20}, s{(index + 7) % 20}]")
    if index % 10 == 5:
        lines += [
            "    disputed:",
            f"      - what: {_quoted(_sentence(rng, 6))}",
            "        versions:",
            f"          - says: {_quoted(_sentence(rng, 12))}",
            f"            sources: [s{index % 20}]",
            f"          - says: {_quoted(_sentence(rng, 12))}",
            f"            sources: [s{(index + 7) % 20}]",
        ]
    return lines


def generate(events: int, folder: Path) -> Path:
    """Write a story of `events` events into `folder` (created); return the folder."""
    rng = random.Random(events)
    (folder / "chapters").mkdir(parents=True, exist_ok=True)
    step = timedelta(hours=15) / max(events, 1)
    per_chapter = -(-events // CHAPTERS)
    names = []
    for number in range(CHAPTERS):
        first = number * per_chapter
        lines = [
            f"id: part-{number + 1}",
            f"title: Part {number + 1}",
            f"summary: {_quoted(_sentence(rng, 20))}",
            "events:",
        ]
        for index in range(first, min(first + per_chapter, events)):
            lines += _event_yaml(rng, index, START + step * index)
        name = f"chapters/{number + 1:02d}.yaml"
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        names.append(name)
    story = [
        "format: 1",
        f"title: Synthetic story of {events:,} events",
        "timezone: Europe/Amsterdam",
        "date: 2022-02-22",
        "perspectives:",
        *(f"  - {{id: {pid}, name: {pid.title()}}}" for pid in PERSPECTIVES),
        "sources:",
        *(f"  - {{id: s{n}, title: Source {n}}}" for n in range(20)),
        "chapters:",
        *(f"  - {name}" for name in names),
    ]
    (folder / "story.yaml").write_text("\n".join(story) + "\n", encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    generate(args.events, args.folder)
    print(f"wrote {args.folder}")


if __name__ == "__main__":
    main()
