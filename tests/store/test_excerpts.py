"""Excerpts across releases: filters, reading order, paging, streaming, counts over time."""

from __future__ import annotations

import pytest

from store.db import Store
from store.excerpts import (
    ExcerptFilter,
    count_excerpts,
    iter_excerpts,
    query_excerpts,
    tag_counts,
    tag_counts_by_month,
)
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag


@pytest.fixture
def tags(store: Store) -> dict[str, int]:
    security = create_tag(store, "Security").created
    return {
        "Security": security,
        "Ukraine": create_tag(store, "Ukraine", parent_id=security).created,
        "NATO": create_tag(store, "NATO", parent_id=security).created,
        "Energy": create_tag(store, "Energy").created,
    }


def _release(store: Store, title: str, paragraphs: list[str], **meta: str) -> int:
    parsed = ParsedRelease(title, paragraphs_to_markdown(paragraphs), identity=title, **meta)
    return save_release(store, parsed, None).release_id


@pytest.fixture
def quotes(store: Store, tags: dict[str, int]) -> dict[str, int]:
    """Five excerpts over three releases (one undated) and one orphan."""
    may = _release(
        store,
        "May readout",
        ["Ukraine needs gas and ÄRZTE.", "NATO allies met."],
        date="2024-05-20",
        source="Farnesina",
    )
    march = _release(
        store,
        "March statement",
        ["Energy security for Ukraine.", "Nothing else."],
        date="2024-03-02",
        source="EEAS",
    )
    undated = _release(store, "Undated note", ["NATO and Ukraine."], source="Farnesina")
    ids = {}

    def add(release: int, quote: str, names: list[str], note: str = "") -> None:
        tag_ids = [tags[n] for n in names]
        ids[quote] = add_highlight_by_quote(
            store, release, quote, tag_ids=tag_ids, note=note
        ).created

    add(may, "Ukraine needs gas", ["Ukraine", "Energy"], note="Gas — Ärzte")
    add(may, "NATO allies", ["NATO"])
    add(march, "Energy security", ["Energy"])
    add(march, "Nothing else", [])
    add(undated, "NATO and Ukraine", ["NATO", "Ukraine"])
    add(march, "for Ukraine", ["Ukraine"])
    # Revising the March statement orphans "for Ukraine": it must never be an excerpt.
    parsed = ParsedRelease(
        "March statement",
        paragraphs_to_markdown(["Energy security for Europe.", "Nothing else."]),
        date="2024-03-02",
        source="EEAS",
        identity="March statement",
    )
    assert save_release(store, parsed, None).orphaned == 1
    return ids


def _quotes(excerpts) -> list[str]:
    return [e.quote for e in excerpts]


def test_anchored_excerpts_in_reading_order_with_their_tags_and_citation(
    store: Store, quotes: dict[str, int], tags: dict[str, int]
) -> None:
    excerpts = query_excerpts(store)
    assert _quotes(excerpts) == [
        "Energy security",
        "Nothing else",
        "Ukraine needs gas",
        "NATO allies",
        "NATO and Ukraine",  # undated releases come last
    ]
    gas = excerpts[2]
    assert [t.name for t in gas.tags] == ["Energy", "Ukraine"]
    tag_id, name, colour = gas.tags[0]
    assert (tag_id, name) == (tags["Energy"], "Energy") and colour.startswith("#")
    assert (gas.release_title, gas.date, gas.source) == ("May readout", "2024-05-20", "Farnesina")
    assert gas.note == "Gas — Ärzte" and gas.prefix == "" and gas.suffix.startswith(" and")
    assert count_excerpts(store) == 5


def test_tag_filter_any_all_and_child_tags(
    store: Store, quotes: dict[str, int], tags: dict[str, int]
) -> None:
    def run(**kwargs) -> list[str]:
        return _quotes(query_excerpts(store, ExcerptFilter(**kwargs)))

    assert run(tag_ids=(tags["Security"],)) == [
        "Ukraine needs gas",
        "NATO allies",
        "NATO and Ukraine",
    ]
    assert run(tag_ids=(tags["Security"],), include_child_tags=False) == []
    assert run(tag_ids=(tags["Ukraine"], tags["Energy"])) == [
        "Energy security",
        "Ukraine needs gas",
        "NATO and Ukraine",
    ]
    assert run(tag_ids=(tags["Ukraine"], tags["Energy"]), match="all") == ["Ukraine needs gas"]
    # "all" with a parent: each named tag must be met, by itself or one of its sub-tags.
    assert run(tag_ids=(tags["Security"], tags["NATO"]), match="all") == [
        "NATO allies",
        "NATO and Ukraine",
    ]


def test_source_dates_text_and_release_filters(store: Store, quotes: dict[str, int]) -> None:
    def run(**kwargs) -> list[str]:
        return _quotes(query_excerpts(store, ExcerptFilter(**kwargs)))

    assert run(sources=("EEAS",)) == ["Energy security", "Nothing else"]
    assert run(since="2024-04") == ["Ukraine needs gas", "NATO allies"]
    assert run(until="2024-03") == ["Energy security", "Nothing else"]  # all of March
    assert run(since="2024-03-02", until="2024-03-02") == ["Energy security", "Nothing else"]
    assert run(until="2024-03-01") == []
    # Case-insensitive beyond ASCII, in the quote or in the note.
    assert run(text="ärzte") == ["Ukraine needs gas"]
    assert run(text="  nato ") == ["NATO allies", "NATO and Ukraine"]
    undated = query_excerpts(store)[-1].release_id
    assert run(release_ids=(undated,)) == ["NATO and Ukraine"]


def test_pages_and_batches_agree_with_the_whole_list(store: Store, quotes: dict[str, int]) -> None:
    whole = query_excerpts(store)
    assert query_excerpts(store, limit=2, offset=1) == whole[1:3]
    assert query_excerpts(store, limit=10, offset=4) == whole[4:]
    assert list(iter_excerpts(store, batch=2)) == whole


def test_tags_are_fetched_once_per_batch_not_once_per_row(
    store: Store, quotes: dict[str, int]
) -> None:
    statements: list[str] = []
    store.conn.set_trace_callback(statements.append)
    try:
        assert len(list(iter_excerpts(store, batch=2))) == 5
    finally:
        store.conn.set_trace_callback(None)
    tag_queries = [s for s in statements if "json_each" in s]
    assert len(tag_queries) == 3  # batches of 2, 2 and 1


def test_tag_counts_follow_the_filter(
    store: Store, quotes: dict[str, int], tags: dict[str, int]
) -> None:
    counts = tag_counts(store)
    # Most used first, then by name; Security itself carries no excerpt and is left out.
    assert [(c.name, c.count) for c in counts] == [("Energy", 2), ("NATO", 2), ("Ukraine", 2)]
    assert {c.tag_id: c.count for c in tag_counts(store, ExcerptFilter(sources=("EEAS",)))} == {
        tags["Energy"]: 1
    }


def test_counts_by_month_share_one_zero_filled_axis(
    store: Store, quotes: dict[str, int], tags: dict[str, int]
) -> None:
    series = tag_counts_by_month(store, [tags["Energy"], tags["Security"]])
    assert series[tags["Energy"]] == [("2024-03", 1), ("2024-04", 0), ("2024-05", 1)]
    # Security counts its sub-tags' dated excerpts, each once (the undated one is left out).
    assert series[tags["Security"]] == [("2024-03", 0), ("2024-04", 0), ("2024-05", 2)]
    only_parent = tag_counts_by_month(store, [tags["Security"]], include_child_tags=False)
    assert only_parent == {tags["Security"]: []}
