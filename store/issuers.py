"""Issuers: the organisations releases come from, with their names, domains and country.

An issuer has one name, its names in other languages and the other names it is known by
(each kept as a lookup key, ``store.known_issuers.name_key``), the web domains it publishes
from, and a country (ISO 3166-1 alpha-2; none for an international organisation). The known
ones come from ``resources/issuers.toml`` (seeded into each store once, and again for any
later added to the file); the analyst's own, and their renames and merges, live here.

A release finds its issuer when saved (``IssuerResolver``): by the name its input gave, then
by the domain of its address; a name no issuer answers to becomes a new issuer.

Every change returns an ``IssuerSnapshot`` of what it touched, so that the window can undo
it by ``restore_issuers``.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from urllib.parse import urlsplit

from store.changes import Changes
from store.db import Store, StoreError, now_iso
from store.issuer_names import name_key, name_keys
from store.known_issuers import KnownIssuer, domain_keys, is_country_code, known_issuers

# A name longer than this is no organisation's name (a field that holds a whole text).
MAX_NAME_CHARS = 200


class IssuerError(StoreError):
    """An issuer change that cannot be made (an unknown issuer, a name taken)."""


@dataclass(frozen=True)
class Issuer:
    id: int
    name: str
    names: dict[str, str]  # language code → the issuer's name in that language
    aliases: tuple[str, ...]  # the other names it is known by (no language)
    domains: tuple[str, ...]
    country: str | None
    kind: str | None
    releases: int = 0


def list_issuers(store: Store) -> list[Issuer]:
    """Every issuer, by name, with the number of releases it issued."""
    counts = dict(
        store.conn.execute(
            "SELECT issuer_id, count(*) FROM releases WHERE issuer_id IS NOT NULL "
            "GROUP BY issuer_id"
        )
    )
    rows = store.conn.execute(
        "SELECT id, name, country, kind FROM issuers ORDER BY name COLLATE NOCASE"
    ).fetchall()
    names, domains = _names_and_domains(store.conn, None)
    return [
        _issuer(row, names.get(row[0], []), domains.get(row[0], []), counts.get(row[0], 0))
        for row in rows
    ]


def get_issuer(store: Store, issuer_id: int) -> Issuer | None:
    row = store.conn.execute(
        "SELECT id, name, country, kind FROM issuers WHERE id = ?", (issuer_id,)
    ).fetchone()
    if row is None:
        return None
    names, domains = _names_and_domains(store.conn, issuer_id)
    (count,) = store.conn.execute(
        "SELECT count(*) FROM releases WHERE issuer_id = ?", (issuer_id,)
    ).fetchone()
    return _issuer(row, names.get(issuer_id, []), domains.get(issuer_id, []), count)


def find_issuer(store: Store, name: str) -> Issuer | None:
    """The issuer answering to ``name``: its name or any name it is known by, spelt any way
    that ``name_key`` reads as the same; else an issuer id written as digits."""
    key = name_key(name)
    row = store.conn.execute("SELECT issuer_id FROM issuer_names WHERE key = ?", (key,)).fetchone()
    if row is None:
        row = store.conn.execute(
            "SELECT id FROM issuers WHERE name = ?", (" ".join(name.split()),)
        ).fetchone()
    if row is None and name.strip().isdigit():
        row = (int(name.strip()),)
    return get_issuer(store, row[0]) if row else None


def _issuer(row: tuple, names: list[tuple], domains: list[str], releases: int) -> Issuer:
    by_language = {language: name for name, language in names if language}
    aliases = tuple(
        sorted({name for name, language in names if not language and name != row[1]}, key=str.lower)
    )
    return Issuer(
        row[0], row[1], by_language, aliases, tuple(sorted(domains)), row[2], row[3], releases
    )


def _names_and_domains(
    conn: sqlite3.Connection, issuer_id: int | None
) -> tuple[dict[int, list[tuple]], dict[int, list[str]]]:
    where, params = ("WHERE issuer_id = ?", (issuer_id,)) if issuer_id is not None else ("", ())
    names: dict[int, list[tuple]] = {}
    for owner, name, language in conn.execute(
        f"SELECT issuer_id, name, language FROM issuer_names {where}", params
    ):
        names.setdefault(owner, []).append((name, language))
    domains: dict[int, list[str]] = {}
    for owner, domain in conn.execute(
        f"SELECT issuer_id, domain FROM issuer_domains {where}", params
    ):
        domains.setdefault(owner, []).append(domain)
    return names, domains


# --- finding a release's issuer -----------------------------------------------------------


def clean_name(text: str | None) -> str | None:
    """An issuer or speaker name as kept: whitespace collapsed; none when empty or longer
    than any name (a field holding a whole text gives no name rather than a wrong one).

    >>> clean_name("  Office of the\\n Spokesperson ")
    'Office of the Spokesperson'
    >>> clean_name("x" * 5000) is None
    True
    """
    if not text:
        return None
    cleaned = " ".join(text.split())
    return cleaned if 0 < len(cleaned) <= MAX_NAME_CHARS else None


def web_host(url: str | None) -> str | None:
    """The host of a web address, lower case; none for anything else.

    >>> web_host("https://www.State.gov/briefings/")
    'www.state.gov'
    """
    if not url or not url.strip().lower().startswith(("http://", "https://")):
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host or None


_ANSWERS_KEPT = 10_000


class IssuerResolver:
    """Finds (or creates) the issuer of each release saved in one write transaction.

    Reads the store's names and domains once; issuers it creates are added to what it
    knows, so a batch naming one new issuer a thousand times creates it once.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        seed_known_issuers(conn)
        self._by_key = dict(conn.execute("SELECT key, issuer_id FROM issuer_names"))
        self._by_domain = dict(conn.execute("SELECT domain, issuer_id FROM issuer_domains"))
        # A file names a few issuers thousands of times: each answer is kept (up to a
        # bound, for a file whose every record names another).
        self._answers: dict[tuple, tuple[int | None, str | None]] = {}

    def resolve(
        self, given: str | None, url: str | None, default: str | None = None
    ) -> tuple[int | None, str | None]:
        """The issuer id of a release and where it came from ("source", or "analyst" for
        ``default``, the issuer the analyst named for files that name none); (None, None)
        when nothing says.

        A name an issuer answers to comes first (the Security Council publishes under
        un.org), then the address's domain, and only then is a new issuer made of the name.
        """
        question = (given, web_host(url), default)
        answer = self._answers.get(question)
        if answer is None:
            answer = self._resolve(given, question[1], default)
            if len(self._answers) < _ANSWERS_KEPT:
                self._answers[question] = answer
        return answer

    def _resolve(
        self, given: str | None, host: str | None, default: str | None
    ) -> tuple[int | None, str | None]:
        name = clean_name(given)
        if name:
            known = self._known_name(name)
            if known is not None:
                return known, "source"
        if host:
            for key in domain_keys(host):
                if key in self._by_domain:
                    return self._by_domain[key], "source"
        if name:
            return self.by_name(name), "source"
        name = clean_name(default)
        if name:
            return self.by_name(name), "analyst"
        return None, None

    def _known_name(self, name: str) -> int | None:
        for key in name_keys(name):
            if key in self._by_key:
                return self._by_key[key]
        return None

    def by_name(self, name: str) -> int:
        """The issuer answering to ``name``, created when none does."""
        known = self._known_name(name)
        if known is not None:
            return known
        issuer_id = _create(self._conn, name)
        self._by_key[name_key(name)] = issuer_id
        return issuer_id


