"""One way to name a source: the same short citation under an event, in the export, in disputes."""

from __future__ import annotations

from dataclasses import replace

from ihostage_tui.citations import TRANSLATED, source_label, source_names, title_as_given
from ihostage_tui.export import to_markdown
from ihostage_tui.model import Source, Story


def test_short_citations_name_each_publisher_once_in_the_order_cited(demo_story: Story) -> None:
    first, second = demo_story.sources[:2]
    lone = Source(id="lone", publisher="", title="A Pamphlet", date="", url="")
    story = replace(demo_story, sources=(*demo_story.sources, lone))
    ids = (second.id, first.id, second.id, "lone", "missing")
    names = [second.publisher or second.title, first.publisher or first.title]
    expected = ", ".join(dict.fromkeys([*names, "A Pamphlet", "missing"]))
    assert source_names(story, ids) == expected


def test_a_label_and_a_title_as_given(demo_story: Story) -> None:
    source = replace(demo_story.sources[0], publisher="Courier", title="Lights out",
                     title_translated=True)
    assert source_label(source, source.id) == "Courier, Lights out"
    assert source_label(replace(source, publisher=""), source.id) == "Lights out"
    assert source_label(None, "gone") == "gone"
    assert title_as_given(source) == "Lights out" + TRANSLATED


def test_the_export_cites_disputed_versions_as_the_reader_does(demo_story: Story) -> None:
    event = next(e for c in demo_story.chapters for e in c.events if e.disputed)
    version = event.disputed[0].versions[0]
    assert f"({source_names(demo_story, version.sources)})" in to_markdown(demo_story)
