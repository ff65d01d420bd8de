"""Where a site's releases are listed: the feeds a page offers, sitemaps, listing-page links.

Pure parsers for following a site (bytes in, addresses out; nothing fetched or stored):

- ``feed_links`` — the ``<link rel="alternate">`` RSS and Atom feeds a page names;
- ``sitemap_entries`` — the pages (with ``lastmod``) of a sitemap, or the child sitemaps of
  a sitemap index; gzip-compressed sitemaps and plain-text sitemaps (one address a line)
  are read too;
- ``listing_links`` — the release links a listing rule takes from a page: a CSS selector
  (the links it picks, or the links inside what it picks) and/or a URL pattern.

Every address comes back absolute (against the page's ``<base href>`` when it has one,
else the address it was fetched from), without its ``#fragment``, http(s) only, each once,
in the order of the document.

A URL pattern is a shell-style glob matched against the whole absolute address, case
sensitive: ``*`` is any run of characters (``/`` included), ``?`` one character, ``[…]``
one of a set. ``*/press-releases/*`` takes every address with a ``/press-releases/``
segment; ``https://www.state.gov/*-on-*`` every state.gov address with "-on-" in it.
"""

from __future__ import annotations

import contextlib
import re
import zlib
from dataclasses import dataclass
from fnmatch import fnmatchcase
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from cssselect import SelectorError
from lxml import etree

from store.parsed import UnreadableFile

# The feed types parse_feed reads; RSS 1.0 feeds are sometimes announced as rdf+xml.
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
# The sitemap protocol caps a sitemap at 50 MB uncompressed; more is a gzip bomb or not one.
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


class BadListingRule(ValueError):
    """A listing rule that cannot be applied; the message says which part and why."""


@dataclass(frozen=True)
class FoundFeed:
    """A feed a page announces: its absolute address, its title if given, its media type."""

    url: str
    title: str | None
    type: str


@dataclass(frozen=True)
class SitemapPage:
    """One page a sitemap lists, with its ``lastmod`` as written (W3C date), if any."""

    url: str
    lastmod: str | None


@dataclass(frozen=True)
class Sitemap:
    """A sitemap read: the pages it lists, or (for a sitemap index) its child sitemaps."""

    pages: list[SitemapPage]
    sitemaps: list[str]


def feed_links(html: bytes | str, base_url: str) -> list[FoundFeed]:
    """The RSS and Atom feeds a page offers through ``<link rel="alternate" type=…>``.

    >>> page = '<link rel="alternate" type="application/rss+xml" title="News" href="/feed/">'
    >>> feed_links(page, "https://example.org/press/")
    [FoundFeed(url='https://example.org/feed/', title='News', type='application/rss+xml')]
    """
    root = _html_root(html)
    if root is None:
        return []
    base = _base_url(root, base_url)
    found: list[FoundFeed] = []
    seen: set[str] = set()
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        media_type = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or media_type not in _FEED_TYPES:
            continue
        url = _absolute(link.get("href"), base)
        if url is None or url in seen:
            continue
        seen.add(url)
        title = " ".join((link.get("title") or "").split()) or None
        found.append(FoundFeed(url=url, title=title, type=media_type))
    return found


def sitemap_entries(data: bytes, base_url: str) -> Sitemap:
    """The pages of a sitemap (``<urlset>``) or the child sitemaps of a ``<sitemapindex>``.

    ``data`` may be gzip-compressed. A plain-text sitemap (one address a line) is read as
    well. Anything else raises ``UnreadableFile`` with one sentence naming ``base_url``.

    >>> xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url>'
    >>> xml += b'<loc>https://example.org/a</loc><lastmod>2021-06-01</lastmod></url></urlset>'
    >>> sitemap_entries(xml, "https://example.org/sitemap.xml").pages
    [SitemapPage(url='https://example.org/a', lastmod='2021-06-01')]
    """
    data = _gunzipped(data, base_url)
    if not data.strip():
        raise UnreadableFile(f"the sitemap {base_url} is empty")
    if not data.lstrip().startswith((b"<", b"\xef\xbb\xbf<")):
        return _text_sitemap(data, base_url)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(f"the sitemap {base_url} is not well-formed XML: {error}") from None
    kind = _local_name(root)
    if kind not in ("urlset", "sitemapindex"):
        raise UnreadableFile(
            f"{base_url} is not a sitemap: its root element is <{kind}>, "
            "not <urlset> or <sitemapindex>"
        )
    pages: list[SitemapPage] = []
    sitemaps: list[str] = []
    seen: set[str] = set()
    for entry in root:
        if not isinstance(entry.tag, str) or _local_name(entry) not in ("url", "sitemap"):
            continue
        url = _absolute(_child_text(entry, "loc"), base_url)
        if url is None or url in seen:
            continue
        seen.add(url)
        if _local_name(entry) == "sitemap":
            sitemaps.append(url)
        else:
            pages.append(SitemapPage(url=url, lastmod=_child_text(entry, "lastmod")))
    return Sitemap(pages=pages, sitemaps=sitemaps)