def _create(conn: sqlite3.Connection, name: str, country: str | None = None) -> int:
    taken = conn.execute("SELECT id FROM issuers WHERE name = ?", (name,)).fetchone()
    if taken:  # a name whose key another spelling took: the same issuer
        return taken[0]
    cursor = conn.execute(
        "INSERT INTO issuers(name, country, created_at) VALUES (?, ?, ?)",
        (name, country, now_iso()),
    )
    _add_name(conn, cursor.lastrowid, name, None)
    return cursor.lastrowid


def _add_name(conn: sqlite3.Connection, issuer_id: int, name: str, language: str | None) -> None:
    """Make ``name`` a lookup key of the issuer, unless another issuer already answers to it."""
    conn.execute(
        "INSERT OR IGNORE INTO issuer_names(key, issuer_id, name, language) VALUES (?, ?, ?, ?)",
        (name_key(name), issuer_id, name, language),
    )


def seed_known_issuers(conn: sqlite3.Connection) -> int:
    """Add each known issuer none of whose names or domains the store knows yet; how many.

    One the analyst merged into another, or whose name they gave to another, is not brought
    back: its names already lead somewhere.
    """
    (seeded,) = conn.execute(
        "SELECT coalesce(max(value), 0) FROM store_notes WHERE name = 'known_issuers'"
    ).fetchone()
    known = known_issuers()
    if seeded == len(known):
        return 0
    keys = {key for (key,) in conn.execute("SELECT key FROM issuer_names")}
    domains = {domain for (domain,) in conn.execute("SELECT domain FROM issuer_domains")}
    taken_known = {key for (key,) in conn.execute("SELECT known_key FROM issuers")}
    added = 0
    for issuer in known:
        own_keys = {name_key(name) for name in _all_names(issuer)}
        if issuer.key in taken_known or own_keys & keys or set(issuer.domains) & domains:
            continue
        if conn.execute("SELECT 1 FROM issuers WHERE name = ?", (issuer.name,)).fetchone():
            continue
        cursor = conn.execute(
            "INSERT INTO issuers(name, country, kind, known_key, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (issuer.name, issuer.country, issuer.kind, issuer.key, now_iso()),
        )
        _add_name(conn, cursor.lastrowid, issuer.name, None)
        for language, name in issuer.names:
            _add_name(conn, cursor.lastrowid, name, language)
        for alias in issuer.aliases:
            _add_name(conn, cursor.lastrowid, alias, None)
        conn.executemany(
            "INSERT OR IGNORE INTO issuer_domains(domain, issuer_id) VALUES (?, ?)",
            [(domain, cursor.lastrowid) for domain in issuer.domains],
        )
        keys |= own_keys
        domains |= set(issuer.domains)
        added += 1
    conn.execute(
        "INSERT INTO store_notes(name, value) VALUES ('known_issuers', ?) "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (len(known),),
    )
    return added


def _all_names(issuer: KnownIssuer) -> tuple[str, ...]:
    return issuer.all_names()


# --- the analyst's changes, each undoable -------------------------------------------------


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
        _add_name(conn, issuer_id, cleaned, None)
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
        _add_name(conn, new_id, cleaned, None)
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
