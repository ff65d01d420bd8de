"""Finding the language versions of a statement when nothing in the input says.

Two releases are taken for versions of one statement when they are in different languages,
dated within a day of each other, share enough language-independent anchors
(store.statement_anchors) and have a like shape (paragraphs, length); the same issuer (in
any of its names: the issuers resolve every language's name to one issuer) counts for
them. ``detect_groups`` looks at the releases just saved, against candidates the date index
finds (the day before, the day, the day after), never a scan of the store; the best pairs
are joined first, and a join is refused when it would put two releases of one language in
one statement or undo a split the analyst made. Thresholds and figures:
docs/statement-groups.md.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from store.db import Store
from store.statement_anchors import Anchors, anchors
from store.statement_groups import DETECTED, merge_into_one

# A pair scoring at least this is one statement (docs/statement-groups.md: chosen on the
# tuning half of the Swiss federal releases, checked on the held-out half).
THRESHOLD = 0.5
# Fewer shared anchors than this says nothing, however short the releases.
MIN_SHARED = 2
# The weight of the shape (paragraphs and length alike) against the anchors.
SHAPE_WEIGHT = 0.3
SAME_ISSUER_BONUS = 0.1


@dataclass(frozen=True)
class _Version:
    id: int
    language: str
    issuer_id: int | None
    date: str | None
    anchors: Anchors


def pair_score(a: _Version, b: _Version) -> float:
    """How surely two releases of different languages are one statement, 0 to about 1.1."""
    shared = len(a.anchors.items & b.anchors.items)
    if shared < MIN_SHARED:
        return 0.0
    fewer = min(len(a.anchors.items), len(b.anchors.items))
    overlap = shared / fewer
    paragraphs = _ratio(a.anchors.paragraphs, b.anchors.paragraphs)
    length = _ratio(a.anchors.length, b.anchors.length)
    shape = (paragraphs + length) / 2
    score = (1 - SHAPE_WEIGHT) * overlap + SHAPE_WEIGHT * shape
    if a.issuer_id is not None and a.issuer_id == b.issuer_id:
        score += SAME_ISSUER_BONUS
    return score


def _ratio(x: int, y: int) -> float:
    return min(x, y) / max(x, y) if max(x, y) else 1.0


def detect_groups(store: Store, release_ids: Iterable[int]) -> int:
    """Join the given releases (just saved) with their other language versions among the
    store's releases; how many releases joined a group."""
    new_ids = sorted(set(release_ids))
    if not new_ids:
        return 0
    with store.write() as conn:
        return detect_in(conn, new_ids)


def detect_in(conn: sqlite3.Connection, release_ids: list[int]) -> int:
    """``detect_groups`` within a write transaction the caller holds."""
    new_ids = sorted(set(release_ids))
    versions: dict[int, _Version] = {}
    new = _read_versions(conn, "r.id IN (SELECT value FROM json_each(?))", [json.dumps(new_ids)])
    versions.update((v.id, v) for v in new)
    days = sorted({v.date for v in new if v.date})
    for day in days:
        low, high = _window(day)
        held = _read_versions(conn, "r.date BETWEEN ? AND ?", [low, high], skip=versions)
        versions.update((v.id, v) for v in held)
    by_day: dict[str, list[_Version]] = {}
    for version in versions.values():
        if version.date:
            by_day.setdefault(version.date, []).append(version)
    pairs = []
    new_set = set(new_ids)
    for version in new:
        if not version.date:
            continue
        low, high = _window(version.date)
        for day in _days_between(low, high):
            for other in by_day.get(day, ()):
                if other.language == version.language or other.id == version.id:
                    continue
                if other.id in new_set and other.id < version.id:
                    continue  # each pair of new releases once
                score = pair_score(version, other)
                if score >= THRESHOLD:
                    pairs.append((score, version.id, other.id))
    if not pairs:
        return 0
    return _join_best_first(conn, pairs, versions)


