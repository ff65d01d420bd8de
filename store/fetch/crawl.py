"""Fetching a followed sitemap or listing page: the page of links, then each release page
not taken before (or, for a sitemap, whose lastmod changed), robots.txt permitting.

At most ``pages_per_pass`` release pages are fetched in a pass (a sitemap's newest first),
so following a site with ten thousand pages is not ten thousand requests at once; the rest
come in the next passes, which therefore read the list again in full (no validators are
kept while pages are left over or failed).
"""

from __future__ import annotations

from store.fetch.client import WebClient
from store.fetch.errors import FetchError
from store.fetch.fetched import Fetched, Known
from store.fetch.pages import PAGE_ACCEPT, fetch_page
from store.fetch.robots import RobotsRules
from store.ingest.discovery import (
    MAX_SITEMAP_BYTES,
    BadListingRule,
    SitemapPage,
    listing_links,
    sitemap_entries,
)
from store.parsed import ParsedRelease, UnreadableFile
from store.subscriptions import Subscription

SITEMAP_ACCEPT = "application/xml, text/xml;q=0.9, application/gzip;q=0.8, */*;q=0.1"
# A sitemap index naming more children than this is read this far in one pass.
MAX_CHILD_SITEMAPS = 20


def fetch_sitemap(
    subscription: Subscription, client: WebClient, robots: RobotsRules, known: Known
) -> Fetched:
    robots.check(subscription.url)
    answer = client.get(
        subscription.url, etag=known.etag, last_modified=known.last_modified,
        accept=SITEMAP_ACCEPT, max_bytes=MAX_SITEMAP_BYTES,
    )  # fmt: skip
    if answer.not_modified:
        return Fetched(not_modified=True, etag=answer.etag, last_modified=answer.last_modified)
    sitemap = _sitemap(answer.body, answer.url)
    pages, problems = list(sitemap.pages), []
    for child in sitemap.sitemaps[:MAX_CHILD_SITEMAPS]:
        try:
            robots.check(child)
            read = client.get(child, accept=SITEMAP_ACCEPT, max_bytes=MAX_SITEMAP_BYTES)
            pages += _sitemap(read.body, read.url).pages
        except FetchError as error:
            problems.append(f"{child}: {error}")
    wanted = [page for page in pages if _is_new(page, known)]
    wanted.sort(key=lambda page: page.lastmod or "", reverse=True)
    return _take(wanted, client, robots, answer.etag, answer.last_modified, problems)


def fetch_listing(
    subscription: Subscription, client: WebClient, robots: RobotsRules, known: Known
) -> Fetched:
    robots.check(subscription.url)
    answer = client.get(
        subscription.url, etag=known.etag, last_modified=known.last_modified, accept=PAGE_ACCEPT
    )
    if answer.not_modified:
        return Fetched(not_modified=True, etag=answer.etag, last_modified=answer.last_modified)
    try:
        links = listing_links(answer.body, answer.url, subscription.select, subscription.pattern)
    except BadListingRule as error:
        raise FetchError(f"The listing rule cannot be applied: {error}") from None
    wanted = [SitemapPage(link, None) for link in links if link not in known.pages]
    return _take(wanted, client, robots, answer.etag, answer.last_modified, [])


def _sitemap(body: bytes, url: str):
    try:
        return sitemap_entries(body, url)
    except UnreadableFile as error:
        raise FetchError(f"The sitemap cannot be read: {error}.") from None


def _is_new(page: SitemapPage, known: Known) -> bool:
    if page.url not in known.pages:
        return True
    return page.lastmod is not None and page.lastmod != known.pages[page.url]


def _take(
    wanted: list[SitemapPage],
    client: WebClient,
    robots: RobotsRules,
    etag: str | None,
    last_modified: str | None,
    problems: list[str],
) -> Fetched:
    """The release pages of ``wanted``, as many as a pass takes."""
    limit = client.settings.pages_per_pass
    releases: list[ParsedRelease] = []
    taken: list[tuple[str, str | None]] = []
    for page in wanted[:limit]:
        try:
            robots.check(page.url)
            releases.append(fetch_page(page.url, client))
        except FetchError as error:
            problems.append(f"{page.url}: {error}")
            continue
        except UnreadableFile as error:
            # Not a release (a page of menus): remembered, so not fetched again until it changes.
            problems.append(f"{page.url}: {error}")
        taken.append((page.url, page.lastmod))
    complete = len(wanted) <= limit and not problems
    return Fetched(
        releases=tuple(releases),
        etag=etag if complete else None,
        last_modified=last_modified if complete else None,
        pages=tuple(taken),
        problems=tuple(problems),
    )
