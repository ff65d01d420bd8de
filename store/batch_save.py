"""Saving a file's worth of releases at once, as an import does.

Inserted one statement at a time, every new release fired the search index's trigger inside
a statement savepoint of its own, and SQLite's FTS5 (3.40 here) writes the index entries it
holds in memory to disk at every savepoint: each release became an index segment of its
own, merged again and again as the file went on. A run of new releases inserted by one
statement keeps their entries in memory until the statement ends, which halves what saving
a release costs (bench/bench_import.py; docs/performance.md, "Import").

Releases the store already holds, or that a batch names twice, are saved one by one by
``save_release`` at their place in the batch, so the outcome is exactly that of saving every
release in turn.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from store.canonical import canonical_text
from store.changes import Changes
from store.db import Store, now_iso
from store.parsed import ParsedRelease
from store.releases import (
    NEW_RELEASE_COLUMNS,
    ORIGINAL_COLUMNS,
    SaveResult,
    content_hash,
    original_values,
    release_identity,
    release_values,
    save_release,
)

# Rows per INSERT: 13 columns make 2,600 parameters, far under SQLite's 32,766, and the
# search index is written out once per statement.
ROWS_PER_STATEMENT = 200

_Keyed = tuple[ParsedRelease, str | None, str]  # a release, its canonical text, its identity


def save_releases(
    store: Store, batch: Sequence[tuple[ParsedRelease, str | None]], origin_file: str | None
) -> list[SaveResult]:
    """Save each release of ``batch`` (with its canonical text, or None to compute it) as
    ``save_release`` would, in order, in one transaction; one result per release."""
    keyed = [(parsed, text, release_identity(parsed)) for parsed, text in batch]
    results: list[SaveResult] = []
    with store.write() as conn:
        seen = _identities_held(conn, [identity for *_, identity in keyed])
        new: list[_Keyed] = []
        for parsed, text, identity in keyed:
            if identity not in seen:
                seen.add(identity)
                new.append((parsed, text, identity))
                continue
            results += _insert_new(conn, new, origin_file)
            new = []
            results.append(save_release(store, parsed, origin_file, text, identity))
        results += _insert_new(conn, new, origin_file)
    return results


def _identities_held(conn: sqlite3.Connection, identities: list[str]) -> set[str]:
    """Which of ``identities`` name releases already in the store."""
    rows = conn.execute(
        "SELECT identity FROM releases WHERE identity IN (SELECT value FROM json_each(?))",
        (json.dumps(identities),),
    )
    return {identity for (identity,) in rows}


def _insert_new(
    conn: sqlite3.Connection, new: list[_Keyed], origin_file: str | None
) -> list[SaveResult]:
    """Insert releases none of which the store holds, with ids in batch order."""
    if not new:
        return []
    # Ids are given, not left to SQLite, so that each original finds its release without a
    # look-up; max + 1 is what SQLite itself would choose for each row in turn.
    (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM releases").fetchone()
    stamp = now_iso()
    releases, originals = [], []
    for release_id, (parsed, text, identity) in enumerate(new, start=first_id):
        text = canonical_text(parsed.body_markdown) if text is None else text
        values = release_values(parsed, text, content_hash(parsed), origin_file)
        releases.append((release_id, *values, identity, stamp, stamp))
        originals.append(original_values(release_id, parsed, origin_file))
    _insert_rows(conn, f"INSERT INTO releases(id, {NEW_RELEASE_COLUMNS})", releases)
    _insert_rows(conn, f"INSERT OR REPLACE INTO originals({ORIGINAL_COLUMNS})", originals)
    return [
        SaveResult("imported", release_id, Changes(releases=frozenset({release_id})))
        for release_id in range(first_id, first_id + len(new))
    ]


def _insert_rows(conn: sqlite3.Connection, insert: str, rows: list[tuple[object, ...]]) -> None:
    """``insert`` (up to its column list) of ``rows``, ROWS_PER_STATEMENT to a statement."""
    marks = "(" + ", ".join("?" * len(rows[0])) + ")"
    for start in range(0, len(rows), ROWS_PER_STATEMENT):
        chunk = rows[start : start + ROWS_PER_STATEMENT]
        conn.execute(
            f"{insert} VALUES " + ", ".join([marks] * len(chunk)),
            [value for row in chunk for value in row],
        )
