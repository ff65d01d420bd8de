"""RSS 0.9x, 2.0, RSS 1.0 (RDF) and Atom feeds: one release per item or entry.

The bytes are first made readable XML (``feed_bytes``: the encoding the bytes are in, HTML
entities as character references); feedparser then reads the items' links, dates, ids and
authors, and each item's title and body are read from its own XML element (``feed_text``).
"""

from __future__ import annotations

import html
import io
import re
import xml.sax
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.html
import nh3
from lxml import etree

from store.ingest.attribution import issuer_name, speaker_name
from store.ingest.dates import parse_date
from store.ingest.decoding import primary_language
from store.ingest.feed_bytes import readable_feed_bytes
from store.ingest.feed_text import ATOM, Body, item_base, item_body, item_title
from store.markdown_text import html_to_markdown, paragraphs_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

# CDATA sections and comments, where "</item>" is text (an unclosed one runs to the end).
_LITERAL_PARTS = re.compile(rb"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)", re.DOTALL)
_ITEM_END = re.compile(rb"</(?:[\w.-]+:)?(?:item|entry)\s*>")
# A root element's name, after any XML declaration, comments, processing instructions, doctype.
_ROOT_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_TRAILING_COMMENTS = re.compile(rb"(?:\s*<!--.*?-->)*\s*\Z", re.DOTALL)
# WordPress and feed-service additions that are not part of the release.
_JUNK_CLASS = re.compile(
    r"\b(?:sharedaddy|sharing\w*|share-\w+|\w+-share|social-\w+|addtoany\w*|a2a_\w+|jp-relatedposts|"
    r"feedflare|more-link|link-more|wp-block-buttons|screen-reader-text)\b"
)
_SHARE_HREF = re.compile(
    r"facebook\.com/shar|twitter\.com/(?:intent|share)|x\.com/intent|linkedin\.com/share|"
    r"pinterest\.com/pin/create|addtoany\.com|reddit\.com/submit|[?&]share=",
    re.IGNORECASE,
)
# managingEditor as RSS 2.0 writes it: "press@example.org (Press Office)".
_EDITOR_NAME = re.compile(r"\((?P<name>[^()]+)\)")
_POST_APPEARED = re.compile(r"^\s*The post\s.+?\sappeared first on\s.+$", re.DOTALL)


def parse_feed(data: bytes, filename: str) -> list[ParsedRelease]:
    """Parse an RSS or Atom file into releases, one per item, in the feed's order.

    A feed cut off before its end gives the complete items before the cut (``read_feed``
    also says what was left out).
    """
    return read_feed(data, filename)[0]


