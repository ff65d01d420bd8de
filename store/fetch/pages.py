"""Fetching one release's web page and reading it with the HTML importer."""

from __future__ import annotations

import dataclasses

from store.fetch.answers import answer_kind, describe_unexpected
from store.fetch.client import WebClient
from store.ingest.html_page import parse_html_page
from store.parsed import ParsedRelease, UnreadableFile

PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


def fetch_page(url: str, client: WebClient) -> ParsedRelease:
    """The release on the page at ``url`` (its address when the page names none).

    Raises FetchError when the page could not be fetched (worth trying again), and
    UnreadableFile when it was fetched but holds no release (not worth it until it changes).
    """
    answer = client.get(url, accept=PAGE_ACCEPT)
    if answer_kind(answer.body, answer.content_type) != "html":
        raise UnreadableFile(describe_unexpected(answer.body, answer.content_type, "web page"))
    (release,) = parse_html_page(answer.body, answer.url)
    return release if release.url else dataclasses.replace(release, url=answer.url)