def _join_best_first(
    conn: sqlite3.Connection, pairs: list[tuple[float, int, int]], versions: dict[int, _Version]
) -> int:
    """Join the pairs best first, each one only if the statement it makes holds one release
    per language and no pair the analyst split."""
    involved = sorted({i for _, a, b in pairs for i in (a, b)})
    group_of, members = _current_groups(conn, involved)
    splits = _splits(conn, involved)
    languages = {
        key: {versions[m].language if m in versions else _language(conn, m) for m in ids}
        for key, ids in members.items()
    }
    joined: dict[tuple[int, ...], None] = {}
    for _, a, b in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        key_a, key_b = group_of[a], group_of[b]
        if key_a == key_b:
            continue
        if languages[key_a] & languages[key_b]:
            continue
        if any((x, y) in splits for x in members[key_a] for y in members[key_b]):
            continue
        members[key_a] |= members.pop(key_b)
        languages[key_a] |= languages.pop(key_b)
        for member in members[key_a]:
            group_of[member] = key_a
        joined[key_a] = None
    count = 0
    for key in joined:
        if key in members:
            before = _held_in_groups(conn, members[key])
            merge_into_one(conn, sorted(members[key]), DETECTED)
            count += len(members[key]) - before
    return count


def _current_groups(
    conn: sqlite3.Connection, release_ids: list[int]
) -> tuple[dict[int, int], dict[int, set[int]]]:
    """Each release's cluster key and each key's members: a statement group as it is (all
    its members, keyed by the group's id), or a release of none alone (its negated id)."""
    rows = conn.execute(
        "SELECT release_id, group_id FROM statement_members WHERE group_id IN "
        "(SELECT group_id FROM statement_members WHERE release_id IN "
        "(SELECT value FROM json_each(?)))",
        (json.dumps(release_ids),),
    )
    group_of: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    for release_id, group_id in rows:
        group_of[release_id] = group_id
        members.setdefault(group_id, set()).add(release_id)
    for release_id in release_ids:
        if release_id not in group_of:
            group_of[release_id] = -release_id
            members[-release_id] = {release_id}
    return group_of, members


def _held_in_groups(conn: sqlite3.Connection, release_ids: set[int]) -> int:
    return conn.execute(
        "SELECT count(*) FROM statement_members WHERE release_id IN "
        "(SELECT value FROM json_each(?))",
        (json.dumps(sorted(release_ids)),),
    ).fetchone()[0]


def _splits(conn: sqlite3.Connection, release_ids: list[int]) -> set[tuple[int, int]]:
    rows = conn.execute(
        "SELECT release_id, apart_from FROM statement_splits WHERE release_id IN "
        "(SELECT value FROM json_each(?))",
        (json.dumps(release_ids),),
    )
    return {(row[0], row[1]) for row in rows}


def _language(conn: sqlite3.Connection, release_id: int) -> str | None:
    row = conn.execute("SELECT language FROM releases WHERE id = ?", (release_id,)).fetchone()
    return row[0] if row else None


def _read_versions(
    conn: sqlite3.Connection,
    where: str,
    params: list[object],
    skip: dict[int, _Version] | None = None,
) -> list[_Version]:
    """The releases (with a language) that ``where`` keeps, but those in ``skip``."""
    skip = skip or {}
    rows = conn.execute(
        f"SELECT r.id, r.language, r.issuer_id, r.date, r.title, r.text FROM releases r "
        f"WHERE {where} AND r.language IS NOT NULL",
        params,
    )
    return [
        _Version(row[0], row[1], row[2], row[3], anchors(row[5], row[4]))
        for row in rows
        if row[0] not in skip
    ]


def _window(day: str) -> tuple[str, str]:
    """The day before and the day after an ISO date (the date itself if it is not one)."""
    try:
        date = dt.date.fromisoformat(day[:10])
    except ValueError:
        return day, day
    return (date - dt.timedelta(days=1)).isoformat(), (date + dt.timedelta(days=1)).isoformat()


def _days_between(low: str, high: str) -> list[str]:
    try:
        start, end = dt.date.fromisoformat(low), dt.date.fromisoformat(high)
    except ValueError:
        return [low]
    return [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days + 1)]
