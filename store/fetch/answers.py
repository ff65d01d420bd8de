"""What a fetched answer is: a feed, a sitemap, a web page, or none of these."""

from __future__ import annotations

import re
from typing import Literal

from store.ingest.sniff import detect_format

AnswerKind = Literal["feed", "sitemap", "html"]
_GZIP_MAGIC = b"\x1f\x8b"
_SITEMAP_ROOT = re.compile(rb"<(?:\w+:)?(?:urlset|sitemapindex)\b")
_HEAD_BYTES = 4096


def answer_kind(body: bytes, content_type: str = "") -> AnswerKind | None:
    """Told from the body's first element (a server's Content-Type is often wrong: feeds
    served as text/html, sitemaps as text/plain); a gzip file is a compressed sitemap.

    >>> answer_kind(b'<?xml version="1.0"?><urlset xmlns="..."><url/></urlset>')
    'sitemap'
    >>> answer_kind(b"<rss version='2.0'><channel/></rss>"), answer_kind(b"<!DOCTYPE html><p>")
    ('feed', 'html')
    >>> answer_kind(b"\\x00\\x01 random") is None
    True
    """
    if body.startswith(_GZIP_MAGIC):
        return "sitemap"
    if _SITEMAP_ROOT.search(body[:_HEAD_BYTES]):
        return "sitemap"
    found = detect_format(body, "answer.xml")
    if found in ("feed", "html"):
        return found
    if "html" in content_type.lower() and detect_format(body, "answer.html") == "html":
        return "html"
    return None


def describe_unexpected(body: bytes, content_type: str, wanted: str) -> str:
    """One sentence for an answer that is not the ``wanted`` kind ("feed", "sitemap", …)."""
    kind = answer_kind(body, content_type)
    if kind == "html":
        return f"The address gave a web page where a {wanted} was expected."
    if kind is not None:
        return f"The address gave a {kind} where a {wanted} was expected."
    shown = content_type.split(";")[0].strip() or "no declared type"
    return f"The address gave something that is not a {wanted} ({shown})."
