"""CSV: one row per excerpt, for Excel, LibreOffice and scripts.

UTF-8 with a byte-order mark (without it Excel on Windows reads UTF-8 as a legacy code
page and garbles every accent). Columns, in this order and under these stable names:

``highlight_id, release_id, tags, quote, note, prefix, suffix, start, end, release_title,
date, source, url, created_at, updated_at, issuer, speaker, language, countries, coder``

``issuer`` is the issuing organisation's name, ``speaker`` the person or office the release
names, ``language`` its BCP 47 primary subtag, ``countries`` the ISO 3166-1 alpha-2 codes of
the countries it names joined with ``" "``; the four were added after the others, at the
end, so that scripts reading columns by position keep working. ``coder`` (the analyst who
made the highlight; empty for those made before coders were recorded) came after them.

``tags`` joins the excerpt's tag names with ``"; "``. ``start``/``end`` are code-point
offsets in the release's canonical text. Line breaks inside a quote are kept (the cell is
quoted).

Formula injection: a spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@``
as a formula (and tab or carriage return can smuggle one in). Release text comes from the
web, so every such cell gets a leading apostrophe, which spreadsheets read as "this is
text". A script reading the file should strip one leading ``'`` from such cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import WRITE_BUFFER, Ticker

COLUMNS = (
    "highlight_id",
    "release_id",
    "tags",
    "quote",
    "note",
    "prefix",
    "suffix",
    "start",
    "end",
    "release_title",
    "date",
    "source",
    "url",
    "created_at",
    "updated_at",
    "issuer",
    "speaker",
    "language",
    "countries",
    "coder",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str | None) -> str:
    """A cell that no spreadsheet will run as a formula.

    >>> neutralise("=cmd|' /C calc'!A0"), neutralise("-2+3"), neutralise("Rome")
    ("'=cmd|' /C calc'!A0", "'-2+3", 'Rome')
    """
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def excerpt_row(excerpt: Excerpt) -> list[object]:
    """The CSV row of an excerpt, in COLUMNS order, guarded against formulas."""
    guard = neutralise
    return [
        excerpt.highlight_id,
        excerpt.release_id,
        guard("; ".join(tag.name for tag in excerpt.tags)),
        guard(excerpt.quote),
        guard(excerpt.note),
        guard(excerpt.prefix),
        guard(excerpt.suffix),
        excerpt.start,
        excerpt.end,
        guard(excerpt.release_title),
        guard(excerpt.date),
        guard(excerpt.source),
        guard(excerpt.url),
        excerpt.created_at,
        excerpt.updated_at,
        guard(excerpt.issuer),
        guard(excerpt.speaker),
        excerpt.language or "",
        " ".join(excerpt.countries),
        guard(excerpt.coder),
    ]


def write_csv(store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker) -> int:
    """Write the excerpts as CSV; returns how many were written."""
    with out.open("w", WRITE_BUFFER, "utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for excerpt in excerpts:
            writer.writerow(excerpt_row(excerpt))
            ticker.step()
    return ticker.done
