"""The analyst's changes to issuers: rename, merge, split off, set the country.

Every change returns an ``IssuerSnapshot`` of what it touched, so that the window can undo
it by ``restore_issuers``. Finding a release's issuer is ``store.issuers``'.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from store.changes import Changes
from store.db import Store, now_iso
from store.issuer_names import name_key, name_keys
from store.issuers import MAX_NAME_CHARS, IssuerError, add_issuer_name, clean_name, web_host
from store.known_issuers import domain_keys, is_country_code


@dataclass(frozen=True)
class IssuerSnapshot:
    """Issuers as they were before a change: their rows, names, domains and releases."""

    issuers: tuple[tuple, ...]  # (id, name, country, kind, known_key, created_at)
    names: tuple[tuple, ...]  # (key, issuer_id, name, language)
    domains: tuple[tuple, ...]  # (domain, issuer_id)
    releases: tuple[tuple[int, str], ...]  # (issuer_id, JSON list of its release ids)


def snapshot_issuers(conn: sqlite3.Connection, ids: list[int]) -> IssuerSnapshot:
    marks = ", ".join("?" * len(ids))
    return IssuerSnapshot(
        tuple(
            conn.execute(
                "SELECT id, name, country, kind, known_key, created_at FROM issuers "
                f"WHERE id IN ({marks})",
                ids,
            )
        ),
        tuple(
            conn.execute(
                f"SELECT key, issuer_id, name, language FROM issuer_names "
                f"WHERE issuer_id IN ({marks})",
                ids,
            )
        ),
        tuple(
            conn.execute(
                f"SELECT domain, issuer_id FROM issuer_domains WHERE issuer_id IN ({marks})", ids
            )
        ),
        tuple(
            conn.execute(
                "SELECT issuer_id, json_group_array(id) FROM releases "
                f"WHERE issuer_id IN ({marks}) GROUP BY issuer_id",
                ids,
            )
        ),
    )


def restore_issuers(store: Store, before: IssuerSnapshot, created: tuple[int, ...] = ()) -> Changes:
    """Put issuers back as ``before`` holds them, removing ``created`` (issuers the change
    made): the undo of any change below."""
    ids = [row[0] for row in before.issuers]
    with store.write() as conn:
        everyone = [*ids, *created]
        marks = ", ".join("?" * len(everyone))
        conn.execute(f"UPDATE releases SET issuer_id = NULL WHERE issuer_id IN ({marks})", everyone)
        conn.execute(f"DELETE FROM issuer_names WHERE issuer_id IN ({marks})", everyone)
        conn.execute(f"DELETE FROM issuer_domains WHERE issuer_id IN ({marks})", everyone)
        conn.execute(f"DELETE FROM issuers WHERE id IN ({marks})", everyone)
        conn.executemany(
            "INSERT INTO issuers(id, name, country, kind, known_key, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            before.issuers,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO issuer_names(key, issuer_id, name, language) "
            "VALUES (?, ?, ?, ?)",
            before.names,
        )
        conn.executemany(
            "INSERT OR REPLACE INTO issuer_domains(domain, issuer_id) VALUES (?, ?)",
            before.domains,
        )
        for issuer_id, release_ids in before.releases:
            conn.execute(
                "UPDATE releases SET issuer_id = ? WHERE id IN (SELECT value FROM json_each(?))",
                (issuer_id, release_ids),
            )
    return Changes(releases=_released(before), issuers=True)


def _released(snapshot: IssuerSnapshot) -> frozenset[int]:
    return frozenset(release_id for _, ids in snapshot.releases for release_id in json.loads(ids))


def _require(conn: sqlite3.Connection, issuer_id: int) -> tuple:
    row = conn.execute("SELECT id, name FROM issuers WHERE id = ?", (issuer_id,)).fetchone()
    if row is None:
        raise IssuerError(f"There is no issuer {issuer_id}; `communique issuers` lists them.")
    return row


def rename_issuer(store: Store, issuer_id: int, name: str) -> IssuerSnapshot:
    """Give the issuer a new name; the old one stays a name it is found by."""
    cleaned = clean_name(name)
    if cleaned is None:
        raise IssuerError(f"An issuer's name is 1 to {MAX_NAME_CHARS} characters.")
    with store.write() as conn:
        _require(conn, issuer_id)
        other = conn.execute(
            "SELECT id FROM issuers WHERE name = ? AND id != ?", (cleaned, issuer_id)
        ).fetchone()
        owner = conn.execute(
            "SELECT issuer_id FROM issuer_names WHERE key = ?", (name_key(cleaned),)
        ).fetchone()
        if other or (owner and owner[0] != issuer_id):
            raise IssuerError(
                f"Another issuer is already called “{cleaned}”; merge the two instead."
            )
        before = snapshot_issuers(conn, [issuer_id])
        conn.execute("UPDATE issuers SET name = ? WHERE id = ?", (cleaned, issuer_id))
        add_issuer_name(conn, issuer_id, cleaned, None)
    return before


def set_issuer_country(store: Store, issuer_id: int, country: str | None) -> IssuerSnapshot:
    """Set the issuer's country (ISO 3166-1 alpha-2, or XK), or none."""
    code = normalised_country(country) if country else None
    with store.write() as conn:
        _require(conn, issuer_id)
        before = snapshot_issuers(conn, [issuer_id])
        conn.execute("UPDATE issuers SET country = ? WHERE id = ?", (code, issuer_id))
    return before


