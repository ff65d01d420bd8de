"""Looking at an address before following it: what kind it is, and what following it would
take now (the window's "Test" and its rule preview). Nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from store.fetch.answers import answer_kind, describe_unexpected
from store.fetch.client import WebClient
from store.fetch.crawl import SITEMAP_ACCEPT
from store.fetch.errors import FetchError
from store.fetch.feeds import FEED_ACCEPT
from store.fetch.pages import PAGE_ACCEPT
from store.fetch.robots import RobotsRules
from store.fetch.settings import FetchSettings
from store.imports.pipeline import collect_files
from store.ingest.discovery import (
    MAX_SITEMAP_BYTES,
    BadListingRule,
    FoundFeed,
    feed_links,
    listing_links,
    sitemap_entries,
)
from store.ingest.feeds import parse_feed
from store.parsed import UnreadableFile
from store.subscriptions import Kind, NotAFeed, SubscriptionError, is_web_address


@dataclass(frozen=True)
class FoundRelease:
    """A release a feed holds now, as a preview lists it."""

    title: str
    url: str | None
    date: str | None


@dataclass(frozen=True)
class TestResult:
    """What following ``target`` would take now.

    ``kind`` is what it is (None when that could not be told); ``releases`` a feed's items;
    ``links`` the release pages a listing rule or a sitemap gives, or a folder's files;
    ``feeds`` what a web page offers instead; ``error`` one sentence when it failed.
    """

    target: str
    kind: Kind | None
    releases: tuple[FoundRelease, ...] = ()
    links: tuple[str, ...] = ()
    feeds: tuple[FoundFeed, ...] = ()
    error: str | None = None


def guess_kind(url: str, settings: FetchSettings | None = None) -> Kind:
    """ "feed" or "sitemap", told from what ``url`` answers; a web page raises NotAFeed with
    the feeds it offers, anything else SubscriptionError."""
    with WebClient(settings or FetchSettings.from_environment()) as client:
        try:
            answer = client.get(url, accept=FEED_ACCEPT)
        except FetchError as error:
            raise SubscriptionError(f"{url} could not be fetched: {error}") from None
    kind = answer_kind(answer.body, answer.content_type)
    if kind in ("feed", "sitemap"):
        return kind
    if kind == "html":
        feeds = feed_links(answer.body, answer.url)
        raise NotAFeed(_offer(url, feeds), feeds)
    raise SubscriptionError(
        f"{url}: {describe_unexpected(answer.body, answer.content_type, 'feed or sitemap')}"
    )


def _offer(url: str, feeds: list[FoundFeed]) -> str:
    listing = "give a rule (a CSS selector or a URL pattern) to follow it as a listing page"
    if not feeds:
        return f"{url} is a web page that offers no feed; {listing}."
    named = "; ".join(f"{feed.title} ({feed.url})" if feed.title else feed.url for feed in feeds)
    return f"{url} is a web page, not a feed. It offers: {named}. Follow one of them, or {listing}."


def test_subscription(
    target: str,
    settings: FetchSettings | None = None,
    select: str | None = None,
    pattern: str | None = None,
) -> TestResult:
    """What following ``target`` would take now (nothing stored, nothing followed)."""
    settings = settings or FetchSettings.from_environment()
    if not is_web_address(target):
        folder = Path(target).expanduser()
        if not folder.is_dir():
            return TestResult(target, "folder", error=f"{target} is not a folder.")
        files, _ = collect_files([folder])
        return TestResult(target, "folder", links=tuple(str(path) for path in files))
    with WebClient(settings) as client:
        try:
            if select or pattern:
                return _listing(target, client, select, pattern)
            return _feed_or_sitemap(target, client)
        except FetchError as error:
            return TestResult(target, None, error=str(error))


def _listing(target: str, client: WebClient, select: str | None, pattern: str | None) -> TestResult:
    RobotsRules(client).check(target)
    answer = client.get(target, accept=PAGE_ACCEPT)
    try:
        links = listing_links(answer.body, answer.url, select, pattern)
    except BadListingRule as error:
        return TestResult(target, "listing", error=f"The listing rule cannot be applied: {error}")
    return TestResult(target, "listing", links=tuple(links))


def _feed_or_sitemap(target: str, client: WebClient) -> TestResult:
    answer = client.get(
        target, accept=f"{FEED_ACCEPT}, {SITEMAP_ACCEPT}", max_bytes=MAX_SITEMAP_BYTES
    )
    kind = answer_kind(answer.body, answer.content_type)
    try:
        if kind == "feed":
            items = parse_feed(answer.body, answer.url)
            found = tuple(FoundRelease(item.title, item.url, item.date) for item in items)
            return TestResult(target, "feed", releases=found)
        if kind == "sitemap":
            sitemap = sitemap_entries(answer.body, answer.url)
            links = [page.url for page in sitemap.pages] + sitemap.sitemaps
            return TestResult(target, "sitemap", links=tuple(links))
    except UnreadableFile as error:
        return TestResult(target, kind, error=f"It cannot be read: {error}.")
    if kind == "html":
        feeds = feed_links(answer.body, answer.url)
        return TestResult(target, None, feeds=tuple(feeds), error=_offer(target, feeds))
    return TestResult(
        target, None, error=describe_unexpected(answer.body, answer.content_type, "feed or sitemap")
    )
