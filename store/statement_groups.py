"""Statement groups: releases that are one statement in several languages.

A release belongs to at most one group (``statement_members``); each membership says how it
was made: ``source`` (a key of the input, store.statement_keys), ``detected``
(store.statement_detection) or ``analyst`` (joined by hand). A group of one is no group: the
schema's trigger removes a group with its last-but-one member. When the analyst takes a
release out of its group, the pairs it made with the others are kept in ``statement_splits``
and the detector never joins them again; a re-detection only ever adds.

Every analyst change returns a ``GroupSnapshot`` of the groups it touched as they were, and
``restore_groups`` puts them back (the undo of any change), in one IMMEDIATE transaction.

>>> store = Store(":memory:")
>>> translations(store, 1)
[]
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from store.changes import Changes
from store.db import Store, StoreError

SOURCE = "source"
DETECTED = "detected"
ANALYST = "analyst"


class GroupError(StoreError):
    """A join or split that cannot be made; the message is one sentence for the analyst."""


@dataclass(frozen=True)
class GroupSnapshot:
    """The memberships of some releases before a change, to put them back.

    ``releases``: every release the change touched (before and after); ``members``: their
    (release_id, group_id, origin) as they were; ``splits``: the analyst's splits among them
    as they were, each pair once with the lower id first.
    """

    releases: frozenset[int]
    members: tuple[tuple[int, int, str], ...]
    splits: tuple[tuple[int, int], ...]

    @property
    def changes(self) -> Changes:
        return Changes(releases=self.releases)


def group_of(store: Store, release_id: int) -> int | None:
    """The id of the statement group the release is in, or None."""
    row = store.conn.execute(
        "SELECT group_id FROM statement_members WHERE release_id = ?", (release_id,)
    ).fetchone()
    return row[0] if row else None


def translations(store: Store, release_id: int) -> list[tuple[int, str | None]]:
    """The versions of the release's statement as (release_id, language), the release itself
    included, by language then id; just the release when it is in no group; [] when there is
    no such release."""
    rows = store.conn.execute(
        "SELECT r.id, r.language FROM statement_members s "
        "JOIN statement_members o ON o.group_id = s.group_id "
        "JOIN releases r ON r.id = o.release_id WHERE s.release_id = ? "
        "ORDER BY r.language IS NULL, r.language, r.id",
        (release_id,),
    ).fetchall()
    if rows:
        return [(row[0], row[1]) for row in rows]
    row = store.conn.execute(
        "SELECT id, language FROM releases WHERE id = ?", (release_id,)
    ).fetchone()
    return [(row[0], row[1])] if row else []


def group_members(conn: sqlite3.Connection, group_id: int) -> list[int]:
    """The releases of a group, by id."""
    rows = conn.execute(
        "SELECT release_id FROM statement_members WHERE group_id = ? ORDER BY release_id",
        (group_id,),
    )
    return [row[0] for row in rows]


def join_group(store: Store, release_ids: Iterable[int]) -> GroupSnapshot:
    """Make the releases one statement, as the analyst says: their groups become one (the
    lowest group id stays), and any split the analyst made among them and their groups'
    versions is forgotten."""
    ids = sorted(set(release_ids))
    if len(ids) < 2:
        raise GroupError("Joining needs at least two different releases.")
    with store.write() as conn:
        _require_releases(conn, ids)
        groups = _groups_of(conn, ids)
        touched = set(ids) | {m for g in groups for m in group_members(conn, g)}
        before = snapshot_groups(conn, touched)
        # They are one statement now, with every version of their groups: no split among
        # them holds any more (a detection would otherwise see splits inside a group).
        conn.execute(
            "DELETE FROM statement_splits WHERE release_id IN (SELECT value FROM json_each(?)) "
            "AND apart_from IN (SELECT value FROM json_each(?))",
            (json.dumps(sorted(touched)), json.dumps(sorted(touched))),
        )
        group_id = merge_into_one(conn, ids, ANALYST)
        conn.execute(
            "UPDATE statement_members SET origin = ? WHERE group_id = ? "
            "AND release_id IN (SELECT value FROM json_each(?))",
            (ANALYST, group_id, json.dumps(ids)),
        )
    return before


def leave_group(store: Store, release_id: int) -> GroupSnapshot:
    """Take a release out of its statement, as the analyst says: the detector will not join
    it with those versions again (a join by the analyst still can)."""
    with store.write() as conn:
        _require_releases(conn, [release_id])
        group_id = conn.execute(
            "SELECT group_id FROM statement_members WHERE release_id = ?", (release_id,)
        ).fetchone()
        if group_id is None:
            raise GroupError(f"Release {release_id} is in no statement group.")
        others = [m for m in group_members(conn, group_id[0]) if m != release_id]
        before = snapshot_groups(conn, {release_id, *others})
        conn.executemany(
            "INSERT OR IGNORE INTO statement_splits(release_id, apart_from) VALUES (?, ?)",
            [pair for other in others for pair in ((release_id, other), (other, release_id))],
        )
        conn.execute("DELETE FROM statement_members WHERE release_id = ?", (release_id,))
    return before


def snapshot_groups(conn: sqlite3.Connection, release_ids: Iterable[int]) -> GroupSnapshot:
    """The memberships and splits of these releases as they are now."""
    ids = json.dumps(sorted(set(release_ids)))
    members = conn.execute(
        "SELECT release_id, group_id, origin FROM statement_members "
        "WHERE release_id IN (SELECT value FROM json_each(?)) ORDER BY release_id",
        (ids,),
    ).fetchall()
    splits = conn.execute(
        "SELECT release_id, apart_from FROM statement_splits "
        "WHERE release_id IN (SELECT value FROM json_each(?)) "
        "AND apart_from IN (SELECT value FROM json_each(?)) AND release_id < apart_from "
        "ORDER BY release_id, apart_from",
        (ids, ids),
    ).fetchall()
    return GroupSnapshot(
        frozenset(json.loads(ids)), tuple(map(tuple, members)), tuple(map(tuple, splits))
    )


def restore_groups(store: Store, snapshot: GroupSnapshot) -> Changes:
    """Put the snapshot's releases back in the groups (and splits) they had then."""
    ids = json.dumps(sorted(snapshot.releases))
    with store.write() as conn:
        conn.execute(
            "DELETE FROM statement_members WHERE release_id IN (SELECT value FROM json_each(?))",
            (ids,),
        )
        conn.execute(
            "DELETE FROM statement_splits WHERE release_id IN (SELECT value FROM json_each(?)) "
            "AND apart_from IN (SELECT value FROM json_each(?))",
            (ids, ids),
        )
        held = {
            row[0]
            for row in conn.execute(
                "SELECT id FROM releases WHERE id IN (SELECT value FROM json_each(?))", (ids,)
            )
        }
        members = [m for m in snapshot.members if m[0] in held]
        conn.executemany(
            "INSERT OR IGNORE INTO statement_groups(id) VALUES (?)",
            [(group_id,) for group_id in {m[1] for m in members}],
        )
        conn.executemany(
            "INSERT INTO statement_members(release_id, group_id, origin) VALUES (?, ?, ?)",
            members,
        )
        conn.executemany(
            "INSERT INTO statement_splits(release_id, apart_from) VALUES (?, ?)",
            [
                pair
                for a, b in snapshot.splits
                if a in held and b in held
                for pair in ((a, b), (b, a))
            ],
        )
    return snapshot.changes


