"""The last step of upgrading a store from before issuers (schema 8): each release held
then has its issuer, speaker, language and countries found again from its kept original.

Migration 8 adds the columns and notes the newest release id in ``store_notes``
(``attribution_pending``). This step works down from there a chunk at a time, each chunk
its own transaction, noting how far it got: stopped half-way (the window closed, the
machine went down), opening the store again resumes it. ``open_store`` runs it after the
schema's migrations, as one more announced step, and then the step that fingerprints the
wording of releases held before schema 9 (store.fingerprint_upgrade) and the one that groups
the language versions of releases held before statement groups (store.statement_upgrade).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

from store import pending_work
from store.attribution import DETECTED, SOURCE, TEXT
from store.db import Store, UpgradeProgress, peek, stored_schema_version
from store.fingerprint_upgrade import (
    FINGERPRINT_SCHEMA,
    fingerprint_pending,
    fingerprints_pending_from,
)
from store.fingerprint_upgrade import STEP as FINGERPRINT_STEP
from store.issuers import IssuerResolver, clean_name
from store.parsed import ParsedRelease, UnreadableFile
from store.schema import SCHEMA_VERSION
from store.statement_upgrade import GROUPS_SCHEMA, group_pending, groups_pending_from
from store.statement_upgrade import STEP as GROUPS_STEP

STEP = "Finding each release's issuer, speaker, language and countries"
# The schema version that brought issuers: a store older than this has releases to go over.
ATTRIBUTION_SCHEMA = 8
CHUNK = 500
_PENDING = "attribution_pending"


def open_store(path: str | os.PathLike[str], progress: UpgradeProgress | None = None) -> Store:
    """Open (or create) the store as ``Store`` does, then finish the upgrade of releases
    saved before issuers existed; ``progress`` hears of every step, this one included."""
    version = stored_schema_version(path)
    holds = version is not None and version > 0 and _holds_releases(path)
    extra = sum(
        holds and version < schema
        for schema in (ATTRIBUTION_SCHEMA, FINGERPRINT_SCHEMA, GROUPS_SCHEMA)
    )
    seen = {"steps": 0}

    def schema_step(step: int, steps: int, what: str) -> None:
        seen["steps"] = steps
        if progress:
            progress(step, steps + extra, what)

    store = Store(path, schema_step)
    # The steps after the schema's: each announced as one more of the same count.
    steps = [
        (STEP, derive_pending) if pending_from(store.conn) else None,
        (FINGERPRINT_STEP, fingerprint_pending) if fingerprints_pending_from(store.conn) else None,
        (GROUPS_STEP, group_pending) if groups_pending_from(store.conn) else None,
    ]
    pending = [step for step in steps if step]
    for number, (what, run) in enumerate(pending, start=seen["steps"] + 1):
        if progress:
            progress(number, seen["steps"] + len(pending), what)
        run(store)
    return store


def releases_pending(path: str | os.PathLike[str]) -> bool:
    """Whether the current-schema store at ``path`` still has releases to go over (an
    upgrade stopped half-way), read without changing the file: a window decides by it
    whether to show the upgrade's progress before it opens the store."""
    if stored_schema_version(path) != SCHEMA_VERSION:
        return False
    return peek(
        path,
        lambda conn: (
            pending_from(conn) > 0
            or fingerprints_pending_from(conn) > 0
            or groups_pending_from(conn) > 0
        ),
        False,
    )


def _holds_releases(path: str | os.PathLike[str]) -> bool:
    """Whether the store at ``path`` holds any release, read without changing the file."""
    return peek(
        path, lambda conn: bool(conn.execute("SELECT 1 FROM releases LIMIT 1").fetchone()), False
    )


def pending_from(conn: sqlite3.Connection) -> int:
    """The highest release id still to go over (0 when none is)."""
    return pending_work.pending_from(conn, _PENDING)


def derive_pending(store: Store, progress: Callable[[int, int], None] | None = None) -> int:
    """Go over every release still pending, newest first; how many were gone over."""

    def derive(conn: sqlite3.Connection, rows: list[tuple]) -> None:
        resolver = IssuerResolver(conn)
        for row in rows:
            _derive(conn, resolver, *row)

    return pending_work.work_down(store, _PENDING, CHUNK, _releases_below, derive, progress)


def _releases_below(conn: sqlite3.Connection, below: int, chunk: int) -> list[tuple]:
    return conn.execute(
        "SELECT r.id, r.title, r.source, r.url, r.language, r.body_markdown, "
        "o.format, o.raw FROM releases r LEFT JOIN originals o ON o.release_id = r.id "
        "WHERE r.id <= ? ORDER BY r.id DESC LIMIT ?",
        (below, chunk),
    ).fetchall()


def _derive(
    conn: sqlite3.Connection,
    resolver: IssuerResolver,
    release_id: int,
    title: str,
    source: str | None,
    url: str | None,
    language: str | None,
    body_markdown: str,
    raw_format: str | None,
    raw: str | None,
) -> None:
    parsed = _reparsed(raw_format, raw)
    speaker = clean_name(parsed.speaker) if parsed else None
    # Before issuers, "source" held whatever the input offered: a feed item's author (now
    # the speaker) or else its channel, a page's site name, a column. It names the issuer
    # when it is not the speaker.
    given = (parsed.issuer if parsed else None) or (source if source != speaker else None)
    issuer_id, issuer_origin = resolver.resolve(given, url)
    found_in_text = parsed.found_in_text if parsed else frozenset()
    if issuer_origin == SOURCE and "issuer" in found_in_text:
        issuer_origin = TEXT
    # The converters' stack loads only when there are releases to go over: opening a
    # store that needs none (the command line's every command) does without it.
    from store.text_facts import text_facts

    facts = text_facts(body_markdown, language, title)
    new_language = language or facts.detected_language
    conn.execute(
        "UPDATE releases SET issuer_id = ?, issuer_given = ?, issuer_origin = ?, speaker = ?, "
        "speaker_origin = ?, language = ?, language_origin = coalesce(language_origin, ?) "
        "WHERE id = ?",
        (
            issuer_id, clean_name(given), issuer_origin, speaker,
            (TEXT if "speaker" in found_in_text else SOURCE) if speaker else None,
            new_language, DETECTED if new_language and not language else None, release_id,
        ),
    )  # fmt: skip
    conn.executemany(
        "INSERT OR IGNORE INTO release_countries(release_id, country) VALUES (?, ?)",
        [(release_id, code) for code in facts.countries],
    )


def _reparsed(raw_format: str | None, raw: str | None) -> ParsedRelease | None:
    if not raw_format or not raw:
        return None
    from store.reclean import reparse_original  # the parsers: see text_facts above

    try:
        releases = reparse_original(raw_format, raw)
    except (UnreadableFile, ValueError):
        return None
    return releases[0] if len(releases) == 1 else None
