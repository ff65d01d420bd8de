"""The value every input format parses into, and the error a parser raises for a bad file."""

from __future__ import annotations

from dataclasses import dataclass


class UnreadableFile(Exception):
    """A file that cannot be imported; the message is one sentence saying why.

    Example: ``raise UnreadableFile("not valid UTF-8 or any known encoding")``.
    """


@dataclass(frozen=True)
class ParsedRelease:
    """One release as a parser found it, before it meets the store.

    ``body_markdown`` is sanitised Markdown (no raw HTML survives into it); ``date`` is an ISO
    ``YYYY-MM-DD`` string or ``None`` when the source states none (never invented);
    ``identity`` is the record's own guid or id when it has one; ``raw`` is the original
    text of this record (a feed item, a page) kept so it can be cleaned again later.

    ``issuer`` is the issuing organisation as the input names it (a feed's channel title or
    publisher, a page's site name or JSON-LD publisher, an issuer column), resolved to one of
    the store's issuers when saved; ``speaker`` is the person or office the release names
    (a byline, ``dc:creator``, "Statement by …"). ``found_in_text`` names the fields among
    ``date``, ``issuer``, ``speaker`` and ``language`` that the parser read from the text
    (a dateline, a title) rather than from the input's own metadata.

    The input's own word on the release's other language versions: ``translation_group``,
    a key the versions of one statement share; ``translation_of``, the id of the record it
    is a version of; ``alternates``, the addresses of its versions in other languages (a
    page's or a feed item's ``<link rel="alternate" hreflang=…>``). Saving makes them one
    statement group (store.statement_keys).
    """

    title: str
    body_markdown: str
    date: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None
    identity: str | None = None
    raw: str = ""
    raw_format: str = ""
    issuer: str | None = None
    speaker: str | None = None
    found_in_text: frozenset[str] = frozenset()
    translation_group: str | None = None
    translation_of: str | None = None
    alternates: tuple[str, ...] = ()
