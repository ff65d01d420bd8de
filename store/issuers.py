"""Issuers: the organisations releases come from, with their names, domains and country.

An issuer has one name, its names in other languages and the other names it is known by
(each kept as a lookup key, ``store.known_issuers.name_key``), the web domains it publishes
from, and a country (ISO 3166-1 alpha-2; none for an international organisation). The known
ones come from ``resources/issuers.toml`` (seeded into each store once, and again for any
later added to the file); the analyst's own, and their renames and merges, live here.

A release finds its issuer when saved (``IssuerResolver``): by the name its input gave, then
by the domain of its address; a name no issuer answers to becomes a new issuer.

The analyst's changes (rename, merge, split, country) are ``store.issuer_changes``'.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from urllib.parse import urlsplit

from store.db import Store, StoreError, now_iso
from store.issuer_names import name_key, name_keys
from store.known_issuers import KnownIssuer, domain_keys, known_issuers

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


def issuer_names_by_id(store: Store) -> dict[int, str]:
    """Every issuer's name by its id, without counting releases (for lists and choices
    that only name issuers, such as the subscriptions')."""
    return dict(store.conn.execute("SELECT id, name FROM issuers ORDER BY name COLLATE NOCASE"))


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
    add_issuer_name(conn, cursor.lastrowid, name, None)
    return cursor.lastrowid


def add_issuer_name(
    conn: sqlite3.Connection, issuer_id: int, name: str, language: str | None
) -> None:
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
        add_issuer_name(conn, cursor.lastrowid, issuer.name, None)
        for language, name in issuer.names:
            add_issuer_name(conn, cursor.lastrowid, name, language)
        for alias in issuer.aliases:
            add_issuer_name(conn, cursor.lastrowid, alias, None)
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
