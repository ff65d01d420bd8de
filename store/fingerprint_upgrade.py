"""The step that fingerprints the wording of releases held before schema 9 (where else the
same wording appears, store.reuse).

Migration 9 notes the newest release id then held in ``store_notes``
(``fingerprints_pending``). This step works down from there a chunk at a time, each chunk its
own transaction, noting how far it got: stopped half-way, opening the store again resumes
it. It reads only each release's canonical text, so it is quicker than the step of schema 8.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.db import Store
from store.fingerprints import fingerprints
from store.pending_work import pending_from, work_down

STEP = "Fingerprinting each release's wording"
# The schema version that brought fingerprints: an older store has releases to go over.
FINGERPRINT_SCHEMA = 9
CHUNK = 1000
_PENDING = "fingerprints_pending"


def fingerprints_pending_from(conn: sqlite3.Connection) -> int:
    """The highest release id still to fingerprint (0 when none is)."""
    return pending_from(conn, _PENDING)


def fingerprint_pending(store: Store, progress: Callable[[int, int], None] | None = None) -> int:
    """Fingerprint every release still pending, newest first; how many were gone over."""
    return work_down(store, _PENDING, CHUNK, _texts, _fingerprint, progress)


def _texts(conn: sqlite3.Connection, below: int, chunk: int) -> list[tuple]:
    return conn.execute(
        "SELECT id, text FROM releases WHERE id <= ? ORDER BY id DESC LIMIT ?", (below, chunk)
    ).fetchall()


def _fingerprint(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    # Saving's stack (the converters) loads only when there are releases to fingerprint.
    from store.release_saving import save_fingerprints

    conn.execute(
        "DELETE FROM release_fingerprints WHERE release_id IN (SELECT value FROM json_each(?))",
        (str([release_id for release_id, _ in rows]),),
    )
    save_fingerprints(conn, [(release_id, fingerprints(text)) for release_id, text in rows])
