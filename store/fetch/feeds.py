"""Fetching a followed feed: a conditional GET, the feed parsed, summary-only items given
their page's full text."""

from __future__ import annotations

import dataclasses

from store.fetch.answers import answer_kind, describe_unexpected
from store.fetch.client import WebClient
from store.fetch.errors import FetchError
from store.fetch.fetched import Fetched, Known
from store.fetch.pages import fetch_page
from store.ingest.feeds import parse_feed
from store.ingest.summary_only import summary_only
from store.parsed import ParsedRelease, UnreadableFile
from store.release_saving import release_identity
from store.subscriptions import Subscription

FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


def fetch_feed(subscription: Subscription, client: WebClient, known: Known) -> Fetched:
    """The feed's items (a 304 gives none); raises FetchError with the sentence to show."""
    answer = client.get(
        subscription.url, etag=known.etag, last_modified=known.last_modified, accept=FEED_ACCEPT
    )
    if answer.not_modified:
        return Fetched(not_modified=True, etag=answer.etag, last_modified=answer.last_modified)
    if answer_kind(answer.body, answer.content_type) != "feed":
        raise FetchError(describe_unexpected(answer.body, answer.content_type, "feed"))
    try:
        items = parse_feed(answer.body, subscription.url)
    except UnreadableFile as error:
        raise FetchError(f"The feed cannot be read: {error}.") from None
    releases: list[ParsedRelease] = []
    problems: list[str] = []
    for item in items:
        if not summary_only(item):
            releases.append(item)
        elif release_identity(item) in known.identities:
            # Held with its page's text already: the feed's teaser must not replace it.
            continue
        else:
            whole = _with_full_text(item, client, problems)
            if whole is not None:
                releases.append(whole)
    # A page that failed is tried again next pass: without validators the feed is read
    # again in full rather than answered "not modified".
    return Fetched(
        releases=tuple(releases),
        etag=None if problems else answer.etag,
        last_modified=None if problems else answer.last_modified,
        problems=tuple(problems),
    )


def _with_full_text(
    item: ParsedRelease, client: WebClient, problems: list[str]
) -> ParsedRelease | None:
    """A summary-only item with its page's text; None (and a note) when its page fails, so
    that the teaser is not stored as if it were the release."""
    if not item.url:
        return item
    try:
        page = fetch_page(item.url, client)
    except (FetchError, UnreadableFile) as error:
        problems.append(f"{item.url}: {error}")
        return None
    return dataclasses.replace(
        item,
        body_markdown=page.body_markdown,
        speaker=item.speaker or page.speaker,
        date=item.date or page.date,
        language=item.language or page.language,
        # The page is what the release was read from, and what a re-clean reads again.
        raw=page.raw,
        raw_format=page.raw_format,
    )
