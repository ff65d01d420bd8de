"""A saved web page (.html/.htm): the release's main text and metadata, without the site chrome."""

from __future__ import annotations

import codecs
import re

import lxml.html
import trafilatura
from lxml import etree

from store.ingest.attribution import issuer_name, speaker_in_opening
from store.ingest.datelines import release_date
from store.ingest.decoding import decode_text, primary_language
from store.ingest.page_metadata import PageMetadata, read_metadata
from store.ingest.page_title import choose_title
from store.ingest.visible_lines import visible_lines
from store.markdown_text import html_to_markdown
from store.parsed import ParsedRelease, UnreadableFile

# <meta charset="…"> or http-equiv content="text/html; charset=…" near the top of a page.
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Browsers read these labels as Windows-1252, and so do pages that declare them.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "us-ascii", "ascii"}
# Fewer words than this outside links is a page of menus, not a release.
_MIN_PROSE_WORDS = 5
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Lines above a page's title that may carry its date ("24 листопада 2022" over the headline).
_DATE_LINES_BEFORE_TITLE = 3
# The title's heading is among the extracted body's first few blocks, or not there at all.
_TITLE_HEADING_WITHIN = 3
# A paragraph this long is the body's text, not a kicker, heading or date line above it.
_MIN_BODY_WORDS = 8
_DATE_PARAMS = {
    # trafilatura's date is not used (it takes a modified date for the published one; the
    # page's markup and datelines date the release): its narrowest search costs least.
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%d",
}


def parse_html_page(data: bytes, filename: str) -> list[ParsedRelease]:
    """Extract one release from a saved page: the body with trafilatura (sanitised by us),
    title, issuer, speaker, date and address from the page's markup, else from its text."""
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
    found = {m.get("name"): m.get("content") for m in result.iter("meta") if m.get("content")}
    body = result.find("body")
    if body is None or _prose_words(body) < _MIN_PROSE_WORDS:
        raise UnreadableFile("no release text found in the page, only site menus or nothing")
    page = _parse_page(text)
    metadata = read_metadata(page) if page is not None else PageMetadata()
    chosen = choose_title(metadata)
    title = chosen.title or " ".join((found.get("title") or "").split()) or _first_line(body)
    _drop_title_heading(body, title)
    paragraphs = [line for p in body if (line := " ".join(p.text_content().split()))]
    in_text: set[str] = set()
    date = metadata.date
    if date is None and page is not None:
        date = _date_in_text(visible_lines(page), title, paragraphs)
        in_text |= {"date"} if date else set()
    issuer = metadata.issuer or issuer_name(chosen.site_name)
    speaker = speaker_in_opening(title)
    if speaker is None:
        speaker = metadata.speaker
    if speaker is None and paragraphs:
        speaker = speaker_in_opening(paragraphs[0])
    if speaker is not None and speaker != metadata.speaker:
        in_text.add("speaker")
    # The <body> wrapper is not an allowed tag: sanitising unwraps it, keeping loose text.
    body_markdown = html_to_markdown(lxml.html.tostring(body, encoding="unicode"))
    return [
        ParsedRelease(
            title=title,
            body_markdown=body_markdown,
            date=date,
            # Earlier versions gave trafilatura's site name, which could be the title.
            source=issuer or found.get("sitename") or None,
            url=metadata.url or found.get("url") or None,
            language=_page_language(page),
            raw=text,
            raw_format="html",
            issuer=issuer,
            speaker=speaker,
            found_in_text=frozenset(in_text),
            alternates=metadata.alternates,
        )
    ]


def _parse_page(text: str) -> lxml.html.HtmlElement | None:
    """The whole page as lxml reads it, or None when it cannot."""
    # lxml refuses str input that still carries an XML encoding declaration (XHTML).
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None


def _date_in_text(lines: list[str], title: str, paragraphs: list[str]) -> str | None:
    """The date the page's text states by its title or on the body's datelines.

    The body starts at its first sentence-long paragraph: the extracted text may open on a
    kicker, the title heading and a date line, which are the lines around the title here.
    """
    start = next((i for i, p in enumerate(paragraphs) if len(p.split()) >= _MIN_BODY_WORDS), 0)
    paragraphs = paragraphs[start:]
    first = _fold(paragraphs[0])[:60] if paragraphs else None
    body_start = next(
        (i for i, line in enumerate(lines) if first and _fold(line).startswith(first)), None
    )
    wanted = _fold(title)
    end = body_start if body_start is not None else len(lines)
    title_index = next((i for i in range(end - 1, -1, -1) if _fold(lines[i]) == wanted), None)
    if body_start is None:
        return release_date(title, [], [], paragraphs)
    if title_index is None:
        # The page's heading words the title otherwise: the lines just above the body.
        above = list(reversed(lines[:body_start]))[:_DATE_LINES_BEFORE_TITLE]
        return release_date(title, [], above, paragraphs)
    above = list(reversed(lines[:title_index]))[:_DATE_LINES_BEFORE_TITLE]
    return release_date(title, lines[title_index + 1 : body_start], above, paragraphs)


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


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
    """Remove a heading near the top that repeats the title: the title is stored on its own.

    It may follow a kicker or a date line ("Moldau", "24 листопада 2022"); those stay.
    """
    for block in list(body)[:_TITLE_HEADING_WITHIN]:
        if block.tag in {"h1", "h2", "h3"} and _fold(block.text_content()) == _fold(title):
            block.drop_tree()
            return


def _page_language(root: lxml.html.HtmlElement | None) -> str | None:
    """The primary language subtag the page declares (``<html lang>``, content-language)."""
    if root is None:
        return None
    candidates = [root.get("lang"), root.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += root.xpath(
        "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')"
        "='content-language']/@content"
    )
    candidates += root.xpath("//meta[@property='og:locale']/@content")
    candidates += root.xpath(
        "//meta[translate(@name,'DCLANGUAGE','dclanguage')='dc.language']/@content"
    )
    return next(filter(None, map(primary_language, candidates)), None)


def _prose_words(body: lxml.html.HtmlElement) -> int:
    """Words of text outside links: what is left when a page is only menus is a few."""
    link_words = sum(len(a.text_content().split()) for a in body.iter("a"))
    return len(body.text_content().split()) - link_words


def _first_line(body: lxml.html.HtmlElement) -> str:
    """A title for a page without one: the start of the body's first line of text."""
    lines = body.text_content().strip().splitlines()
    return " ".join(lines[0].split())[:200] if lines else ""
