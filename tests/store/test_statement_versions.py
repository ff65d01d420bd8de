"""A statement's row shows its version in the analyst's language, whichever version the
list's search found it by."""

from __future__ import annotations

import pytest
from swiss_versions import swiss_records, versions_by_message, write_without_truth

from store.db import Store
from store.imports.pipeline import import_paths
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import ReleaseFilter, count_releases, get_release, page_of_releases
from store.statement_versions import in_language


@pytest.fixture
def swiss(store: Store, tmp_path):
    records = swiss_records(6)
    import_paths(store, [write_without_truth(records, tmp_path / "swiss.jsonl")])
    return versions_by_message(store, records)


def _languages_of(store: Store, ids: set[int]) -> dict[str, int]:
    return {get_release(store, i).language: i for i in ids}


def test_a_french_word_finds_the_statement_and_its_row_shows_the_english_version(store, swiss):
    flt = ReleaseFilter(query="Aéroport", one_per_statement=True)
    found = page_of_releases(store, flt)
    assert [row.language for row in found] == ["fr"]  # the version the word is in
    (shown,) = in_language(store, found, "en")
    (statement,) = [ids for ids in swiss.values() if found[0].id in ids]
    assert shown.id == _languages_of(store, statement)["en"]
    assert shown.languages == found[0].languages and shown.group_id == found[0].group_id


def test_rows_keep_their_places_and_a_statement_without_the_language_keeps_its_row(store, swiss):
    rows = page_of_releases(store, ReleaseFilter(one_per_statement=True))
    shown = in_language(store, rows, "it")
    assert [row.group_id for row in shown] == [row.group_id for row in rows]
    for before, after in zip(rows, shown, strict=True):
        if "it" in before.languages:
            assert after.language == "it"
        else:
            assert after == before
    assert any("it" not in row.languages for row in rows)  # the second case is met
    assert in_language(store, rows, None) == rows


def test_the_count_of_statements_agrees_with_the_statements_listed(store, swiss):
    every = ReleaseFilter(one_per_statement=True)
    listed = page_of_releases(store, every, limit=1000)
    assert count_releases(store, every) == len(listed) == len(swiss)
    # a release of no group counts as a statement of its own
    lone = save_release(store, ParsedRelease("Alone", "One word.", language="en"), None)
    assert count_releases(store, every) == len(swiss) + 1
    assert count_releases(store, every, up_to=2) == 2
    assert lone.release_id in {r.id for r in page_of_releases(store, every, limit=1000)}
