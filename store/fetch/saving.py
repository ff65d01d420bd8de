"""Saving what a subscription's fetch brought, in one transaction with its new state.

Releases go through the import's saving (``store.release_saving.save_releases``): a
release held already is unchanged, a changed one becomes a new version with its
highlights placed again. The subscription's issuer and language are what its releases get
when they name none. New releases are unread and remembered as the subscription's. A
failure pushes the next fetch out exponentially (2^failures × interval, capped).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections.abc import Iterable

from store.db import Store, now_iso
from store.fetch.fetched import Fetched, Known
from store.fetch.outcomes import FetchOutcome
from store.parsed import ParsedRelease
from store.release_saving import SaveResult, save_releases
from store.subscriptions import Subscription, later

# At most this many items left out are named in a subscription's sentence.
_PROBLEMS_NAMED = 1


def known_for(store: Store, subscription: Subscription) -> Known:
    """What the store holds for ``subscription`` before it is fetched."""
    conn = store.conn
    etag, last_modified = conn.execute(
        "SELECT etag, last_modified FROM subscriptions WHERE id = ?", (subscription.id,)
    ).fetchone()
    identities = frozenset(
        identity
        for (identity,) in conn.execute(
            "SELECT r.identity FROM subscription_releases s JOIN releases r ON r.id = s.release_id "
            "WHERE s.subscription_id = ?",
            (subscription.id,),
        )
    )
    pages = dict(
        conn.execute(
            "SELECT url, lastmod FROM subscription_pages WHERE subscription_id = ?",
            (subscription.id,),
        ).fetchall()
    )
    return Known(etag, last_modified, identities, pages)


def with_defaults(parsed: ParsedRelease, subscription: Subscription) -> ParsedRelease:
    """The subscription's language for a release that states none (its issuer is given
    to the saving as the default issuer)."""
    if parsed.language or not subscription.language:
        return parsed
    return dataclasses.replace(parsed, language=subscription.language)


def save_fetched(store: Store, subscription: Subscription, fetched: Fetched) -> FetchOutcome:
    """Store the releases ``fetched`` brought and the subscription's new state, at once."""
    with store.write() as conn:
        results: list[SaveResult] = []
        if fetched.releases:
            batch = [(with_defaults(parsed, subscription), None) for parsed in fetched.releases]
            results = save_releases(store, batch, subscription.url, subscription.issuer)
        new_ids = [r.release_id for r in results if r.outcome == "imported"]
        remember_releases(conn, subscription.id, (r.release_id for r in results), new_ids)
        conn.executemany(
            "INSERT INTO subscription_pages(subscription_id, url, lastmod, fetched_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET lastmod = excluded.lastmod, "
            "fetched_at = excluded.fetched_at",
            [(subscription.id, url, lastmod, now_iso()) for url, lastmod in fetched.pages],
        )
        status = "not-modified" if fetched.not_modified else "ok"
        error = problems_sentence(fetched.problems)
        conn.execute(
            "UPDATE subscriptions SET status = ?, error = ?, failures = 0, last_fetch = ?, "
            "next_fetch = ?, etag = ?, last_modified = ?, claimed_by = NULL, "
            "claimed_until = NULL WHERE id = ?",
            (status, error, now_iso(), later(subscription.every), fetched.etag,
             fetched.last_modified, subscription.id),
        )  # fmt: skip
    return FetchOutcome(
        subscription.id,
        subscription.url,
        status,
        error,
        imported=len(new_ids),
        updated=sum(r.outcome == "updated" for r in results),
        new_release_ids=tuple(new_ids),
    )


def remember_releases(
    conn: sqlite3.Connection, subscription_id: int, release_ids: Iterable[int], new_ids: list[int]
) -> None:
    """Note the releases a subscription brought (first seen now, unless seen before) and
    make its new ones unread."""
    stamp = now_iso()
    conn.execute(
        "INSERT OR IGNORE INTO subscription_releases(subscription_id, release_id, first_seen) "
        "SELECT ?, value, ? FROM json_each(?)",
        (subscription_id, stamp, json.dumps(sorted(set(release_ids)))),
    )
    conn.execute(
        "INSERT OR IGNORE INTO unread_releases(release_id, since) "
        "SELECT value, ? FROM json_each(?)",
        (stamp, json.dumps(sorted(set(new_ids)))),
    )


def problems_sentence(problems: Iterable[str]) -> str | None:
    """
    >>> problems_sentence(["https://x.org/1: The server failed to answer (500 Error)."])
    '1 item was left out: https://x.org/1: The server failed to answer (500 Error).'
    >>> problems_sentence([]) is None
    True
    """
    problems = list(problems)
    if not problems:
        return None
    count = f"{len(problems)} item was" if len(problems) == 1 else f"{len(problems)} items were"
    named = "; ".join(problems[:_PROBLEMS_NAMED])
    more = " …" if len(problems) > _PROBLEMS_NAMED else ""
    return f"{count} left out: {named}{more}"


def save_failure(
    store: Store,
    subscription: Subscription,
    message: str,
    backoff_cap: int,
    retry_after: int | None = None,
) -> FetchOutcome:
    """Note a failed fetch: its sentence, one more failure, the next fetch pushed out."""
    with store.write() as conn:
        (failures,) = conn.execute(
            "SELECT failures FROM subscriptions WHERE id = ?", (subscription.id,)
        ).fetchone()
        failures += 1
        wait = backoff(subscription.every, failures, backoff_cap)
        if retry_after:
            wait = max(wait, retry_after)
        conn.execute(
            "UPDATE subscriptions SET status = 'error', error = ?, failures = ?, last_fetch = ?, "
            "next_fetch = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
            (message, failures, now_iso(), later(wait), subscription.id),
        )
    return FetchOutcome(subscription.id, subscription.url, "error", message)


def backoff(every: int, failures: int, cap: int) -> int:
    """Seconds to the next fetch after ``failures`` failures in a row: 2^failures × the
    interval, at most ``cap`` (or the interval itself, when that is longer).

    >>> [backoff(3600, n, 86400) for n in (1, 2, 3, 4, 5, 30)]
    [7200, 14400, 28800, 57600, 86400, 86400]
    """
    return min(every * 2 ** min(failures, 32), max(cap, every))
