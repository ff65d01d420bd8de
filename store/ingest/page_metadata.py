"""What a saved page says about itself in its markup: titles, site names, issuer, speaker,
publication date and address (Open Graph, JSON-LD, Dublin Core and other meta tags, <time>).

Only what the markup states is read: a modified date is not a published one, and a <time>
is taken only where the page has one publication time (several differing ones are a list
of other articles).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import lxml.html

from store.ingest.attribution import issuer_name, speaker_name
from store.ingest.datelines import UPDATED
from store.ingest.dates import parse_date

_ARTICLE_TYPES = {
    "article", "newsarticle", "reportagenewsarticle", "blogposting", "report", "pressrelease",
    "analysisnewsarticle", "governmentservice", "scholarlyarticle", "socialmediaposting",
}  # fmt: skip
_ORGANISATION_TYPES = {"organization", "governmentorganization", "ngo"}
_PAGE_TYPES = {"webpage", "itempage", "collectionpage", "aboutpage"}
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "dc.date.created", "date",
    "pubdate", "publishdate", "publish-date", "publication_date", "sailthru.date",
)  # fmt: skip
_PUBLISHER_META = ("publisher", "dc.publisher", "dcterms.publisher", "article:publisher")
# Where a page keeps what is not its release: menus, header, footer, asides.
_CHROME_TAGS = {"nav", "header", "footer", "aside"}


@dataclass(frozen=True)
class PageMetadata:
    """The page's own statements about itself; None or empty where it makes none."""

    html_title: str | None = None
    og_title: str | None = None
    headline: str | None = None
    site_names: list[str] = field(default_factory=list)
    issuer: str | None = None
    speaker: str | None = None
    date: str | None = None
    url: str | None = None
    headings: list[str] = field(default_factory=list)
    link_texts: set[str] = field(default_factory=set)
    # The addresses of the page's versions in other languages (hreflang alternates).
    alternates: tuple[str, ...] = ()


def read_metadata(root: lxml.html.HtmlElement) -> PageMetadata:
    """Everything the markup of ``root`` (a whole parsed page) states about the release."""
    meta = _meta_tags(root)
    graph = _json_ld_nodes(root)
    article = next((n for n in graph if _types(n) & _ARTICLE_TYPES), None)
    page = next((n for n in graph if _types(n) & _PAGE_TYPES), None)
    website = next((n for n in graph if "website" in _types(n)), None)
    organisation = next((n for n in graph if _types(n) & _ORGANISATION_TYPES), None)
    ids = {node["@id"]: node for node in graph if isinstance(node.get("@id"), str)}
    authors = [_resolve(a, ids) for a in _as_list((article or {}).get("author"))]
    # An organisation as the article's author is its issuer (GOV.UK: the department), the
    # publisher being the site that carries it; a person as author is a speaker.
    author_organisations = [_name(a) for a in authors if _types(a) & _ORGANISATION_TYPES]
    author_people = [_name(a) for a in authors if not _types(a) & _ORGANISATION_TYPES]
    publishers = [_name(_resolve(n.get("publisher"), ids)) for n in (article, page, website) if n]
    site_names = [
        meta.get("og:site_name"),
        meta.get("application-name"),
        *publishers,
        *(meta.get(name) for name in _PUBLISHER_META),
        _name(website),
        _name(organisation),
    ]
    site_names = list(dict.fromkeys(filter(None, map(issuer_name, site_names))))
    issuer_candidates = [*author_organisations, *site_names]
    speakers = [*author_people, meta.get("author"), meta.get("dc.creator")]
    # An author tag that only repeats the site's name is the site's default, not a speaker.
    folded_sites = {name.casefold() for name in site_names}
    speaker = next(
        (s for s in map(speaker_name, speakers) if s and s.casefold() not in folded_sites), None
    )
    return PageMetadata(
        html_title=_text(root.find(".//title")),
        og_title=_one_line(meta.get("og:title")),
        headline=_one_line(_string((article or {}).get("headline"))),
        site_names=site_names,
        issuer=next(filter(None, map(issuer_name, issuer_candidates)), None),
        speaker=speaker,
        date=_published_date(root, meta, article, page),
        url=_page_url(root, meta),
        headings=_headings(root),
        link_texts={_fold(a.text_content()) for a in root.iter("a")} - {""},
        alternates=_language_alternates(root, _page_url(root, meta)),
    )


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    """Meta tags by lower-cased name or property; the first of each name wins."""
    tags: dict[str, str] = {}
    for element in root.iter("meta"):
        key = element.get("property") or element.get("name") or element.get("itemprop")
        content = (element.get("content") or "").strip()
        if key and content:
            tags.setdefault(key.strip().lower(), content)
    return tags


