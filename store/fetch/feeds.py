"""Fetching a followed feed: a conditional GET and the feed parsed."""

from __future__ import annotations

from store.fetch.answers import answer_kind, describe_unexpected
from store.fetch.client import WebClient
from store.fetch.errors import FetchError
from store.fetch.fetched import Fetched, Known
from store.ingest.feeds import parse_feed
from store.parsed import UnreadableFile
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
    return Fetched(releases=tuple(items), etag=answer.etag, last_modified=answer.last_modified)
