"""Statement groups: the versions of one statement in several languages, found on import,
joined and split by the analyst, undone, listed one row per statement."""

from __future__ import annotations

import sqlite3

import pytest
from release_helpers import delete_release
from swiss_versions import swiss_records, versions_by_message, write_without_truth

from store.db import Store
from store.imports.pipeline import import_paths
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import ReleaseFilter, count_releases, page_of_releases
from store.statement_detection import detect_groups
from store.statement_groups import (
    GroupError,
    group_of,
    join_group,
    leave_group,
    restore_groups,
    snapshot_groups,
    translations,
)


@pytest.fixture
def swiss(store: Store, tmp_path):
    """Six Swiss messages (three or four versions each) imported without their message ids;
    their versions by message."""
    records = swiss_records(6)
    import_paths(store, [write_without_truth(records, tmp_path / "swiss.jsonl")])
    return versions_by_message(store, records)


def _groups(store: Store) -> list[set[int]]:
    rows = store.conn.execute("SELECT group_id, release_id FROM statement_members").fetchall()
    found: dict[int, set[int]] = {}
    for group_id, release_id in rows:
        found.setdefault(group_id, set()).add(release_id)
    return sorted(found.values(), key=min)


def test_an_import_groups_each_messages_versions_and_nothing_else(store, swiss):
    assert _groups(store) == sorted(swiss.values(), key=min)
    versions = sorted(swiss["55886"])
    listed = translations(store, versions[2])
    assert sorted(release_id for release_id, _ in listed) == versions
    assert [language for _, language in listed] == ["de", "en", "fr", "it"]
    assert group_of(store, versions[0]) == group_of(store, versions[3]) is not None


def test_a_release_in_no_group_is_its_own_only_version(store):
    release_id = save_release(store, ParsedRelease("Alone", "One word.", language="en"), None)
    assert translations(store, release_id.release_id) == [(release_id.release_id, "en")]
    assert group_of(store, release_id.release_id) is None
    assert translations(store, 999) == []


def test_two_releases_in_one_language_are_never_detected_as_versions(store):
    body = "On 13 January 2015 Didier Burkhalter met 1'200 delegates of the OSCE in Geneva.\n"
    ids = [
        save_release(
            store, ParsedRelease(title, body, date="2015-01-13", language="en"), None
        ).release_id
        for title in ("Meeting in Geneva", "The OSCE delegates in Geneva")
    ]
    assert detect_groups(store, ids) == 0
    assert _groups(store) == []


def test_joining_members_of_two_groups_makes_one_and_undo_restores_both(store, swiss):
    first, second = sorted(swiss["55874"]), sorted(swiss["55886"])
    before = join_group(store, [first[0], second[0]])
    assert _groups(store)[0] == set(first) | set(second)
    origins = dict(store.conn.execute("SELECT release_id, origin FROM statement_members"))
    assert origins[first[0]] == origins[second[0]] == "analyst"
    assert origins[first[1]] == "detected"
    restore_groups(store, before)
    assert set(first) in _groups(store) and set(second) in _groups(store)


def test_a_split_is_undoable_and_the_detector_does_not_join_it_again(store, swiss):
    versions = sorted(swiss["55886"])
    before = leave_group(store, versions[1])
    assert group_of(store, versions[1]) is None
    after = snapshot_groups(store.conn, before.releases)
    every = [row[0] for row in store.conn.execute("SELECT id FROM releases")]
    detect_groups(store, every)
    assert group_of(store, versions[1]) is None
    assert set(versions) - {versions[1]} in _groups(store)
    restore_groups(store, before)  # undo
    assert set(versions) in _groups(store)
    restore_groups(store, after)  # redo
    assert group_of(store, versions[1]) is None
    join_group(store, versions[:2])  # the analyst may join it again
    assert set(versions) in _groups(store)


def test_a_group_left_with_one_version_is_no_group(store, swiss):
    versions = sorted(swiss["55874"])  # three versions
    leave_group(store, versions[0])
    delete_release(store, versions[1])
    assert group_of(store, versions[2]) is None
    assert store.conn.execute("SELECT count(*) FROM statement_groups").fetchone()[0] == 5


def test_refusals_are_one_sentence(store, swiss):
    some = min(swiss["55874"])
    with pytest.raises(GroupError, match="at least two"):
        join_group(store, [some, some])
    with pytest.raises(GroupError, match="no release 999"):
        join_group(store, [some, 999])
    with pytest.raises(GroupError, match="no releases 998, 999"):
        join_group(store, [998, 999])
    lone = save_release(store, ParsedRelease("Alone", "Text.", language="en"), None).release_id
    with pytest.raises(GroupError, match=f"Release {lone} is in no statement group"):
        leave_group(store, lone)


def test_a_group_of_forty_versions(store):
    ids = [
        save_release(
            store, ParsedRelease(f"Version {n}", f"Text {n}.", language="en"), None
        ).release_id
        for n in range(40)
    ]
    join_group(store, ids)
    assert len(translations(store, ids[17])) == 40


def test_the_list_shows_one_row_per_statement_with_its_languages(store, swiss):
    every = page_of_releases(store, ReleaseFilter(), limit=100)
    statements = page_of_releases(store, ReleaseFilter(one_per_statement=True), limit=100)
    assert len(every) == sum(len(v) for v in swiss.values())
    assert len(statements) == len(swiss)
    assert count_releases(store, ReleaseFilter(one_per_statement=True)) == len(swiss)
    row = next(r for r in statements if r.id in swiss["55886"])
    assert row.languages == ("de", "en", "fr", "it") and row.group_id is not None


def test_search_finds_a_statement_through_any_of_its_versions(store, swiss):
    # "Beglaubigungsschreibens" is only in the German version's title.
    flt = ReleaseFilter(query="Beglaubigungsschreibens", one_per_statement=True)
    found = page_of_releases(store, flt, limit=10)
    assert [r.id for r in found] == [min(swiss["55874"])]
    french = ReleaseFilter(query="créance", one_per_statement=True)
    assert [r.languages for r in page_of_releases(store, french)] == [("de", "fr", "it")]
    # the version found stands for the statement, whichever it is
    anglais = ReleaseFilter(query="EuroAirport", languages=("en",), one_per_statement=True)
    assert [r.language for r in page_of_releases(store, anglais)] == ["en"]


def test_an_older_store_is_grouped_when_opened(tmp_path):
    from store.attribution_upgrade import open_store
    from store.statement_upgrade import groups_pending_from

    records = swiss_records(3)
    path = tmp_path / "older.db"
    with Store(path) as store:
        import_paths(store, [write_without_truth(records, tmp_path / "swiss.jsonl")])
        truth = versions_by_message(store, records)
        with store.write() as conn:
            conn.execute("DELETE FROM statement_members")
            top = conn.execute("SELECT max(id) FROM releases").fetchone()[0]
            conn.execute(
                "INSERT INTO store_notes(name, value) VALUES ('statement_groups_pending', ?)",
                (top,),
            )
    steps: list[tuple[int, int, str]] = []
    with open_store(path, lambda *step: steps.append(step)) as store:
        assert groups_pending_from(store.conn) == 0
        assert _groups(store) == sorted(truth.values(), key=min)
    assert "language versions" in steps[-1][2]


def test_the_schema_refuses_a_membership_of_unknown_origin(store, swiss):
    some = min(swiss["55874"])
    with pytest.raises(sqlite3.IntegrityError), store.write() as conn:
        conn.execute("UPDATE statement_members SET origin = 'guess' WHERE release_id = ?", (some,))