def _json_ld_nodes(root: lxml.html.HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, the members of an @graph included; bad JSON skipped."""
    nodes: list[dict[str, Any]] = []
    for script in root.xpath("//script[@type='application/ld+json']"):
        try:
            document = json.loads(script.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        pending = _as_list(document)
        while pending:
            node = pending.pop(0)
            if isinstance(node, dict):
                nodes.append(node)
                pending.extend(_as_list(node.get("@graph")))
    return nodes


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _types(node: Any) -> set[str]:
    if not isinstance(node, dict):
        return set()
    return {str(t).lower() for t in _as_list(node.get("@type"))}


def _resolve(node: Any, ids: dict[str, dict[str, Any]]) -> Any:
    """A reference {"@id": …} replaced by the node it names, when the page has it."""
    if isinstance(node, dict) and set(node) == {"@id"}:
        return ids.get(node["@id"], node)
    return node


def _name(node: Any) -> str | None:
    if isinstance(node, str):
        return node
    return _string(node.get("name")) if isinstance(node, dict) else None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _published_date(
    root: lxml.html.HtmlElement,
    meta: dict[str, str],
    article: dict[str, Any] | None,
    page: dict[str, Any] | None,
) -> str | None:
    """The publication day the markup states, as written (a time zone never shifts it)."""
    stated = [_string((node or {}).get("datePublished")) for node in (article, page)]
    stated += [meta.get(name) for name in _PUBLISHED_META]
    for text in filter(None, stated):
        if date := parse_date(text):
            return date
    times = {
        date
        for element in root.iter("time")
        if not _in_chrome(element)
        and not UPDATED.search(_context(element))
        and (date := parse_date(element.get("datetime") or element.text_content()))
    }
    return times.pop() if len(times) == 1 else None


def _in_chrome(element: lxml.html.HtmlElement) -> bool:
    """Whether the element sits in a menu, the site's header, a footer, an aside or a link.

    A <header> inside <article> or <main> is the release's own (WordPress puts the title
    there), not the site's.
    """
    ancestors = list(element.iterancestors())
    for index, ancestor in enumerate(ancestors):
        if ancestor.tag in _CHROME_TAGS - {"header"} or ancestor.tag == "a":
            return True
        if ancestor.tag == "header" and not any(
            outer.tag in {"article", "main"} for outer in ancestors[index + 1 :]
        ):
            return True
    return False


def _context(element: lxml.html.HtmlElement) -> str:
    """The words around an element: its parent's text and attributes ("Updated: <time>")."""
    parent = element.getparent()
    if parent is None:
        return ""
    return " ".join([parent.text_content(), parent.get("class") or "", element.get("class") or ""])


def _page_url(root: lxml.html.HtmlElement, meta: dict[str, str]) -> str | None:
    """The page's own address: its canonical link, else og:url (web addresses only)."""
    canonical = root.xpath("//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href")
    for url in [*canonical, meta.get("og:url")]:
        if url and re.match(r"https?://", url.strip()):
            return url.strip()
    return None


def _language_alternates(root: lxml.html.HtmlElement, own: str | None) -> tuple[str, ...]:
    """The addresses of ``<link rel="alternate" hreflang=…>`` (its versions in other
    languages), made absolute against the page's own address; ``x-default`` (the page a
    site shows to a reader of no listed language) is no version of its own."""
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        language = (link.get("hreflang") or "").strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or not language or language == "x-default" or not href:
            continue
        address = urljoin(own, href) if own else href
        if re.match(r"https?://", address) and address != own:
            found.append(address)
    return tuple(dict.fromkeys(found))


def _headings(root: lxml.html.HtmlElement) -> list[str]:
    """The page's h1 then h2 headings outside its menus, header and footer, in order."""
    body = root.find("body")
    if body is None:
        return []
    found = []
    for tag in ("h1", "h2"):
        found += [
            text
            for element in body.iter(tag)
            if not _in_chrome(element) and (text := _text(element))
        ]
    return found


def _text(element: lxml.html.HtmlElement | None) -> str | None:
    return _one_line(element.text_content()) if element is not None else None


def _one_line(value: str | None) -> str | None:
    return " ".join(value.split()) or None if value else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
