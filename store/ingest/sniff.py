"""Which input format a file is, and the parser for each format.

The extension decides when it is unambiguous; ``.xml``, ``.json``, ``.txt`` and files
without an extension are decided by their first bytes.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import PurePath

from store.ingest import tabular
from store.ingest.decoding import decode_text
from store.ingest.feeds import read_feed
from store.ingest.html_page import parse_html_page
from store.ingest.markdown_file import parse_markdown_file
from store.ingest.page_text import parse_page_text
from store.parsed import ParsedRelease, UnreadableFile

Parser = Callable[[bytes, str], tuple[list[ParsedRelease], list[str]]]

_BY_EXTENSION = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
# Extensions whose content decides; a text dump is the fallback only for plain-text names.
_SNIFFED = {".xml", ".json", ".txt", ".text", ""}
_HEAD_BYTES = 8192
# What may precede the first element: XML declaration, comments, doctype, whitespace.
_PROLOG = re.compile(r"\A(?:\s+|<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)
_FEED_ROOT = re.compile(r"<(?:rss|feed|(?:\w+:)?RDF)\b")
# A page, or a fragment of one saved as text: what a text dump never starts with.
_HTML_START = re.compile(
    r"<!DOCTYPE\s+html|<(?:html|head|body|meta|title|div|p|article|main|section|table)\b",
    re.IGNORECASE,
)


def detect_format(data: bytes, filename: str) -> str | None:
    """One of "page-text", "html", "feed", "markdown", "json", "jsonl", "csv", or None.

    None means the file is not a format we import (an image, a PDF, an XML file that is not
    a feed). Whether the file is readable is the parser's question, not this one's. ``data``
    may be the head of a big file (whole lines of it): nothing here reads further.
    """
    suffix = PurePath(filename).suffix.lower()
    if suffix in _BY_EXTENSION:
        return _BY_EXTENSION[suffix]
    if suffix not in _SNIFFED:
        return None
    if suffix == ".json":
        return "jsonl" if _is_json_lines(data) else "json"
    markup = _markup_format(_head_text(data))
    if suffix == ".xml":
        return markup
    return markup or "page-text"


def _head_text(data: bytes) -> str:
    """The start of the file as text, enough to recognise it (errors replaced, BOM dropped)."""
    head = data[:_HEAD_BYTES]
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    return head.removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")


def _markup_format(head: str) -> str | None:
    """ "feed" or "html" when the text starts with a feed's or a web page's markup."""
    rest = head[_PROLOG.match(head).end() :]
    if _FEED_ROOT.match(rest):
        return "feed"
    if _HTML_START.match(rest) or _HTML_START.match(head.lstrip()):
        return "html"
    return None


def _is_json_lines(data: bytes) -> bool:
    """Whether a .json file is JSON Lines: not one JSON document, but one object per line."""
    try:
        json.loads(decode_text(data, "file"))
    except json.JSONDecodeError as error:
        return error.msg == "Extra data" and data.lstrip().startswith(b"{")
    except (UnreadableFile, RecursionError):  # Binary, empty, too deep: the parser says so.
        return False
    return False


def _page_text(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
    """A page saved as its visible text."""
    return [parse_page_text(decode_text(data, filename), filename)], []


def _whole_file(parse: Callable[[bytes, str], list[ParsedRelease]]) -> Parser:
    """A parser that fails as a whole, with no per-record problems to report."""

    def parser(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
        return parse(data, filename), []

    parser.__doc__ = parse.__doc__
    return parser


def _refusing_deep_nesting(parse: Parser) -> Parser:
    """A parser that refuses, in one sentence, a file nested deeper than Python can recurse.

    JSON arrays or markup nested 100,000 deep make json, markdownify (BeautifulSoup) and
    Python-Markdown recurse until RecursionError; that is a bad file, not a bug.
    """

    def parser(data: bytes, filename: str) -> tuple[list[ParsedRelease], list[str]]:
        try:
            return parse(data, filename)
        except RecursionError:
            raise UnreadableFile("it is nested too deeply to be a release") from None

    parser.__doc__ = parse.__doc__
    return parser


PARSERS: dict[str, Parser] = {
    kind: _refusing_deep_nesting(parse)
    for kind, parse in {
        "page-text": _page_text,
        "html": _whole_file(parse_html_page),
        "feed": read_feed,
        "markdown": _whole_file(parse_markdown_file),
        "json": tabular.parse_json,
        "jsonl": tabular.parse_jsonl,
        "csv": tabular.parse_csv,
    }.items()
}
