"""Counts kept by triggers (migration 5) stay equal to counting afresh, whatever is written.

The release list's topic filter, the source list and the excerpts view read these counts
instead of counting a million rows; a count that drifted would show wrong lists without any
error. Random sequences of every kind of write are checked against fresh ``count(*)``.
"""

from __future__ import annotations

import random
import sqlite3
import sys
from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from older_stores import codebook_before_coders, highlight_before_coders, save_before_issuers
from release_helpers import delete_release

import store.db as db_module
from store.db import Store
from store.excerpts import ExcerptFilter, count_excerpts, query_excerpts, tag_counts
from store.highlights import (
    HighlightError,
    add_highlight,
    delete_highlight,
    get_highlight,
    move_highlight,
    restore_highlight,
    set_highlight_tags,
)
from store.kept_counts import KEPT_COUNTS, drifted_counts, recount
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release, save_releases
from store.releases import (
    ReleaseFilter,
    count_releases,
    list_sources,
    page_of_releases,
)
from store.schema import SCHEMA_VERSION
from store.tags import (
    TagError,
    create_tag,
    delete_tag,
    descendants,
    list_tags,
    merge_tags,
    move_tag,
    restore_tag,
    snapshot_tag,
)

WORDS = ["sanctions", "summit", "treaty", "border", "ceasefire", "talks", "aid", "grain", "vote"]
SOURCES = ["NATO", "OSCE", "WHO", None]


def _text(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))) + "."


def _parsed(rng: random.Random, identity: str) -> ParsedRelease:
    return ParsedRelease(
        title=f"Release {identity}",
        body_markdown=paragraphs_to_markdown([_text(rng) for _ in range(rng.randint(1, 3))]),
        date=rng.choice([None, "2023-01-05", "2024-02-10", "2024-02-10", "2025-07-01"]),
        source=rng.choice(SOURCES),
        identity=identity,
    )


def _save(store: Store, rng: random.Random, identity: str) -> None:
    save_release(store, _parsed(rng, identity), None)


def _ids(store: Store, table: str) -> list[int]:
    return [row[0] for row in store.conn.execute(f"SELECT id FROM {table} ORDER BY id")]


