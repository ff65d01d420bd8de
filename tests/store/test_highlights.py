"""Highlights: exact offsets, quotes found across white space, notes, undo of delete."""

from __future__ import annotations

import pytest

from store.db import Store
from store.highlights import (
    HighlightError,
    add_highlight,
    add_highlight_by_quote,
    delete_highlight,
    get_highlight,
    highlights_of_release,
    restore_highlight,
    set_highlight_note,
    set_highlight_tags,
)
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import get_release
from store.tags import create_tag

PARAGRAPHS = [
    "Италия поддерживает 🇺🇦 Ukraine’s full independence and resilience.",
    "La Sécurité européenne — الأمن الأوروبي — 𠀋 matters.",
    "Italy supports Ukraine. Italy supports Ukraine again.",
]


@pytest.fixture
def release_id(store: Store) -> int:
    body = paragraphs_to_markdown(PARAGRAPHS)
    return save_release(store, ParsedRelease("Readout", body), None).release_id


def test_offsets_count_code_points_of_the_canonical_text(store: Store, release_id: int) -> None:
    text = get_release(store, release_id).text
    start = text.index("🇺🇦")
    end = text.index("independence") + len("independence")
    created = add_highlight(store, release_id, start, end).created
    highlight = get_highlight(store, created)
    assert highlight.quote == "🇺🇦 Ukraine’s full independence"
    assert highlight.prefix.endswith("поддерживает ")
    assert highlight.suffix.startswith(" and resilience.")


def test_quotes_match_across_any_white_space_and_keep_the_texts_own(
    store: Store, release_id: int
) -> None:
    created = add_highlight_by_quote(store, release_id, "resilience.\n   La  Sécurité").created
    assert get_highlight(store, created).quote == "resilience.\n\nLa Sécurité"
    second = add_highlight_by_quote(store, release_id, "Italy supports Ukraine", occurrence=2)
    h = get_highlight(store, second.created)
    assert h.quote == "Italy supports Ukraine" and h.prefix.endswith("Ukraine. ")
    with pytest.raises(HighlightError, match="does not contain occurrence 3"):
        add_highlight_by_quote(store, release_id, "Italy supports Ukraine", occurrence=3)


def test_bad_offsets_and_empty_passages_are_refused(store: Store, release_id: int) -> None:
    with pytest.raises(HighlightError):
        add_highlight(store, release_id, 5, 5)
    with pytest.raises(HighlightError):
        add_highlight(store, release_id, 0, 10_000)
    with pytest.raises(HighlightError):
        add_highlight(store, 999, 0, 1)
    assert highlights_of_release(store, release_id) == []


def test_tags_and_notes_change_and_deleted_highlights_come_back(
    store: Store, release_id: int
) -> None:
    ukraine = create_tag(store, "Ukraine").created
    nato = create_tag(store, "NATO").created
    created = add_highlight_by_quote(store, release_id, "Ukraine again", tag_ids=[ukraine])
    hid = created.created
    set_highlight_tags(store, hid, [nato, ukraine])
    set_highlight_note(store, hid, "Second mention — stronger wording")
    snapshot = get_highlight(store, hid)
    assert [t.name for t in snapshot.tags] == ["NATO", "Ukraine"]
    delete_highlight(store, hid)
    assert get_highlight(store, hid) is None
    assert get_release(store, release_id).highlight_count == 0
    restore_highlight(store, snapshot)
    back = get_highlight(store, hid)
    assert (back.quote, back.note, back.tags) == (snapshot.quote, snapshot.note, snapshot.tags)
    assert get_release(store, release_id).highlight_count == 1
