"""What one side has and the other lacks: countries, people, numbers (however each language
writes them) and the topics of each side's highlights."""

from __future__ import annotations

import pytest

from store.alignment import AlignmentError
from store.db import Store
from store.differences import KINDS, differences
from store.highlights import add_highlight_by_quote
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag

ENGLISH = (
    "Foreign Minister Ignazio Cassis met Sergey Lavrov in Geneva on 13 January. Switzerland "
    "will give 1,000,000 francs to the ICRC for Ukraine, a rise of 12.5 %."
)
GERMAN = (
    "Bundesrat Ignazio Cassis traf am 13. Januar in Genf den russischen Aussenminister. Die "
    "Schweiz gibt dem IKRK 1'000'000 Franken für die Ukraine und für Moldau, 2 Millionen "
    "mehr als 2022."
)


def _save(store: Store, body: str, language: str, speaker: str | None = None) -> int:
    parsed = ParsedRelease(
        title=body[:20], body_markdown=body, date="2023-01-13", language=language, speaker=speaker
    )
    return save_release(store, parsed, origin_file=None).release_id


def test_each_side_lists_only_what_the_other_lacks(store: Store) -> None:
    a = _save(store, ENGLISH, "en", "Ignazio Cassis")
    b = _save(store, GERMAN, "de")
    found = differences(store, a, b)
    assert set(found.only_a) == set(found.only_b) == set(KINDS)
    assert found.only_a["people"] == ["Sergey Lavrov"]
    assert "Moldova" in found.only_b["countries"]
    assert "Ukraine" not in found.only_a["countries"] + found.only_b["countries"]
    # One million and the 13th of January agree across the two ways of writing them.
    assert found.only_a["numbers"] == ["12.5 %"]
    assert found.only_b["numbers"] == ["2", "2022"]


def test_topics_come_from_each_sides_highlights(store: Store) -> None:
    a = _save(store, ENGLISH, "en")
    b = _save(store, GERMAN, "de")
    aid = create_tag(store, "Humanitarian aid").created
    russia = create_tag(store, "Russia").created
    add_highlight_by_quote(store, a, "1,000,000 francs", tag_ids=[aid])
    add_highlight_by_quote(store, a, "Sergey Lavrov", tag_ids=[russia])
    add_highlight_by_quote(store, b, "1'000'000 Franken", tag_ids=[aid])
    found = differences(store, a, b)
    assert found.only_a["topics"] == ["Russia"]
    assert found.only_b["topics"] == []


def test_the_same_release_twice_or_an_unknown_one_is_refused(store: Store) -> None:
    a = _save(store, ENGLISH, "en")
    with pytest.raises(AlignmentError, match="named twice"):
        differences(store, a, a)
    with pytest.raises(AlignmentError, match="no release with id 77"):
        differences(store, a, 77)
