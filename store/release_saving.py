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

from store.attribution import DETECTED, SOURCE, TEXT
from store.changes import Changes
from store.db import Store, now_iso
from store.highlights import reanchor_release
from store.issuers import IssuerResolver, clean_name
from store.parsed import ParsedRelease
from store.text_facts import TextFacts, text_facts

Outcome = Literal["imported", "updated", "unchanged"]
# A new release's columns: ``release_values`` then its identity and two time stamps.
_NEW_RELEASE_COLUMNS = (
    "title, date, source, url, language, body_markdown, text, content_hash, origin_file, "
    "issuer_id, issuer_given, speaker, date_origin, issuer_origin, speaker_origin, "
    "language_origin, identity, imported_at, updated_at"
)
_NEW_RELEASE_MARKS = ", ".join("?" * 19)
# A revised version keeps what the analyst set by hand (origin "analyst"): each of these
# columns is written only when its origin column does not say so.
_KEPT_IF_SET_BY_HAND = {
    "date": "date_origin",
    "language": "language_origin",
    "issuer_id": "issuer_origin",
    "speaker": "speaker_origin",
}
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
    facts: TextFacts | None = None,
    identity: str | None = None,
    issuers: IssuerResolver | None = None,
    default_issuer: str | None = None,
) -> SaveResult:
    """Add a release, or update the known release it is a version of.

    Re-importing the same release changes nothing. A changed version replaces the text in
    place: the earlier one goes to ``release_versions`` and every highlight is placed again
    on the new text (kept, moved to where its quote now is, or marked orphaned).

    ``facts`` are what ``text_facts`` derives from the body when the caller has already
    computed them (a bulk import does so in worker processes). ``identity`` names the release
    this record is a version of when the caller knows it (a re-clean, whose new title must
    not make it a different release). ``issuers`` finds the issuer (one resolver serves a
    whole batch); ``default_issuer`` is the issuer the analyst named for records that name
    none. A value the analyst set by hand stays as it is.
    """
    identity = identity or release_identity(parsed)
    digest = content_hash(parsed)
    with store.write() as conn:
        row = conn.execute(
            "SELECT id, content_hash FROM releases WHERE identity = ?", (identity,)
        ).fetchone()
        if row is not None and (row[1] == digest or _is_earlier_version(conn, row[0], digest)):
            # The same text again, or an older version met again (an earlier feed snapshot
            # re-imported): the newer text we hold stays; who issued and spoke it are read
            # again, as today's parsers give them.
            resolver = issuers or IssuerResolver(conn)
            _refresh_attribution(conn, row[0], parsed, resolver, default_issuer)
            return SaveResult("unchanged", row[0])
        if facts is None:
            facts = text_facts(parsed.body_markdown, parsed.language, parsed.title)
        stamp = now_iso()
        resolver = issuers or IssuerResolver(conn)
        values = release_values(parsed, facts, digest, origin_file, resolver, default_issuer)
        if row is None:
            cursor = conn.execute(
                f"INSERT INTO releases({_NEW_RELEASE_COLUMNS}) VALUES ({_NEW_RELEASE_MARKS})",
                (*values, identity, stamp, stamp),
            )
            release_id = cursor.lastrowid
            _save_original(conn, release_id, parsed, origin_file)
            _save_countries(conn, [(release_id, facts.countries)])
            save_fingerprints(conn, [(release_id, facts.fingerprints)])
            return SaveResult("imported", release_id, Changes(releases=frozenset({release_id})))
        release_id = row[0]
        conn.execute(
            "INSERT INTO release_versions(release_id, title, date, body_markdown, text, "
            "content_hash, origin_file, imported_at, replaced_at) "
            "SELECT id, title, date, body_markdown, text, content_hash, origin_file, updated_at, ? "
            "FROM releases WHERE id = ?",
            (stamp, release_id),
        )
        columns = _NEW_RELEASE_COLUMNS.split(", ")[: len(values)]
        conn.execute(
            f"UPDATE releases SET {_revised_assignments(columns)}, updated_at = ? WHERE id = ?",
            (*values, stamp, release_id),
        )
        _save_original(conn, release_id, parsed, origin_file)
        conn.execute("DELETE FROM release_countries WHERE release_id = ?", (release_id,))
        _save_countries(conn, [(release_id, facts.countries)])
        # The text's update took its old fingerprints away (a trigger): these are the new.
        save_fingerprints(conn, [(release_id, facts.fingerprints)])
        _, orphaned = reanchor_release(store, release_id, facts.text)
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
    parsed: ParsedRelease,
    facts: TextFacts,
    digest: str,
    origin_file: str | None,
    issuers: IssuerResolver,
    default_issuer: str | None = None,
) -> tuple[object, ...]:
    """The columns a saved version sets (``_NEW_RELEASE_COLUMNS`` up to the identity)."""
    url = _web_address(parsed.url)
    issuer_id, issuer_origin = issuers.resolve(parsed.issuer, url, default_issuer)
    if issuer_origin == SOURCE and "issuer" in parsed.found_in_text:
        issuer_origin = TEXT
    speaker = clean_name(parsed.speaker)
    language = parsed.language or facts.detected_language
    language_origin = (
        _origin(parsed, "language", parsed.language) if parsed.language
        else DETECTED if language else None
    )  # fmt: skip
    return (
        parsed.title, parsed.date, parsed.source, url, language,
        parsed.body_markdown, facts.text, digest, origin_file,
        issuer_id, clean_name(parsed.issuer), speaker,
        _origin(parsed, "date", parsed.date), issuer_origin,
        _origin(parsed, "speaker", speaker), language_origin,
    )  # fmt: skip


