"""Unread releases: a release a subscription brought is unread until the analyst reads it.

Releases imported by hand, and every release held before subscriptions existed, are never
unread. Each write returns the ``Changes`` naming the releases whose state changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from store.changes import Changes
from store.db import Store, now_iso


def mark_unread(store: Store, release_ids: Iterable[int]) -> Changes:
    """Make these releases unread (those that exist; already unread ones stay as they are)."""
    ids = json.dumps(sorted(set(release_ids)))
    with store.write() as conn:
        changed = conn.execute(
            "INSERT OR IGNORE INTO unread_releases(release_id, since) "
            "SELECT id, ? FROM releases WHERE id IN (SELECT value FROM json_each(?)) "
            "RETURNING release_id",
            (now_iso(), ids),
        ).fetchall()
    return Changes(releases=frozenset(row[0] for row in changed))


def mark_read(store: Store, release_ids: Iterable[int]) -> Changes:
    """Make these releases read."""
    ids = json.dumps(sorted(set(release_ids)))
    with store.write() as conn:
        changed = conn.execute(
            "DELETE FROM unread_releases WHERE release_id IN (SELECT value FROM json_each(?)) "
            "RETURNING release_id",
            (ids,),
        ).fetchall()
    return Changes(releases=frozenset(row[0] for row in changed))


def mark_all_read(store: Store) -> Changes:
    """Make every release read."""
    with store.write() as conn:
        changed = conn.execute("DELETE FROM unread_releases RETURNING release_id").fetchall()
    return Changes(releases=frozenset(row[0] for row in changed))


def is_unread(store: Store, release_id: int) -> bool:
    row = store.conn.execute(
        "SELECT 1 FROM unread_releases WHERE release_id = ?", (release_id,)
    ).fetchone()
    return row is not None


def unread_count(store: Store) -> int:
    (count,) = store.conn.execute("SELECT count(*) FROM unread_releases").fetchone()
    return count


def unread_counts_by_issuer(store: Store) -> dict[int | None, int]:
    """How many releases of each issuer are unread (None: releases of no issuer); issuers
    with none unread are left out."""
    rows = store.conn.execute(
        "SELECT r.issuer_id, count(*) FROM unread_releases u "
        "JOIN releases r ON r.id = u.release_id GROUP BY r.issuer_id"
    )
    return dict(rows.fetchall())
