"""What fetching one web subscription brought, before it is saved, and what the store held
for it beforehand. Both cross from the pass's threads to the one that saves."""

from __future__ import annotations

from dataclasses import dataclass, field

from store.parsed import ParsedRelease


@dataclass(frozen=True)
class Known:
    """What the store holds for a subscription, read before it is fetched.

    ``identities``: the releases it brought (so that a summary-only item already held is not
    fetched again); ``pages``: the sitemap's or listing's pages already taken, with the
    lastmod each had then.
    """

    etag: str | None = None
    last_modified: str | None = None
    identities: frozenset[str] = frozenset()
    pages: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Fetched:
    """A fetch that worked: "not modified" (nothing else), or the releases it read, the
    validators to send next time, the pages taken (url, lastmod) and the items left out."""

    not_modified: bool = False
    releases: tuple[ParsedRelease, ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    pages: tuple[tuple[str, str | None], ...] = ()
    problems: tuple[str, ...] = ()
