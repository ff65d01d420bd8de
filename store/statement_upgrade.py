"""The step that groups the language versions among releases held before statement groups.

The migration that brought statement groups notes the newest release id then held in
``store_notes`` (``statement_groups_pending``). This step works down from there a chunk at a
time, each chunk its own transaction, running the detector on it as an import would
(store.statement_detection): stopped half-way, opening the store again resumes it.

It runs when the store is opened, announced as one more step of the upgrade, rather than
waiting for a command: an older store would otherwise list every version as a statement
of its own and show no other language in the reader, and nothing would tell the analyst
why. Keys the inputs gave (``translation_group``, hreflang alternates) are not read again
from the originals: only the detector's judgement is brought to older releases.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.db import Store
from store.pending_work import pending_from, work_down
from store.schema import MIGRATIONS

STEP = "Finding the language versions of each statement"
# The schema version that brought statement groups: an older store has releases to group.
GROUPS_SCHEMA = next(
    number
    for number, statements in enumerate(MIGRATIONS, start=1)
    if any("CREATE TABLE statement_groups" in statement for statement in statements)
)
CHUNK = 2000
_PENDING = "statement_groups_pending"


def groups_pending_from(conn: sqlite3.Connection) -> int:
    """The highest release id still to group (0 when none is)."""
    return pending_from(conn, _PENDING)


def group_pending(store: Store, progress: Callable[[int, int], None] | None = None) -> int:
    """Group every release still pending, newest first; how many were gone over."""
    return work_down(store, _PENDING, CHUNK, _ids, _detect, progress)


def _ids(conn: sqlite3.Connection, below: int, chunk: int) -> list[tuple]:
    return conn.execute(
        "SELECT id FROM releases WHERE id <= ? ORDER BY id DESC LIMIT ?", (below, chunk)
    ).fetchall()


def _detect(conn: sqlite3.Connection, rows: list[tuple]) -> None:
    # The detector's stack (the canonical text) loads only when there is work for it.
    from store.statement_detection import detect_in

    detect_in(conn, [release_id for (release_id,) in rows])
