"""Saving, revising, listing, filtering and searching releases."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from older_stores import save_before_issuers
from release_helpers import delete_release

from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import (
    ReleaseFilter,
    count_releases,
    get_release,
    list_sources,
    page_of_releases,
    release_versions,
    search_releases,
)
from store.tags import create_tag


def release(title: str, *paragraphs: str, **fields: object) -> ParsedRelease:
    return ParsedRelease(
        title=title, body_markdown=paragraphs_to_markdown(list(paragraphs)), **fields
    )


def test_saving_the_same_release_twice_changes_nothing(store: Store) -> None:
    parsed = release("Readout", "Italy supports Ukraine.", identity="guid-1", date="2022-11-25")
    first = save_release(store, parsed, "a.txt")
    second = save_release(store, parsed, "a.txt")
    assert (first.outcome, second.outcome) == ("imported", "unchanged")
    assert first.release_id == second.release_id
    assert not second.changes
    assert count_releases(store) == 1


def test_a_revised_release_is_updated_in_place_keeping_its_earlier_version(store: Store) -> None:
    first = save_release(
        store, release("Readout", "Italy supports Ukraine.", identity="g"), "1.rss"
    )
    revised = release("Readout (updated)", "Today Italy firmly supports Ukraine.", identity="g")
    second = save_release(store, revised, "2.rss")
    assert second.outcome == "updated" and second.release_id == first.release_id
    stored = get_release(store, first.release_id)
    assert stored.title == "Readout (updated)"
    assert stored.text == "Today Italy firmly supports Ukraine."
    versions = release_versions(store, first.release_id)
    assert [(v.title, v.text, v.origin_file) for v in versions] == [
        ("Readout", "Italy supports Ukraine.", "1.rss")
    ]


def test_a_revision_keeps_highlights_whose_quote_is_still_there(store: Store) -> None:
    saved = save_release(
        store, release("R", "Italy supports Ukraine.", "Sanctions stay.", identity="g"), None
    )
    tag = create_tag(store, "Ukraine").created
    kept = add_highlight_by_quote(store, saved.release_id, "supports Ukraine", tag_ids=[tag])
    lost = add_highlight_by_quote(store, saved.release_id, "Sanctions stay")
    result = save_release(
        store, release("R", "Today, Italy firmly supports Ukraine.", identity="g"), None
    )
    assert result.orphaned == 1
    by_id = {h.id: h for h in highlights_of_release(store, saved.release_id)}
    moved = by_id[kept.created]
    assert not moved.orphaned and moved.quote == "supports Ukraine"
    assert get_release(store, saved.release_id).text[moved.start : moved.end] == moved.quote
    assert by_id[lost.created].orphaned  # kept, flagged, never deleted
    assert get_release(store, saved.release_id).highlight_count == 1


def test_identity_is_the_id_else_the_url_else_source_title_and_date(store: Store) -> None:
    same_title = dict(source="MFA", date="2022-11-25")
    a = save_release(store, release("Readout", "A.", identity="1", **same_title), None)
    b = save_release(store, release("Readout", "B.", identity="2", **same_title), None)
    assert a.release_id != b.release_id  # same title and day, different ids: two releases
    c = save_release(store, release("X", "C.", url="https://mfa.example/1"), None)
    d = save_release(store, release("X renamed", "C2.", url="https://mfa.example/1"), None)
    assert (c.release_id, d.outcome) == (d.release_id, "updated")
    e = save_release(store, release("Note", "E.", source="MFA", date="2022-01-01"), None)
    f = save_release(store, release("Note", "F.", source="MFA", date="2022-01-02"), None)
    assert e.release_id != f.release_id


def _archive(store: Store, save=save_release) -> None:
    rows = [
        ("NATO meeting in Bucharest", "2022-11-29", "NATO", "Allies met in Bucharest."),
        ("Sanctions on Russia", "2022-03-01", "Council", "New sanctions were adopted."),
        ("Western Balkans summit", "2023-06-01", "MFA Italy", "Belgrade and Pristina talks."),
        ("Undated note", None, "MFA Italy", "A note on Kosovo."),
    ]
    for n, (title, date, source, text) in enumerate(rows):
        save(store, release(title, text, date=date, source=source, identity=f"r{n}"), None)


def test_the_list_pages_sorts_and_filters(store: Store) -> None:
    _archive(store)
    titles = [r.title for r in page_of_releases(store, sort="date")]
    assert titles[0] == "Western Balkans summit" and titles[-1] == "Undated note"
    assert [r.title for r in page_of_releases(store, sort="title", descending=False, limit=2)] == [
        "NATO meeting in Bucharest",
        "Sanctions on Russia",
    ]
    italy = ReleaseFilter(sources=("MFA Italy",))
    assert count_releases(store, italy) == 2
    in_2022 = ReleaseFilter(since="2022-01-01", until="2022-12-31")
    assert {r.title for r in page_of_releases(store, in_2022)} == {
        "NATO meeting in Bucharest",
        "Sanctions on Russia",
    }
    assert list_sources(store)[0] == ("MFA Italy", 2)


@pytest.mark.parametrize("page_size", [1, 2, 3, 100])
@pytest.mark.parametrize("descending", [False, True])
def test_the_issuer_order_lists_issuers_by_name_and_releases_of_none_last(
    store: Store, page_size: int, descending: bool
) -> None:
    given = [
        ("a", "zeta Office", "2021-01-01"),
        ("b", "Alpha Ministry", "2020-05-01"),
        ("c", None, "2023-01-01"),
        ("d", "alpha ministry", "2022-05-01"),  # the same issuer, spelt otherwise
        ("e", "Mid Agency", None),
        ("f", None, None),
        ("g", "Mid Agency", "2019-01-01"),
    ]
    for identity, issuer, date in given:
        save_release(
            store, release(identity, "Text.", identity=identity, issuer=issuer, date=date), None
        )
    listed, offset = [], 0
    while page := page_of_releases(
        store, sort="issuer", descending=descending, offset=offset, limit=page_size
    ):
        listed += [r.title for r in page]
        offset += page_size
    # Issuers by name, case aside; each one's releases newest first, undated last.
    issued = ["a", "g", "e", "d", "b"] if descending else ["d", "b", "g", "e", "a"]
    assert listed == issued + ["c", "f"]


def test_filters_by_tag_and_by_having_highlights(store: Store) -> None:
    _archive(store)
    kosovo = create_tag(store, "Kosovo").created
    undated = next(r for r in page_of_releases(store) if r.title == "Undated note")
    add_highlight_by_quote(store, undated.id, "Kosovo", tag_ids=[kosovo])
    assert [r.title for r in page_of_releases(store, ReleaseFilter(tag_ids=(kosovo,)))] == [
        "Undated note"
    ]
    assert count_releases(store, ReleaseFilter(has_highlights=True)) == 1
    assert count_releases(store, ReleaseFilter(has_highlights=False)) == 3
    by_count = page_of_releases(store, sort="highlights")
    assert by_count[0].title == "Undated note" and by_count[0].highlight_count == 1


def test_search_ranks_and_snippets(store: Store) -> None:
    _archive(store)
    hits = search_releases(store, "Bucharest")
    assert hits[0].release.title == "NATO meeting in Bucharest"
    assert "[Bucharest]" in hits[0].snippet
    assert [h.release.title for h in search_releases(store, "sanction*")] == ["Sanctions on Russia"]
    as_you_type = ReleaseFilter(query="Bel", as_you_type=True)
    assert [r.title for r in page_of_releases(store, as_you_type)] == ["Western Balkans summit"]


@pytest.mark.parametrize(
    "typed", ['"unbalanced', "NEAR(", "AND", "-", "*", "a OR", "((", "\x00", "ü:x", "col:x"]
)
def test_any_typed_search_is_accepted(store: Store, typed: str) -> None:
    _archive(store)
    search_releases(store, typed)
    count_releases(store, ReleaseFilter(query=typed, as_you_type=True))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80))
def test_no_typed_string_makes_search_fail(typed: str) -> None:
    with Store(":memory:") as store:
        save_release(store, release("NATO", "Allies met in Bucharest."), None)
        search_releases(store, typed)
        page_of_releases(store, ReleaseFilter(query=typed, as_you_type=True), sort="relevance")


def test_only_web_addresses_are_kept_as_a_releases_link(store: Store) -> None:
    hostile = save_release(store, release("A", "Text.", url="javascript:alert(1)"), None)
    local = save_release(store, release("B", "Text.", url="file:///etc/passwd"), None)
    web = save_release(store, release("C", "Text.", url=" https://mfa.example/1 "), None)
    assert get_release(store, hostile.release_id).url is None
    assert get_release(store, local.release_id).url is None
    assert get_release(store, web.release_id).url == "https://mfa.example/1"


def test_the_unfiltered_count_follows_every_insert_and_delete(store: Store) -> None:
    ids = [save_release(store, release(f"R{n}", "Text.", identity=f"c{n}"), None) for n in range(5)]
    delete_release(store, ids[0].release_id)
    save_release(store, release("R1", "Revised text.", identity="c1"), None)  # an update
    assert count_releases(store) == 4
    assert (
        count_releases(store) == store.conn.execute("SELECT count(*) FROM releases").fetchone()[0]
    )


def test_a_store_from_before_the_count_table_gets_its_count_when_migrated(
    db_path, monkeypatch
) -> None:
    import store.db as db_module

    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 3)  # written before migration 4
    with Store(db_path) as store:
        for n in range(3):
            save_before_issuers(store, release(f"R{n}", "Text.", identity=f"m{n}"), None)
    monkeypatch.undo()
    with Store(db_path) as store:
        assert count_releases(store) == 3


def test_releases_saved_before_the_prefix_indexes_are_found_as_one_types(
    db_path, monkeypatch
) -> None:
    from store import db as db_module

    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 5)  # a store written before migration 6
    with Store(db_path) as store:
        _archive(store, save_before_issuers)
    monkeypatch.undo()
    with Store(db_path) as store:
        config = store.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'releases_fts'")
        assert "prefix='1 2 3'" in config.fetchone()[0]
        typed = [ReleaseFilter(query=q, as_you_type=True) for q in ("Bu", "sanc", "nato m")]
        assert [[r.title for r in page_of_releases(store, flt)] for flt in typed] == [
            ["NATO meeting in Bucharest"],
            ["Sanctions on Russia"],
            ["NATO meeting in Bucharest"],
        ]