class Writes:
    """Every write path that changes what the kept counts count, chosen at random."""

    def __init__(self, store: Store, rng: random.Random) -> None:
        self.store, self.rng = store, rng
        self.deleted_highlights: list = []
        self.snapshots: list = []

    def import_release(self) -> None:
        _save(self.store, self.rng, f"r{self.rng.randrange(10**9)}")

    def import_batch(self) -> None:  # as an import saves a file: new, repeated and revised
        identities = [row[0] for row in self.store.conn.execute("SELECT identity FROM releases")]
        pool = identities[:3] + [f"r{self.rng.randrange(10**9)}" for _ in range(3)]
        batch = [(_parsed(self.rng, self.rng.choice(pool)), None) for _ in range(5)]
        save_releases(self.store, batch, None)

    def revise_release(self) -> None:  # a new text (highlights move or are orphaned), source
        identities = [row[0] for row in self.store.conn.execute("SELECT identity FROM releases")]
        if identities:
            _save(self.store, self.rng, self.rng.choice(identities))

    def delete_release(self) -> None:
        if ids := _ids(self.store, "releases"):
            delete_release(self.store, self.rng.choice(ids))

    def highlight(self) -> None:
        rows = self.store.conn.execute("SELECT id, length(text) FROM releases").fetchall()
        tags = _ids(self.store, "tags")
        if not rows:
            return
        release_id, length = self.rng.choice(rows)
        start = self.rng.randrange(length - 1)
        end = self.rng.randint(start + 1, min(length, start + 20))
        chosen = self.rng.sample(tags, self.rng.randint(0, min(3, len(tags))))
        with suppress(HighlightError):  # white space only: refused, nothing written
            add_highlight(self.store, release_id, start, end, chosen)

    def delete_highlight(self) -> None:
        if ids := _ids(self.store, "highlights"):
            highlight_id = self.rng.choice(ids)
            self.deleted_highlights.append(get_highlight(self.store, highlight_id))
            delete_highlight(self.store, highlight_id)

    def restore_highlight(self) -> None:  # undo, when its release is still there
        if self.deleted_highlights:
            highlight = self.deleted_highlights.pop()
            with suppress(sqlite3.IntegrityError):  # its release is gone, or its id taken again
                restore_highlight(self.store, highlight)

    def retag_highlight(self) -> None:
        ids, tags = _ids(self.store, "highlights"), _ids(self.store, "tags")
        if ids:
            chosen = self.rng.sample(tags, self.rng.randint(0, min(3, len(tags))))
            set_highlight_tags(self.store, self.rng.choice(ids), chosen)

    def reattach_orphan(self) -> None:
        orphans = _ids(self.store, "highlights WHERE orphaned = 1")
        if orphans:
            with suppress(HighlightError):  # white space only: refused
                move_highlight(self.store, self.rng.choice(orphans), 0, 3)

    def orphan_by_hand(self) -> None:  # as an analyst might in Datasette
        if ids := _ids(self.store, "highlights"):
            with self.store.write() as conn:
                conn.execute(
                    "UPDATE highlights SET orphaned = 1 - orphaned WHERE id = ?",
                    (self.rng.choice(ids),),
                )

    def create_tag(self) -> None:
        tags = _ids(self.store, "tags")
        parent = self.rng.choice([None, *tags])
        create_tag(self.store, f"Topic {self.rng.randrange(10**9)}", parent_id=parent)

    def delete_tag(self) -> None:
        if tags := _ids(self.store, "tags"):
            tag_id = self.rng.choice(tags)
            self.snapshots.append(snapshot_tag(self.store, tag_id))
            delete_tag(self.store, tag_id)

    def merge_tags(self) -> None:
        tags = _ids(self.store, "tags")
        if len(tags) >= 2:
            source, target = self.rng.sample(tags, 2)
            snapshot = snapshot_tag(self.store, source)
            try:
                merge_tags(self.store, source, target)
            except TagError:  # into its own sub-tag: refused
                return
            self.snapshots.append(snapshot)

    def move_tag(self) -> None:
        tags = _ids(self.store, "tags")
        if tags:
            with suppress(TagError):  # a cycle: refused
                move_tag(self.store, self.rng.choice(tags), self.rng.choice([None, *tags]))

    def restore_tag(self) -> None:
        if self.snapshots:
            snapshot = self.snapshots.pop()
            with suppress(sqlite3.IntegrityError):  # its name or id was taken again meanwhile
                restore_tag(self.store, snapshot)

    OPERATIONS = (
        "import_release",
        "import_release",
        "import_batch",
        "revise_release",
        "delete_release",
        "highlight",
        "highlight",
        "highlight",
        "delete_highlight",
        "restore_highlight",
        "retag_highlight",
        "reattach_orphan",
        "orphan_by_hand",
        "create_tag",
        "delete_tag",
        "merge_tags",
        "move_tag",
        "restore_tag",
    )


def _rows(store: Store, sql: str) -> list[tuple]:
    return sorted(store.conn.execute(sql).fetchall(), key=repr)