def _origin(parsed: ParsedRelease, field: str, value: object) -> str | None:
    if value is None:
        return None
    return TEXT if field in parsed.found_in_text else SOURCE


def _revised_assignments(columns: list[str]) -> str:
    """SET clauses for a revised version: each column takes the new value, except those the
    analyst set by hand (and their origins)."""
    kept_origins = {origin: column for column, origin in _KEPT_IF_SET_BY_HAND.items()}
    clauses = []
    for column in columns:
        origin = _KEPT_IF_SET_BY_HAND.get(column) or (column if column in kept_origins else None)
        if origin is None:
            clauses.append(f"{column} = ?")
        else:
            clauses.append(f"{column} = CASE WHEN {origin} = 'analyst' THEN {column} ELSE ? END")
    return ", ".join(clauses)


def _refresh_attribution(
    conn: sqlite3.Connection,
    release_id: int,
    parsed: ParsedRelease,
    issuers: IssuerResolver,
    default_issuer: str | None,
) -> None:
    """Issuer and speaker read again for a release whose text has not changed (a file
    imported again after the parsers improved), unless the analyst set them."""
    url = _web_address(parsed.url)
    issuer_id, issuer_origin = issuers.resolve(parsed.issuer, url, default_issuer)
    speaker = clean_name(parsed.speaker)
    conn.execute(
        "UPDATE releases SET "
        "issuer_id = CASE WHEN issuer_origin = 'analyst' THEN issuer_id ELSE ? END, "
        "issuer_origin = CASE WHEN issuer_origin = 'analyst' THEN issuer_origin ELSE ? END, "
        "issuer_given = ?, "
        "speaker = CASE WHEN speaker_origin = 'analyst' THEN speaker ELSE ? END, "
        "speaker_origin = CASE WHEN speaker_origin = 'analyst' THEN speaker_origin ELSE ? END "
        "WHERE id = ? AND (issuer_id IS NOT ? OR speaker IS NOT ? OR issuer_given IS NOT ?)",
        (
            issuer_id, issuer_origin, clean_name(parsed.issuer), speaker,
            _origin(parsed, "speaker", speaker), release_id, issuer_id, speaker,
            clean_name(parsed.issuer),
        ),
    )  # fmt: skip


def _save_countries(conn: sqlite3.Connection, releases: list[tuple[int, tuple[str, ...]]]) -> None:
    rows = [(release_id, code) for release_id, codes in releases for code in codes]
    if rows:
        _insert_rows(conn, "INSERT OR IGNORE INTO release_countries(release_id, country)", rows)