def merge_into_one(conn: sqlite3.Connection, release_ids: list[int], origin: str) -> int:
    """Within a write: the releases and every member of their groups become one group (the
    lowest group id, or a new one); the releases that were in none join with ``origin``.
    Returns the group's id."""
    groups = _groups_of(conn, release_ids)
    if groups:
        group_id = groups[0]
        conn.execute(
            "UPDATE statement_members SET group_id = ? "
            "WHERE group_id IN (SELECT value FROM json_each(?))",
            (group_id, json.dumps(groups[1:])),
        )
        conn.execute(
            "DELETE FROM statement_groups WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(groups[1:]),),
        )
    else:
        group_id = conn.execute("INSERT INTO statement_groups DEFAULT VALUES").lastrowid
    conn.executemany(
        "INSERT OR IGNORE INTO statement_members(release_id, group_id, origin) VALUES (?, ?, ?)",
        [(release_id, group_id, origin) for release_id in release_ids],
    )
    return group_id


def _groups_of(conn: sqlite3.Connection, release_ids: list[int]) -> list[int]:
    rows = conn.execute(
        "SELECT DISTINCT group_id FROM statement_members "
        "WHERE release_id IN (SELECT value FROM json_each(?)) ORDER BY group_id",
        (json.dumps(release_ids),),
    )
    return [row[0] for row in rows]


def _require_releases(conn: sqlite3.Connection, release_ids: list[int]) -> None:
    held = {
        row[0]
        for row in conn.execute(
            "SELECT id FROM releases WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(release_ids),),
        )
    }
    missing = [str(i) for i in release_ids if i not in held]
    if missing:
        which = "release " + missing[0] if len(missing) == 1 else "releases " + ", ".join(missing)
        raise GroupError(f"There is no {which}; `communique list` shows the releases.")