def assert_kept_counts_are_exact(store: Store) -> None:
    assert _rows(store, "SELECT tag_id, release_id, excerpts FROM release_tags") == _rows(
        store,
        "SELECT ht.tag_id, h.release_id, count(*) FROM highlight_tags ht "
        "JOIN highlights h ON h.id = ht.highlight_id WHERE h.orphaned = 0 "
        "GROUP BY ht.tag_id, h.release_id",
    )
    assert _rows(store, "SELECT * FROM source_counts") == _rows(
        store, "SELECT source, count(*) FROM releases WHERE source IS NOT NULL GROUP BY source"
    )
    assert _rows(store, "SELECT * FROM store_counts") == _rows(
        store,
        "SELECT 'releases', count(*) FROM releases "
        "UNION ALL SELECT 'excerpts', count(*) FROM highlights WHERE orphaned = 0",
    )
    fresh_per_tag = _rows(
        store,
        "SELECT t.id, (SELECT count(*) FROM highlight_tags ht JOIN highlights h "
        "ON h.id = ht.highlight_id WHERE ht.tag_id = t.id AND h.orphaned = 0) FROM tags t",
    )
    kept = [(tag.id, tag.highlight_count) for tag in list_tags(store)]
    assert sorted(kept, key=repr) == fresh_per_tag


def assert_lists_are_exact(store: Store) -> None:
    """What the window shows, read through the kept counts, against plain SQL."""
    conn = store.conn
    assert (
        list_sources(store)
        == conn.execute(
            "SELECT source, count(*) FROM releases WHERE source IS NOT NULL "
            "GROUP BY source ORDER BY count(*) DESC, source"
        ).fetchall()
    )
    for tag_id in _ids(store, "tags"):
        group = (tag_id, *sorted(descendants(store, tag_id)))
        marks = ", ".join("?" * len(group))
        expected = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM releases WHERE id IN (SELECT h.release_id FROM highlights h "
                "JOIN highlight_tags ht ON ht.highlight_id = h.id "
                f"WHERE h.orphaned = 0 AND ht.tag_id IN ({marks})) "
                "ORDER BY date DESC NULLS LAST, id DESC",
                group,
            )
        ]
        flt = ReleaseFilter(tag_ids=group)
        assert count_releases(store, flt) == len(expected)
        # Pages of one to three rows make both ways of finding a page run (walk or fetch).
        for limit in (1, 3, 100):
            for offset in range(0, len(expected) + 1, limit):
                page = page_of_releases(store, flt, offset=offset, limit=limit)
                assert [r.id for r in page] == expected[offset : offset + limit]
        tagged = ExcerptFilter(tag_ids=(tag_id,))
        expected_excerpts = [
            row[0]
            for row in conn.execute(
                "SELECT h.id FROM highlights h JOIN releases r ON r.id = h.release_id "
                "WHERE h.orphaned = 0 AND h.id IN (SELECT highlight_id FROM highlight_tags "
                f"WHERE tag_id IN ({marks})) ORDER BY r.date NULLS LAST, r.id, h.start, h.id",
                group,
            )
        ]
        assert count_excerpts(store, tagged) == len(expected_excerpts)
        for limit in (1, 3):
            for offset in range(0, len(expected_excerpts) + 1, limit):
                page = query_excerpts(store, tagged, limit=limit, offset=offset)
                assert [e.highlight_id for e in page] == expected_excerpts[offset : offset + limit]
    tags = _ids(store, "tags")[:2]
    both = ExcerptFilter(tag_ids=tuple(tags), include_child_tags=False, match="all")
    expected_both = [
        row[0]
        for row in conn.execute(
            "SELECT h.id FROM highlights h JOIN releases r ON r.id = h.release_id "
            "WHERE h.orphaned = 0 AND (SELECT count(*) FROM highlight_tags ht "
            f"WHERE ht.highlight_id = h.id AND ht.tag_id IN ({', '.join('?' * len(tags))})) = ? "
            "ORDER BY r.date NULLS LAST, r.id, h.start, h.id",
            [*tags, len(tags)],
        )
    ]
    assert count_excerpts(store, both) == len(expected_both)
    for offset in range(len(expected_both) + 1):
        page = query_excerpts(store, both, limit=1, offset=offset)
        assert [e.highlight_id for e in page] == expected_both[offset : offset + 1]
    every = conn.execute(
        "SELECT h.id FROM highlights h JOIN releases r ON r.id = h.release_id "
        "WHERE h.orphaned = 0 ORDER BY r.date NULLS LAST, r.id, h.start, h.id"
    ).fetchall()
    per_topic = conn.execute(
        "SELECT ht.tag_id, count(*) FROM highlight_tags ht JOIN highlights h "
        "ON h.id = ht.highlight_id WHERE h.orphaned = 0 GROUP BY ht.tag_id"
    ).fetchall()
    assert sorted((c.tag_id, c.count) for c in tag_counts(store)) == sorted(per_topic)
    assert count_excerpts(store) == len(every)
    assert [e.highlight_id for e in query_excerpts(store)] == [row[0] for row in every]
    for source in SOURCES[:-1]:
        by_source = ExcerptFilter(sources=(source,))
        assert count_excerpts(store, by_source) == len(query_excerpts(store, by_source))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(seed=st.integers(0, 2**32 - 1), length=st.integers(1, 60))
