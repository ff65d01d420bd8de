"""Saving releases: a parsed release becomes a new release or a new version of one it already
is (``save_release``), and a file's worth of releases is saved at once (``save_releases``).

A release is known by its identity (``release_identity``) and its text by a content hash;
the record it was saved from is kept in ``originals`` so that it can be cleaned again.

Saving a batch: inserted one statement at a time, every new release fired the search index's
trigger inside a statement savepoint of its own, and SQLite's FTS5 (3.40 here) writes the
index entries it holds in memory to disk at every savepoint: each release became an index
segment of its own, merged again and again as the file went on. A run of new releases
inserted by one statement keeps their entries in memory until the statement ends, which
halves what saving a release costs (bench/bench_import.py; docs/performance.md, "Import").
Releases the store already holds, or that a batch names twice, are saved one by one by
``save_release`` at their place in the batch, so the outcome is exactly that of saving every
release in turn.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from store.canonical import canonical_text
from store.changes import Changes
from store.db import Store, now_iso
from store.highlights import reanchor_release
from store.parsed import ParsedRelease

Outcome = Literal["imported", "updated", "unchanged"]
# A new release's columns: ``release_values`` then its identity and two time stamps.
_NEW_RELEASE_COLUMNS = (
    "title, date, source, url, language, body_markdown, text, content_hash, origin_file, "
    "identity, imported_at, updated_at"
)
_NEW_RELEASE_MARKS = ", ".join("?" * 12)
_ORIGINAL_COLUMNS = "release_id, format, raw, origin_file"


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    release_id: int
    changes: Changes = field(default_factory=Changes)
    orphaned: int = 0  # highlights that lost their place in a revised text


def release_identity(parsed: ParsedRelease) -> str:
    """The key that says two records are the same release.

    The record's own guid or id, else its url, and source + title + date only when it has
    neither. A short id ("17") means something only within its source, so it is scoped by it.
    """
    if parsed.identity and parsed.identity.strip():
        own = parsed.identity.strip()
        if len(own) >= 16 or "://" in own:
            return f"id:{own}"
        return f"id:{(parsed.source or '').strip().lower()}:{own}"
    if parsed.url and parsed.url.strip():
        return f"url:{parsed.url.strip()}"
    parts = [parsed.source or "", " ".join(parsed.title.split()).lower(), parsed.date or ""]
    return "key:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def content_hash(parsed: ParsedRelease) -> str:
    fields = [parsed.title, parsed.date or "", parsed.source or "", parsed.url or ""]
    fields += [parsed.language or "", parsed.body_markdown]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def save_release(
    store: Store,
    parsed: ParsedRelease,
    origin_file: str | None,
    text: str | None = None,
    identity: str | None = None,
) -> SaveResult:
    """Add a release, or update the known release it is a version of.

    Re-importing the same release changes nothing. A changed version replaces the text in
    place: the earlier one goes to ``release_versions`` and every highlight is placed again
    on the new text (kept, moved to where its quote now is, or marked orphaned).

    ``text`` is the canonical text of ``parsed.body_markdown`` when the caller has already
    computed it (a bulk import does so in worker processes); it must be exactly
    ``canonical_text(parsed.body_markdown)``. ``identity`` names the release this record is
    a version of when the caller knows it (a re-clean, whose new title must not make it a
    different release).
    """
    identity = identity or release_identity(parsed)
    digest = content_hash(parsed)
    with store.write() as conn:
        row = conn.execute(
            "SELECT id, content_hash FROM releases WHERE identity = ?", (identity,)
        ).fetchone()
        if row is not None and (row[1] == digest or _is_earlier_version(conn, row[0], digest)):
            # The same text again, or an older version met again (an earlier feed snapshot
            # re-imported): the newer text we hold stays.
            return SaveResult("unchanged", row[0])
        if text is None:
            text = canonical_text(parsed.body_markdown)
        stamp = now_iso()
        values = release_values(parsed, text, digest, origin_file)
        if row is None:
            cursor = conn.execute(
                f"INSERT INTO releases({_NEW_RELEASE_COLUMNS}) VALUES ({_NEW_RELEASE_MARKS})",
                (*values, identity, stamp, stamp),
            )
            release_id = cursor.lastrowid
            _save_original(conn, release_id, parsed, origin_file)
            return SaveResult("imported", release_id, Changes(releases=frozenset({release_id})))
        release_id = row[0]
        conn.execute(
            "INSERT INTO release_versions(release_id, title, date, body_markdown, text, "
            "content_hash, origin_file, imported_at, replaced_at) "
            "SELECT id, title, date, body_markdown, text, content_hash, origin_file, updated_at, ? "
            "FROM releases WHERE id = ?",
            (stamp, release_id),
        )
        conn.execute(
            "UPDATE releases SET title = ?, date = ?, source = ?, url = ?, language = ?, "
            "body_markdown = ?, text = ?, content_hash = ?, origin_file = ?, updated_at = ? "
            "WHERE id = ?",
            (*values, stamp, release_id),
        )
        _save_original(conn, release_id, parsed, origin_file)
        _, orphaned = reanchor_release(store, release_id, text)
    ids = frozenset({release_id})
    return SaveResult("updated", release_id, Changes(releases=ids, highlights=ids), orphaned)


def _web_address(url: str | None) -> str | None:
    """A release's link is kept only when it is a web address: a ``javascript:`` or
    ``file:`` link in a feed must never reach a reader, a script or an export."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _is_earlier_version(conn: sqlite3.Connection, release_id: int, digest: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM release_versions WHERE release_id = ? AND content_hash = ? LIMIT 1",
        (release_id, digest),
    ).fetchone()
    return row is not None


def release_values(
    parsed: ParsedRelease, text: str, digest: str, origin_file: str | None
) -> tuple[object, ...]:
    """The columns a saved version sets (``_NEW_RELEASE_COLUMNS`` up to ``origin_file``)."""
    return (
        parsed.title, parsed.date, parsed.source, _web_address(parsed.url), parsed.language,
        parsed.body_markdown, text, digest, origin_file,
    )  # fmt: skip


def original_values(
    release_id: int, parsed: ParsedRelease, origin_file: str | None
) -> tuple[object, ...]:
    """The ``_ORIGINAL_COLUMNS`` of the record a release was last saved from."""
    return (release_id, parsed.raw_format, parsed.raw, origin_file)


def _save_original(
    conn: sqlite3.Connection, release_id: int, parsed: ParsedRelease, origin_file: str | None
) -> None:
    conn.execute(
        f"INSERT OR REPLACE INTO originals({_ORIGINAL_COLUMNS}) VALUES (?, ?, ?, ?)",
        original_values(release_id, parsed, origin_file),
    )


# --- a file's worth at once ---------------------------------------------------------------

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
    _insert_rows(conn, f"INSERT INTO releases(id, {_NEW_RELEASE_COLUMNS})", releases)
    _insert_rows(conn, f"INSERT OR REPLACE INTO originals({_ORIGINAL_COLUMNS})", originals)
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
