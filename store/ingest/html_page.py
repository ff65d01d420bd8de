"""A saved web page (.html/.htm): the release's main text and metadata, without the site chrome."""

from __future__ import annotations

import codecs
import re

import lxml.html
import trafilatura
from lxml import etree

from store.ingest.decoding import decode_text, primary_language
from store.markdown_text import html_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

# <meta charset="…"> or http-equiv content="text/html; charset=…" near the top of a page.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as Windows-1252, and so do pages that declare them.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
# Fewer words than this outside links is a page of menus, not a release.
_MIN_PROSE_WORDS = 5
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DATE_PARAMS = {
    # Only dates the page states in its markup or URL: the extensive search also takes
    # "© 2021" or any date in the text for the publication date.
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}


def parse_html_page(data: bytes, filename: str) -> list[ParsedRelease]:
    """Extract one release from a saved page with trafilatura; its body HTML is sanitised by us."""
    text = _decode_page(data, filename)
    extracted = trafilatura.extract(
        text,
        output_format="html",
        with_metadata=True,
        include_links=True,
        include_tables=True,
        include_formatting=True,
        include_images=False,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    if not extracted:
        raise UnreadableFile("no release text found in the page, only site menus or nothing")
    result = lxml.html.document_fromstring(extracted)
    meta = {m.get("name"): m.get("content") for m in result.iter("meta") if m.get("content")}
    title = " ".join((meta.get("title") or "").split())
    body = result.find("body")
    if body is None or _prose_words(body) < _MIN_PROSE_WORDS:
        raise UnreadableFile("no release text found in the page, only site menus or nothing")
    _drop_title_heading(body, title)
    # The <body> wrapper is not an allowed tag: sanitising unwraps it, keeping loose text.
    body_markdown = html_to_markdown(lxml.html.tostring(body, encoding="unicode"))
    return [
        ParsedRelease(
            title=title or _first_line(body),
            body_markdown=body_markdown,
            date=meta.get("date"),
            source=meta.get("sitename") or None,
            url=meta.get("url") or None,
            language=_page_language(text),
            raw=text,
            raw_format="html",
        )
    ]


def _decode_page(data: bytes, filename: str) -> str:
    """Decode a page: BOM, else valid UTF-8, else its declared charset, else detection.

    Valid UTF-8 wins over the declaration because pages saved as UTF-8 often keep a stale
    ``charset=windows-1252``, while text in a legacy code page is almost never valid UTF-8.
    """
    head = data[:4096]
    has_bom = head.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    declared = _DECLARED_CHARSET.search(head)
    if declared and not has_bom and b"\x00" not in data and not _is_utf8(data):
        label = declared.group(1).decode("ascii").lower()
        encoding = "cp1252" if label in _WINDOWS_1252_LABELS else label
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # A wrong or unknown declaration: let detection decide.
    return decode_text(data, filename)


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (pure ASCII included)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _drop_title_heading(body: lxml.html.HtmlElement, title: str) -> None:
    """Remove a leading heading that repeats the title: the title is stored on its own."""
    first = next(iter(body), None)
    if first is None or first.tag not in {"h1", "h2", "h3"}:
        return
    if " ".join(first.text_content().split()).casefold() == title.casefold():
        first.drop_tree()


def _page_language(text: str) -> str | None:
    """The primary language subtag the page declares (``<html lang>``, content-language)."""
    # lxml refuses str input that still carries an XML encoding declaration (XHTML).
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += root.xpath(
        "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
        "='content-language']/@content"
    )
    candidates += root.xpath("//meta[@property='og:locale']/@content")
    return next(filter(None, map(primary_language, candidates)), None)


def _prose_words(body: lxml.html.HtmlElement) -> int:
    """Words of text outside links: what is left when a page is only menus is a few."""
    link_words = sum(len(a.text_content().split()) for a in body.iter("a"))
    return len(body.text_content().split()) - link_words


def _first_line(body: lxml.html.HtmlElement) -> str:
    """A title for a page without one: the start of the body's first line of text."""
    lines = body.text_content().strip().splitlines()
    return " ".join(lines[0].split())[:200] if lines else ""