def read_feed(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """The feed's releases, and one sentence for each part of it that was left out.

    A feed that feedparser could only read leniently is accepted when it yields items. One
    cut off before its end keeps the items closed before the cut: the item the cut falls
    in would be silently incomplete, so it is left out and said so.
    """
    data = readable_feed_bytes(data)
    # Sanitising is html_to_markdown's job (nh3); feedparser's own sanitiser would double the time.
    # A stream, because feedparser opens bytes that look like a path as that local file.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=True)
    entries = list(parsed.entries)
    problems: list[str] = []
    cut = False
    if parsed.bozo:
        reason = _describe(parsed.get("bozo_exception"))
        if not entries:
            raise UnreadableFile(f"not a valid RSS or Atom feed: {reason}")
        if _is_truncated(data):
            complete = min(_closed_items(data), len(entries))
            if complete == 0:
                raise UnreadableFile(f"the feed is cut off within its first item ({reason})")
            problems.append(_cut_off(reason, complete, len(entries) - complete))
            entries, cut = entries[:complete], True
    if not entries:
        raise UnreadableFile("the feed has no items")
    feed = parsed.feed
    raw_format = "atom" if parsed.get("version", "").startswith("atom") else "rss"
    root = _xml_root(data)
    raws: list[etree._Element | None] = list(_raw_items(root))
    if cut:
        raws = raws[: len(entries)]  # both parsers read the items closed before the cut
    if len(raws) != len(entries):
        # Pairing by position is only safe when both parsers saw the same items.
        raws = [None] * len(entries)
    channel = _Channel(
        title=_plain_title(feed.get("title_detail")) or None,
        issuer=_channel_issuer(root, _plain_title(feed.get("title_detail"))),
        language=primary_language(feed.get("language")),
        site=_site(root),
    )
    releases = [
        _release(entry, raw, channel, raw_format) for entry, raw in zip(entries, raws, strict=True)
    ]
    return releases, problems


def _cut_off(reason: str, kept: int, left_out: int) -> str:
    """What a cut-off feed lost, in one sentence."""
    items = f"the {kept} items" if kept != 1 else "the 1 item"
    if left_out:
        return (
            f"the feed is cut off before its end ({reason}): the item the cut falls in "
            f"was left out, {items} before it kept"
        )
    return f"the feed is cut off before its end ({reason}): {items} in it kept"


@dataclass(frozen=True)
class _Channel:
    """What the channel (or Atom feed) says of all its items."""

    title: str | None
    issuer: str | None
    language: str | None
    site: str | None


def _release(
    entry: Any, raw: etree._Element | None, channel: _Channel, raw_format: str
) -> ParsedRelease:
    """One ParsedRelease from a feedparser entry and the item's own XML element."""
    content = _fullest_content(entry)
    entry_language = primary_language(content.get("language") if content else None)
    author = (entry.get("author") or "").strip()
    language = entry_language or primary_language(entry.get("language")) or channel.language
    own, alternates = _own_and_alternates(entry, language)
    if raw is None:
        title = _plain_title(entry.get("title_detail"))
        body = _body_markdown(content)
    else:
        title = item_title(raw) or _plain_title(entry.get("title_detail"))
        body = _markdown(item_body(raw, channel.site))
    return ParsedRelease(
        title=title,
        body_markdown=body,
        date=_entry_date(entry),
        source=author or channel.title,
        url=_item_url(own, raw, channel.site),
        language=language,
        identity=entry.get("id") or None,
        raw="" if raw is None else etree.tostring(raw, encoding="unicode", with_tail=False),
        raw_format=raw_format,
        issuer=issuer_name(_child_text(raw, "publisher")) or channel.issuer,
        speaker=speaker_name((entry.get("author_detail") or {}).get("name") or author),
        alternates=alternates,
    )


def _own_and_alternates(entry: Any, language: str | None) -> tuple[str | None, tuple[str, ...]]:
    """An item's own address and those of its versions in other languages: the Atom
    ``<link rel="alternate" hreflang=…>`` links (RSS has none). Its own is the one in its
    language (feedparser's ``link`` is the last alternate), else feedparser's."""
    versions = [
        (primary_language(link.get("hreflang")), link.get("href", "").strip())
        for link in entry.get("links") or ()
        if link.get("rel", "alternate") == "alternate" and link.get("hreflang")
    ]
    own = next((url for lang, url in versions if url and lang and lang == language), None)
    own = own or entry.get("link") or None
    return own, tuple(dict.fromkeys(url for _, url in versions if url and url != own))


def _item_url(link: str | None, raw: etree._Element | None, site: str | None) -> str | None:
    """The item's link, made absolute against its xml:base or the feed's site if relative."""
    if not link:
        return None
    if urlsplit(link).scheme or raw is None:
        return link
    base = item_base(raw, site)
    return urljoin(base, link) if base else link


def _site(root: etree._Element | None) -> str | None:
    """The address the feed names as its site: RSS <link>, Atom <link rel="alternate">."""
    for link in _children(_channel_element(root), "link"):
        href = (link.get("href") or "").strip()
        if href:  # Atom's link, or RSS's atom:link (rel="self": the feed, not the site)
            if (link.get("rel") or "alternate") == "alternate":
                return urljoin(item_base(link, None) or "", href)
            continue
        text = "".join(link.itertext()).strip()
        if urlsplit(text).scheme in ("http", "https"):
            return text
    return None


def _channel_issuer(root: etree._Element | None, title: str) -> str | None:
    """The organisation the channel names: its title, else dc:publisher, else its editor.

    The title comes first because it is what a reader of the feed sees as its name ("Press
    Releases – United States Department of State"); the store resolves it to its issuer.
    """
    channel = _channel_element(root)
    editor = _EDITOR_NAME.search(_child_text(channel, "managingEditor") or "")
    # An Atom feed's own <author><name>.
    atom_author = next((_child_text(a, "name") for a in _children(channel, "author")), None)
    candidates = [
        title,
        _child_text(channel, "publisher"),
        editor["name"] if editor else None,
        atom_author,
    ]
    return next(filter(None, map(issuer_name, candidates)), None)


def _channel_element(root: etree._Element | None) -> etree._Element | None:
    """RSS 2.0 and RSS 1.0's <channel>, or an Atom <feed> itself."""
    if root is None or _local_name(root) == "feed":
        return root
    return next(iter(_children(root, "channel")), None)


def _children(element: etree._Element | None, name: str) -> list[etree._Element]:
    """The element's children of that local name (any namespace)."""
    if element is None:
        return []
    return [c for c in element if isinstance(c.tag, str) and _local_name(c) == name]


def _child_text(element: etree._Element | None, name: str) -> str | None:
    """The text of the element's first child of that local name, or None."""
    children = _children(element, name)
    if not children:
        return None
    return "".join(children[0].itertext()).strip() or None


def _describe(exception: object) -> str:
    """The parser's complaint as a short phrase ("no element found at line 37, column 29")."""
    if isinstance(exception, xml.sax.SAXParseException):
        line, column = exception.getLineNumber(), exception.getColumnNumber()
        return f"{exception.getMessage()} at line {line}, column {column}"
    text = str(exception).strip() if exception else ""
    return text or "unknown error"


def _is_truncated(data: bytes) -> bool:
    """Whether the document stops before the closing tag of its root element.

    Caching plugins append comments after the root, so those are ignored.
    """
    body = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data[:4096], flags=re.DOTALL)
    root = _ROOT_TAG.search(body)
    if root is None:
        return True
    end = _TRAILING_COMMENTS.sub(b"", data)
    return not re.search(rb"</" + re.escape(root.group(1)) + rb"\s*>\Z", end)