def test_kept_counts_equal_a_fresh_count_after_any_writes(seed: int, length: int) -> None:
    rng = random.Random(seed)
    with Store(":memory:") as store:
        writes = Writes(store, rng)
        for name in ("create_tag", "create_tag", "import_release", "import_release"):
            getattr(writes, name)()
        for _ in range(length):
            getattr(writes, rng.choice(Writes.OPERATIONS))()
        assert_kept_counts_are_exact(store)
        assert drifted_counts(store) == []
        assert_lists_are_exact(store)


DRIFTS = {  # a hand edit behind the triggers' back, the kept counts it leaves wrong, and
    # those counted again to mend them
    "releases": ("UPDATE releases SET highlight_count = highlight_count + 1", [0], [0]),
    "store": ("UPDATE store_counts SET value = value + 1", [1], [1]),
    "sources": ("UPDATE source_counts SET releases = releases + 1", [2], [2]),
    # release_tags' triggers carry the edit on to the topics' totals, and the recount too
    "release topics": ("UPDATE release_tags SET excerpts = excerpts + 2", [3, 4], [3]),
    "topics": ("UPDATE tag_counts SET excerpts = 0", [4], [4]),
}


@pytest.mark.parametrize("drift", list(DRIFTS))
def test_a_drifted_count_is_found_and_counted_again(drift: str) -> None:
    edit, wrong, recounted = DRIFTS[drift]
    names = [KEPT_COUNTS[number].name for number in wrong]
    rng = random.Random(5)
    with Store(":memory:") as store:
        writes = Writes(store, rng)
        for operation in ["create_tag", "create_tag"] + ["import_release"] * 6:
            getattr(writes, operation)()
        for _ in range(12):
            writes.highlight()
        with store.write() as conn:
            conn.execute(edit)
        found = drifted_counts(store)
        assert [problem.split(" differs")[0] for problem in found] == [
            f"the kept count of {name}" for name in names
        ]
        assert recount(store) == [KEPT_COUNTS[number].name for number in recounted]
        assert_kept_counts_are_exact(store)
        assert drifted_counts(store) == []


@pytest.mark.parametrize("seed", range(3))
def test_a_store_from_before_the_kept_counts_gets_them_when_migrated(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 4)  # written before migration 5
    monkeypatch.setattr(sys.modules[__name__], "save_release", save_before_issuers)
    monkeypatch.setattr(sys.modules[__name__], "add_highlight", highlight_before_coders)
    codebook_before_coders(monkeypatch)
    rng = random.Random(seed)
    with Store(db_path) as store:
        writes = Writes(store, rng)
        for name in ("create_tag", "create_tag", "create_tag", *["import_release"] * 5):
            getattr(writes, name)()
        for _ in range(40):
            getattr(writes, rng.choice(("highlight", "revise_release", "move_tag")))()
    monkeypatch.undo()
    with Store(db_path) as store:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert_kept_counts_are_exact(store)
        assert_lists_are_exact(store)
