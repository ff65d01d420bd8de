"""Unread releases: marked, listed, counted per issuer, announced as Changes."""

from __future__ import annotations

from store.db import Store
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import ReleaseFilter, count_releases, get_release, page_of_releases
from store.unread import (
    mark_all_read,
    mark_read,
    mark_unread,
    unread_count,
    unread_counts_by_issuer,
)


def _release(store: Store, title: str, issuer: str | None) -> int:
    parsed = ParsedRelease(title=title, body_markdown=f"{title} text.", issuer=issuer)
    return save_release(store, parsed, None).release_id


def test_unread_releases_are_listed_counted_and_marked_read(store: Store) -> None:
    nato = [_release(store, f"NATO {n}", "NATO") for n in range(3)]
    lone = _release(store, "No issuer", None)
    assert unread_count(store) == 0
    changes = mark_unread(store, [*nato, lone, 99_999])  # a missing id is left out
    assert changes.releases == frozenset([*nato, lone])
    assert mark_unread(store, nato).releases == frozenset()  # already unread: no change
    nato_id = get_release(store, nato[0]).issuer_id
    assert unread_counts_by_issuer(store) == {nato_id: 3, None: 1}

    listed = page_of_releases(store, ReleaseFilter(unread=True))
    assert {r.id for r in listed} == {*nato, lone} and all(r.unread for r in listed)
    assert mark_read(store, [nato[0]]).releases == frozenset({nato[0]})
    assert count_releases(store, ReleaseFilter(unread=True)) == 3
    assert not get_release(store, nato[0]).unread and get_release(store, nato[1]).unread
    every = page_of_releases(store)
    assert {r.id for r in every if not r.unread} == {nato[0]}

    assert mark_all_read(store).releases == frozenset({nato[1], nato[2], lone})
    assert unread_count(store) == 0 and unread_counts_by_issuer(store) == {}
    assert page_of_releases(store, ReleaseFilter(unread=True)) == []


def test_deleting_a_release_takes_its_unread_mark_with_it(store: Store) -> None:
    release_id = _release(store, "Gone", None)
    mark_unread(store, [release_id])
    with store.write() as conn:
        conn.execute("DELETE FROM releases WHERE id = ?", (release_id,))
    assert unread_count(store) == 0