def _closed_items(data: bytes) -> int:
    """How many items or entries the document closes (outside CDATA and comments)."""
    text = _LITERAL_PARTS.sub(b"", data)
    return len(_ITEM_END.findall(text))


def _xml_root(data: bytes) -> etree._Element | None:
    """The document's root element, read leniently (CDATA kept as written), or None."""
    parser = etree.XMLParser(
        recover=True, strip_cdata=False, resolve_entities=False, no_network=True
    )
    try:
        return etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None


def _raw_items(root: etree._Element | None) -> list[etree._Element]:
    """Each item or entry element, in document order."""
    if root is None:
        return []
    return [
        element
        for element in root.iter(etree.Element)
        if _local_name(element) == "item" or element.tag == f"{{{ATOM}}}entry"
    ]


def _local_name(element: etree._Element) -> str:
    """An element's name without its namespace.

    Not ``etree.QName``: XML recovered from a broken file can hold names such as
    "content:encoded" with an unbound prefix, which QName refuses with ValueError.
    """
    return element.tag.rpartition("}")[2]


def _plain_title(detail: dict[str, Any] | None) -> str:
    """A title as plain text: markup stripped if the feed says it is HTML, entities decoded."""
    if not detail:
        return ""
    value = detail.get("value") or ""
    if "html" in (detail.get("type") or ""):
        value = html.unescape(nh3.clean(value, tags=set()))
    return " ".join(value.split())


def _fullest_content(entry: Any) -> dict[str, Any] | None:
    """The longest of the entry's full contents (content:encoded, atom content) or summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    candidates = [c for c in candidates if (c.get("value") or "").strip()]
    return max(candidates, key=lambda c: len(c["value"]), default=None)


def _markdown(body: Body | None) -> str:
    """Sanitised Markdown of an item's own body, its relative links made absolute."""
    if body is None:
        return ""
    if body.is_html:
        return html_to_markdown(_remove_junk(body.value, body.base))
    return paragraphs_to_markdown(re.split(r"\n\s*\n", body.value))


def _body_markdown(content: dict[str, Any] | None) -> str:
    """Sanitised Markdown of an entry's content, with feed and WordPress junk removed."""
    if content is None:
        return ""
    value = content["value"]
    if "html" in (content.get("type") or "") or "xml" in (content.get("type") or ""):
        return html_to_markdown(_remove_junk(value))
    return paragraphs_to_markdown(re.split(r"\n\s*\n", value))


def _remove_junk(fragment: str, base: str | None = None) -> str:
    """Drop share buttons, "The post … appeared first on …", "Continue reading", empty <p>.

    Relative links and images are made absolute against ``base`` when it is given.
    """
    try:
        container = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):  # ValueError: a control character in loose text
        return fragment
    if base:
        # A "#fragment" points within the release itself, wherever it is shown: kept.
        container.rewrite_links(lambda link: link if link.startswith("#") else _joined(base, link))
    for element in list(container.iter(etree.Element)):
        if element.getparent() is None:
            continue
        if _is_junk(element):
            element.drop_tree()
    return lxml.html.tostring(container, encoding="unicode")


def _joined(base: str, link: str) -> str:
    """``link`` resolved against ``base``; as written when it is not a valid address."""
    try:
        return urljoin(base, link.strip())
    except ValueError:  # an invalid IPv6 host ("http://[x/"), say
        return link


def _is_junk(element: lxml.html.HtmlElement) -> bool:
    """Whether an element is syndication furniture rather than release text."""
    if _JUNK_CLASS.search(element.get("class") or ""):
        return True
    if element.tag == "a" and _SHARE_HREF.search(element.get("href") or ""):
        return True
    if element.tag != "p":
        return False
    text = element.text_content()
    # Blank paragraphs (<p><span>&nbsp;</span></p>) are WordPress spacing, not text.
    return not text.strip() or bool(_POST_APPEARED.match(text))


def _entry_date(entry: Any) -> str | None:
    """The item's own date as written (not shifted to UTC, as feedparser's *_parsed are)."""
    # dict.get reads the keys the feed has: FeedParserDict.get would answer "updated" with
    # "published" (a deprecated fallback that warns, and is to be removed).
    for key in ("published", "updated", "created"):
        text = dict.get(entry, key)
        if text and (date := parse_date(text)):
            return date
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        moment = dict.get(entry, key)
        if moment:
            return f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}"
    return None