def normalised_country(code: str) -> str:
    """An ISO 3166-1 alpha-2 code in capitals, or an error saying what one looks like.

    >>> normalised_country(" it ")
    'IT'
    """
    cleaned = code.strip().upper()
    if not is_country_code(cleaned):
        raise IssuerError(
            f"“{code.strip()}” is not a country code; give two letters of ISO 3166-1, "
            "such as IT, US or XK."
        )
    return cleaned


def merge_issuers(store: Store, keep: int, others: list[int]) -> IssuerSnapshot:
    """Make ``others`` part of ``keep``: their releases, names and domains go to it and they
    are removed."""
    others = [other for other in dict.fromkeys(others) if other != keep]
    if not others:
        raise IssuerError("Name at least one other issuer to merge into the one kept.")
    with store.write() as conn:
        for issuer_id in (keep, *others):
            _require(conn, issuer_id)
        before = snapshot_issuers(conn, [keep, *others])
        marks = ", ".join("?" * len(others))
        conn.execute(
            f"UPDATE releases SET issuer_id = ? WHERE issuer_id IN ({marks})", [keep, *others]
        )
        conn.execute(
            f"UPDATE issuer_names SET issuer_id = ? WHERE issuer_id IN ({marks})", [keep, *others]
        )
        conn.execute(
            f"UPDATE issuer_domains SET issuer_id = ? WHERE issuer_id IN ({marks})", [keep, *others]
        )
        conn.execute(
            f"UPDATE issuers SET country = coalesce(country, (SELECT country FROM issuers "
            f"WHERE id IN ({marks}) AND country IS NOT NULL LIMIT 1)) WHERE id = ?",
            [*others, keep],
        )
        conn.execute(f"DELETE FROM issuers WHERE id IN ({marks})", others)
    return before


def split_issuer(
    store: Store, issuer_id: int, new_name: str, names: list[str], domains: list[str]
) -> tuple[IssuerSnapshot, int]:
    """Split off a new issuer called ``new_name`` taking the given names and domains of
    ``issuer_id``, and its releases found under them (by the name their input gave, or the
    domain of their address). Returns the snapshot and the new issuer's id."""
    cleaned = clean_name(new_name)
    if cleaned is None:
        raise IssuerError(f"An issuer's name is 1 to {MAX_NAME_CHARS} characters.")
    with store.write() as conn:
        _require(conn, issuer_id)
        if conn.execute("SELECT 1 FROM issuers WHERE name = ?", (cleaned,)).fetchone():
            raise IssuerError(f"Another issuer is already called “{cleaned}”; choose another name.")
        before = snapshot_issuers(conn, [issuer_id])
        keys = {name_key(name) for name in [*names, cleaned]}
        own_keys = {key for key, owner, *_ in before.names if owner == issuer_id}
        own_domains = {domain for domain, owner in before.domains if owner == issuer_id}
        moved_domains = {domain.strip().lower() for domain in domains} & own_domains
        new_id = conn.execute(
            "INSERT INTO issuers(name, created_at) VALUES (?, ?)", (cleaned, now_iso())
        ).lastrowid
        for key in keys & own_keys:
            conn.execute("UPDATE issuer_names SET issuer_id = ? WHERE key = ?", (new_id, key))
        add_issuer_name(conn, new_id, cleaned, None)
        conn.executemany(
            "UPDATE issuer_domains SET issuer_id = ? WHERE domain = ?",
            [(new_id, domain) for domain in moved_domains],
        )
        moving = [
            release_id
            for release_id, given, url in conn.execute(
                "SELECT id, issuer_given, url FROM releases WHERE issuer_id = ?", (issuer_id,)
            )
            if _found_under(given, url, keys, moved_domains)
        ]
        conn.execute(
            "UPDATE releases SET issuer_id = ? WHERE id IN (SELECT value FROM json_each(?))",
            (new_id, json.dumps(moving)),
        )
    return before, new_id


def _found_under(given: str | None, url: str | None, keys: set[str], domains: set[str]) -> bool:
    host = web_host(url)
    if host and set(domain_keys(host)) & domains:
        return True
    return bool(given) and bool(set(name_keys(given)) & keys)