def listing_links(
    html: bytes | str, base_url: str, select: str | None = None, pattern: str | None = None
) -> list[str]:
    """The release links a listing rule takes from a page, absolute, in page order, each once.

    ``select`` is a CSS selector: a link it picks is taken, and so are the links inside any
    other element it picks (``.views-row`` or ``h3.title a`` both work). ``pattern`` is a
    glob over the absolute address (see the module's docstring). With neither, every link
    of the page is taken. Raises ``BadListingRule`` for a selector that is not valid CSS.

    >>> page = '<ul><li><a href="/pr/1#top">One</a></li><li><a href="/about">About</a></li></ul>'
    >>> listing_links(page, "https://example.org/", pattern="*/pr/*")
    ['https://example.org/pr/1']
    """
    root = _html_root(html)
    if root is None:
        return []
    base = _base_url(root, base_url)
    anchors = _selected_anchors(root, select) if select else root.iter("a", "area")
    links: list[str] = []
    seen: set[str] = set()
    for anchor in anchors:
        url = _absolute(anchor.get("href"), base)
        if url is None or url in seen:
            continue
        if pattern and not fnmatchcase(url, pattern):
            continue
        seen.add(url)
        links.append(url)
    return links


def _selected_anchors(root: lxml.html.HtmlElement, select: str) -> list[lxml.html.HtmlElement]:
    """The links a selector picks, or holds inside what it picks, in document order."""
    try:
        picked = root.cssselect(select)
    except SelectorError as error:
        raise BadListingRule(f"the CSS selector {select!r} is not valid: {error}") from None
    anchors: dict[lxml.html.HtmlElement, None] = {}
    for element in picked:
        if element.tag in ("a", "area"):
            anchors[element] = None
        else:
            anchors.update(dict.fromkeys(element.iter("a", "area")))
    # Selector groups ("h2 a, .more a") come back group by group; the page's order is wanted.
    order = {element: index for index, element in enumerate(root.iter())}
    return sorted(anchors, key=order.__getitem__)


def _html_root(html: bytes | str) -> lxml.html.HtmlElement | None:
    """The page as lxml reads it (its declared charset honoured for bytes), or None."""
    if isinstance(html, bytes):
        # Not UTF-8: lxml reads the page's own <meta charset> from the bytes.
        with contextlib.suppress(UnicodeDecodeError):
            html = html.decode("utf-8")
    if isinstance(html, str):
        # lxml refuses a str that still carries an XML encoding declaration (XHTML).
        html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        return None
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _base_url(root: lxml.html.HtmlElement, fetched_from: str) -> str:
    """The address relative links resolve against: the first ``<base href>``, else the page's."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href:
            return urljoin(fetched_from, href)
    return fetched_from


def _absolute(href: str | None, base: str) -> str | None:
    """``href`` made absolute against ``base`` without its fragment; None unless http(s)."""
    href = (href or "").strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urldefrag(urljoin(base, href)).url
        parts = urlsplit(url)
    except ValueError:  # an invalid IPv6 host ("http://[x/"), say
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return url


def _gunzipped(data: bytes, base_url: str) -> bytes:
    """The sitemap's bytes, decompressed when gzip, refused past the protocol's size cap."""
    if not data.startswith(_GZIP_MAGIC):
        if len(data) > MAX_SITEMAP_BYTES:
            raise UnreadableFile(f"the sitemap {base_url} is larger than 50 MB")
        return data
    decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = decompressor.decompress(data, MAX_SITEMAP_BYTES + 1)
    except zlib.error as error:
        raise UnreadableFile(f"the sitemap {base_url} is not valid gzip: {error}") from None
    if len(out) > MAX_SITEMAP_BYTES:
        raise UnreadableFile(f"the sitemap {base_url} is larger than 50 MB uncompressed")
    if not decompressor.eof:
        raise UnreadableFile(f"the sitemap {base_url} is cut off (its gzip stream ends early)")
    return out


def _text_sitemap(data: bytes, base_url: str) -> Sitemap:
    """A plain-text sitemap: one absolute address a line, nothing else."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(f"{base_url} is not a sitemap: it is neither XML nor text") from None
    pages: list[SitemapPage] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        url = _absolute(line, base_url)
        if url is None or not line.lower().startswith(("http://", "https://")):
            raise UnreadableFile(f"{base_url} is not a sitemap: line {number} is not a web address")
        if url not in seen:
            seen.add(url)
            pages.append(SitemapPage(url=url, lastmod=None))
    return Sitemap(pages=pages, sitemaps=[])


def _local_name(element: etree._Element) -> str:
    """An element's name without its namespace (sitemaps are found with and without one)."""
    return element.tag.rpartition("}")[2]


def _child_text(element: etree._Element, name: str) -> str | None:
    """The stripped text of the element's first child of that local name, or None."""
    for child in element:
        if isinstance(child.tag, str) and _local_name(child) == name:
            return "".join(child.itertext()).strip() or None
    return None
