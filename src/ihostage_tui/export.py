"""The whole story as a Markdown transcript or as JSON of the validated model (no Textual)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from enum import Enum

from ihostage_tui.citations import source_label, source_names, title_as_given
from ihostage_tui.model import Event, Order, Story
from ihostage_tui.timefmt import TIME_LEGEND, format_event_time


def _event_lines(story: Story, event: Event) -> list[str]:
    lines = [f"### {format_event_time(event, story.date)} · {event.title}", ""]
    if event.text:
        lines += [event.text, ""]
    for perspective in story.perspectives:
        view = event.view(perspective.id)
        if view:
            lines.append(f"- **{perspective.name}:** {view}")
    if event.views:
        lines.append("")
    for dispute in event.disputed:
        lines.append(f"**Sources disagree: {dispute.what}**")
        lines += [f"- {version.says} ({source_names(story, version.sources)})"
                  for version in dispute.versions]
        lines.append("")
    cited = "; ".join(source_label(story.source(sid), sid) for sid in event.sources)
    lines += [f"*Sources: {cited}*", ""]
    return lines


def _front_matter(story: Story) -> list[str]:
    """Title, subtitle, content note, summary, the time marks and the perspectives."""
    lines = [f"# {story.title}", ""]
    if story.subtitle:
        lines += [f"*{story.subtitle}*", ""]
    if story.content_note:
        note = f"**Content note.** {story.content_note}"
        lines += [f"> {line}".rstrip() for line in note.splitlines()]
        lines.append("")
    if story.summary:
        lines += [story.summary, ""]
    lines += [f"Times are local to {story.timezone}. A mark before a time says how the sources "
              "give it:", ""]
    lines += [f"- `{example}`: {meaning}" for example, meaning in TIME_LEGEND]
    lines += ["", "Perspectives:", ""]
    lines += [f"- **{p.name}**" + (f": {p.description}" if p.description else "")
              for p in story.perspectives]
    return [*lines, ""]


def _in_chapters(story: Story) -> list[str]:
    """Chapter by chapter, as written."""
    lines: list[str] = []
    for number, chapter in enumerate(story.chapters, start=1):
        lines += [f"## {number}. {chapter.title}", ""]
        if chapter.summary:
            lines += [f"*{chapter.summary}*", ""]
        for event in chapter.events:
            lines += _event_lines(story, event)
    return lines


def _in_time(story: Story) -> list[str]:
    """Every event in one stream by time; a heading wherever the chapter changes."""
    lines = ["Every event in time order. A heading names the chapter wherever it changes; a "
             "chapter met again is marked *continued*.", ""]
    stream = story.time_order
    seen: set[int] = set()
    current = -1
    for position, event in enumerate(stream.events):
        number = stream.indices(position)[0]
        if number != current:
            chapter = story.chapters[number]
            again = " (continued)" if number in seen else ""
            lines += [f"## {number + 1}. {chapter.title}{again}", ""]
            if chapter.summary and not again:
                lines += [f"*{chapter.summary}*", ""]
            seen.add(number)
            current = number
        lines += _event_lines(story, event)
    return lines


def _sources_section(story: Story) -> list[str]:
    """Every source with its publisher, title (marked when translated), date and address."""
    if not story.sources:
        return []
    lines = ["## Sources", ""]
    for source in story.sources:
        parts = [p for p in (source.publisher, title_as_given(source), source.date, source.url)
                 if p]
        lines.append(f"- `{source.id}`: {'; '.join(parts)}")
    return [*lines, ""]


def to_markdown(story: Story, order: Order = Order.CHAPTERS) -> str:
    """A transcript that reads top to bottom: chapter by chapter as written, or with
    `Order.TIME` every event in time order; then the sources."""
    body = _in_time(story) if order is Order.TIME else _in_chapters(story)
    return "\n".join(_front_matter(story) + body + _sources_section(story))


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    raise TypeError(f"cannot export {type(value).__name__}")


def to_json(story: Story) -> str:
    """The validated model as JSON (times in ISO 8601 with their UTC offset)."""
    data = dataclasses.asdict(story)
    data.pop("root", None)
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2) + "\n"
