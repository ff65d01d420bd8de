"""Claims: a subscription is taken by one fetch pass before it is fetched.

A window and a cron job may run a pass at the same moment, each in its own process. Each
claims its subscriptions in one IMMEDIATE transaction, and only those still free and still
due (a pass over all of them: not fetched since it began): the other pass gets the rest,
and a subscription is never fetched by both. Subscriptions asked for by id (the window's
"fetch now") are fetched whenever no other pass holds them. A claim is a lease: a pass
that dies leaves claims that expire after ``LEASE_SECONDS``, and a pass still working
renews its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from store.db import Store, now_iso
from store.subscriptions import later

LEASE_SECONDS = 15 * 60
# A pass renews its leases when this much of them has gone by.
RENEW_AFTER_SECONDS = 5 * 60


def claim(store: Store, ids: Iterable[int], owner: str, started: str, only_due: bool) -> set[int]:
    """Claim for ``owner`` those of ``ids`` that no live lease holds and that were not
    fetched since ``started`` (and, with ``only_due``, that are still due and not paused)."""
    now = now_iso()
    with store.write() as conn:
        rows = conn.execute(
            "UPDATE subscriptions SET claimed_by = ?, claimed_until = ? "
            "WHERE id IN (SELECT value FROM json_each(?)) "
            "AND (claimed_until IS NULL OR claimed_until < ?) "
            "AND (? IS NULL OR last_fetch IS NULL OR last_fetch < ?) "
            "AND (NOT ? OR (paused = 0 AND (next_fetch IS NULL OR next_fetch <= ?))) "
            "RETURNING id",
            (owner, later(LEASE_SECONDS), json.dumps(sorted(set(ids))), now, started, started,
             int(only_due), now),
        ).fetchall()  # fmt: skip
    return {row[0] for row in rows}


def renew(store: Store, owner: str) -> None:
    with store.write() as conn:
        conn.execute(
            "UPDATE subscriptions SET claimed_until = ? WHERE claimed_by = ?",
            (later(LEASE_SECONDS), owner),
        )


def release_all(store: Store, owner: str) -> None:
    """Let go of every claim ``owner`` still holds (those it did not get to)."""
    with store.write() as conn:
        conn.execute(
            "UPDATE subscriptions SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = ?",
            (owner,),
        )
