"""Work an upgrade does over every release held before it, newest first, resumable.

A migration notes the newest release id then held in ``store_notes`` under the work's
name. :func:`work_down` goes down from there a chunk at a time, each chunk its own
transaction, and notes how far it got: stopped half-way (the window closed, the machine went
down), the next opening resumes it. The upgrade steps of schema 8 (issuers and speakers) and
9 (fingerprints) are two such works.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from store.db import Store

# (conn, highest id to take, how many) → the rows of a chunk, newest first, the id first.
ChunkReader = Callable[[sqlite3.Connection, int, int], list[tuple]]
ChunkWriter = Callable[[sqlite3.Connection, list[tuple]], None]


def pending_from(conn: sqlite3.Connection, name: str) -> int:
    """The highest release id the work ``name`` has still to go over (0 when none is)."""
    row = conn.execute("SELECT value FROM store_notes WHERE name = ?", (name,)).fetchone()
    return row[0] if row else 0


def work_down(
    store: Store,
    name: str,
    chunk: int,
    read: ChunkReader,
    write: ChunkWriter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Go over every release the work ``name`` still has pending, ``chunk`` to a
    transaction, newest first; how many were gone over."""
    first = pending_from(store.conn, name)
    done = 0
    while first:
        with store.write() as conn:
            rows = read(conn, pending_from(conn, name), chunk)
            write(conn, rows)
            lowest = rows[-1][0] - 1 if rows else 0
            if lowest > 0:
                conn.execute("UPDATE store_notes SET value = ? WHERE name = ?", (lowest, name))
            else:
                conn.execute("DELETE FROM store_notes WHERE name = ?", (name,))
        done += len(rows)
        if progress:
            progress(done, first)
        if lowest <= 0:
            break
    return done