def save_fingerprints(
    conn: sqlite3.Connection, releases: list[tuple[int, tuple[int, ...]]]
) -> None:
    """Index each release's wording fingerprints (``store.fingerprints``)."""
    rows = [(hash_, release_id) for release_id, hashes in releases for hash_ in hashes]
    if rows:
        _insert_rows(conn, "INSERT OR IGNORE INTO release_fingerprints(hash, release_id)", rows)


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

# Rows per INSERT: 20 columns make 4,000 parameters, far under SQLite's 32,766, and the
# search index is written out once per statement.
ROWS_PER_STATEMENT = 200

_Keyed = tuple[ParsedRelease, TextFacts | None, str]  # a release, its facts, its identity


def save_releases(
    store: Store,
    batch: Sequence[tuple[ParsedRelease, TextFacts | None]],
    origin_file: str | None,
    default_issuer: str | None = None,
) -> list[SaveResult]:
    """Save each release of ``batch`` (with what ``text_facts`` derives from it, or None to
    compute that here) as ``save_release`` would, in order, in one transaction; one result
    per release."""
    keyed = [(parsed, facts, release_identity(parsed)) for parsed, facts in batch]
    results: list[SaveResult] = []
    with store.write() as conn:
        issuers = IssuerResolver(conn)
        seen = _identities_held(conn, [identity for *_, identity in keyed])
        new: list[_Keyed] = []
        for parsed, facts, identity in keyed:
            if identity not in seen:
                seen.add(identity)
                new.append((parsed, facts, identity))
                continue
            results += _insert_new(conn, new, origin_file, issuers, default_issuer)
            new = []
            results.append(
                save_release(store, parsed, origin_file, facts, identity, issuers, default_issuer)
            )
        results += _insert_new(conn, new, origin_file, issuers, default_issuer)
    return results


def _identities_held(conn: sqlite3.Connection, identities: list[str]) -> set[str]:
    """Which of ``identities`` name releases already in the store."""
    rows = conn.execute(
        "SELECT identity FROM releases WHERE identity IN (SELECT value FROM json_each(?))",
        (json.dumps(identities),),
    )
    return {identity for (identity,) in rows}


def _insert_new(
    conn: sqlite3.Connection,
    new: list[_Keyed],
    origin_file: str | None,
    issuers: IssuerResolver,
    default_issuer: str | None,
) -> list[SaveResult]:
    """Insert releases none of which the store holds, with ids in batch order."""
    if not new:
        return []
    # Ids are given, not left to SQLite, so that each original finds its release without a
    # look-up; max + 1 is what SQLite itself would choose for each row in turn.
    (first_id,) = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM releases").fetchone()
    stamp = now_iso()
    releases, originals, countries, prints = [], [], [], []
    for release_id, (parsed, facts, identity) in enumerate(new, start=first_id):
        if facts is None:
            facts = text_facts(parsed.body_markdown, parsed.language, parsed.title)
        values = release_values(
            parsed, facts, content_hash(parsed), origin_file, issuers, default_issuer
        )
        releases.append((release_id, *values, identity, stamp, stamp))
        originals.append(original_values(release_id, parsed, origin_file))
        countries.append((release_id, facts.countries))
        prints.append((release_id, facts.fingerprints))
    _insert_rows(conn, f"INSERT INTO releases(id, {_NEW_RELEASE_COLUMNS})", releases)
    _insert_rows(conn, f"INSERT OR REPLACE INTO originals({_ORIGINAL_COLUMNS})", originals)
    _save_countries(conn, countries)
    save_fingerprints(conn, prints)
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


def insert_new_releases(
    conn: sqlite3.Connection,
    new: list[tuple[ParsedRelease, TextFacts, str]],
    origin_file: str | None,
    issuers: IssuerResolver,
) -> list[int]:
    """Insert releases none of which the store holds (each with its facts and identity, as
    a merge takes them from a colleague's store), a few statements for all; their new ids
    in order."""
    return [result.release_id for result in _insert_new(conn, new, origin_file, issuers, None)]
