"""Subscriptions: the feeds, sitemaps, listing pages and folders the desk follows.

A subscription has a kind, an address (a folder's absolute path for a folder), the issuer
and language its releases get when they name none, an interval, the rule of a listing page
(a CSS selector and/or a URL pattern), and what its last fetch did: when, the outcome, one
sentence when it failed, and how many times in a row it has failed. Fetching them is
``store.fetch``'s; this module keeps the list.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from store.db import Store, StoreError, now_iso
from store.issuers import IssuerResolver

if TYPE_CHECKING:
    from store.fetch.settings import FetchSettings
    from store.ingest.discovery import FoundFeed

Kind = Literal["feed", "sitemap", "listing", "folder"]
KINDS: tuple[str, ...] = ("feed", "sitemap", "listing", "folder")
Status = Literal["ok", "not-modified", "error"]
DEFAULT_EVERY = 3600
# Fetching a subscription more often than this is impolite to its server (and a folder
# is scanned as often as anyone could need).
MIN_EVERY = 60


class SubscriptionError(StoreError):
    """A subscription that cannot be made or found; the message is one sentence."""


class NotAFeed(SubscriptionError):
    """The address is a web page, not a feed or sitemap; ``feeds`` are those it offers
    (its ``<link rel="alternate">`` feeds), to follow one of them instead."""

    def __init__(self, message: str, feeds: list[FoundFeed]) -> None:
        super().__init__(message)
        self.feeds = feeds


@dataclass(frozen=True)
class Subscription:
    """One followed feed, sitemap, listing page or folder, as the store holds it.

    ``every`` is in seconds; ``last_fetch`` and ``next_fetch`` are ISO 8601 UTC; ``status``
    is None until it is first fetched; ``error`` is one sentence when the last fetch failed;
    ``failures`` counts the failures in a row (the back-off). ``issuer`` is the issuer's
    name and ``releases`` how many releases it has brought.
    """

    id: int
    kind: Kind
    url: str
    issuer_id: int | None
    language: str | None
    every: int
    select: str | None
    pattern: str | None
    paused: bool
    starred: bool
    last_fetch: str | None
    next_fetch: str | None
    status: Status | None
    error: str | None
    failures: int
    issuer: str | None = None
    releases: int = 0


_COLUMNS = (
    "s.id, s.kind, s.url, s.issuer_id, s.language, s.every, s.selector, s.pattern, s.paused, "
    "s.starred, s.last_fetch, s.next_fetch, s.status, s.error, s.failures, "
    "(SELECT name FROM issuers WHERE id = s.issuer_id), "
    "(SELECT count(*) FROM subscription_releases WHERE subscription_id = s.id)"
)


def _subscription(row: tuple) -> Subscription:
    values = list(row)
    values[8], values[9] = bool(values[8]), bool(values[9])
    return Subscription(*values)


def follow(
    store: Store,
    target: str,
    *,
    kind: Kind | None = None,
    issuer: str | None = None,
    language: str | None = None,
    every: int = DEFAULT_EVERY,
    select: str | None = None,
    pattern: str | None = None,
    settings: FetchSettings | None = None,
) -> Subscription:
    """Follow ``target``: a web address or a local folder. Due at once.

    ``kind`` is guessed when None: an existing folder is a folder, a rule (``select`` or
    ``pattern``) makes a listing page, else the address is fetched once (with ``settings``)
    to tell a feed from a sitemap; a web page that offers feeds raises :class:`NotAFeed`
    carrying them, and nothing is followed. ``issuer`` (a name, made an issuer when none
    answers to it) and ``language`` are what its releases get when they name none.
    """
    target = target.strip()
    if kind is None:
        kind = _guessed_kind(target, select, pattern, settings)
    if kind not in KINDS:
        raise SubscriptionError(f"“{kind}” is not a kind of subscription ({', '.join(KINDS)}).")
    address = _address(target, kind)
    if kind == "listing" and not (select or pattern):
        raise SubscriptionError(
            "A listing page needs a rule for its release links: a CSS selector, a URL "
            "pattern, or both."
        )
    if every < MIN_EVERY:
        raise SubscriptionError(f"The interval must be at least {MIN_EVERY} seconds.")
    with store.write() as conn:
        held = conn.execute("SELECT id FROM subscriptions WHERE url = ?", (address,)).fetchone()
        if held:
            raise SubscriptionError(f"{address} is already followed (subscription {held[0]}).")
        issuer_id = (
            IssuerResolver(conn).by_name(issuer.strip()) if issuer and issuer.strip() else None
        )
        stamp = now_iso()
        cursor = conn.execute(
            "INSERT INTO subscriptions(kind, url, issuer_id, language, every, selector, pattern, "
            "next_fetch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, address, issuer_id, language or None, every, select or None,
             pattern or None, stamp, stamp),
        )  # fmt: skip
    return _get(store.conn, cursor.lastrowid)


def _guessed_kind(
    target: str, select: str | None, pattern: str | None, settings: FetchSettings | None
) -> Kind:
    if not is_web_address(target):
        return "folder"
    if select or pattern:
        return "listing"
    # Imported here, not at the top: store.fetch saves through this module.
    from store.fetch.probe import guess_kind

    return guess_kind(target, settings)


def is_web_address(target: str) -> bool:
    """Whether ``target`` is an http(s) address (else it names a folder).

    >>> is_web_address("https://www.state.gov/feed/"), is_web_address("~/Releases")
    (True, False)
    """
    return urlsplit(target).scheme.lower() in ("http", "https")


def _address(target: str, kind: Kind) -> str:
    if kind == "folder":
        folder = Path(target).expanduser()
        if not folder.is_dir():
            raise SubscriptionError(f"{target} is not a folder.")
        return str(folder.resolve())
    parts = urlsplit(target)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SubscriptionError(f"{target} is not a web address (http or https).")
    return target


def following(store: Store) -> list[Subscription]:
    """Every subscription, starred first, then by address."""
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM subscriptions s ORDER BY s.starred DESC, s.url"
    )
    return [_subscription(row) for row in rows]


def get_subscription(store: Store, subscription_id: int) -> Subscription | None:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM subscriptions s WHERE s.id = ?", (subscription_id,)
    ).fetchone()
    return _subscription(row) if row else None


def _get(conn: sqlite3.Connection, subscription_id: int) -> Subscription:
    row = conn.execute(
        f"SELECT {_COLUMNS} FROM subscriptions s WHERE s.id = ?", (subscription_id,)
    ).fetchone()
    if row is None:
        raise SubscriptionError(f"There is no subscription {subscription_id}.")
    return _subscription(row)


def unfollow(store: Store, subscription_id: int) -> Subscription:
    """Stop following; the releases it brought stay. Returns what was followed."""
    with store.write() as conn:
        gone = _get(conn, subscription_id)
        conn.execute("DELETE FROM subscriptions WHERE id = ?", (subscription_id,))
    return gone


def set_paused(store: Store, subscription_id: int, paused: bool) -> Subscription:
    """Pause (never due) or resume (due at once)."""
    with store.write() as conn:
        _get(conn, subscription_id)
        conn.execute(
            "UPDATE subscriptions SET paused = ?, next_fetch = CASE WHEN ? THEN next_fetch "
            "ELSE ? END WHERE id = ?",
            (int(paused), int(paused), now_iso(), subscription_id),
        )
        return _get(conn, subscription_id)


def set_starred(store: Store, subscription_id: int, starred: bool) -> Subscription:
    """A starred subscription's new releases are worth a notification."""
    with store.write() as conn:
        _get(conn, subscription_id)
        conn.execute(
            "UPDATE subscriptions SET starred = ? WHERE id = ?", (int(starred), subscription_id)
        )
        return _get(conn, subscription_id)


def due(store: Store, now: str | None = None) -> list[Subscription]:
    """The subscriptions to fetch now: not paused, their next fetch reached; soonest first."""
    moment = now or now_iso()
    rows = store.conn.execute(
        f"SELECT {_COLUMNS} FROM subscriptions s WHERE s.paused = 0 "
        "AND (s.next_fetch IS NULL OR s.next_fetch <= ?) ORDER BY s.next_fetch, s.id",
        (moment,),
    )
    return [_subscription(row) for row in rows]


def later(seconds: float, now: dt.datetime | None = None) -> str:
    """The ISO 8601 UTC time ``seconds`` from now (or from ``now``), as the store keeps it.

    >>> later(3600, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    '2026-01-01T01:00:00+00:00'
    """
    start = now or dt.datetime.now(dt.UTC)
    return (start + dt.timedelta(seconds=seconds)).isoformat(timespec="seconds")
