"""Publication dates in any common form and language, as ISO ``YYYY-MM-DD``.

A release's date is only ever what its text says: relative phrases ("today", "2 hours ago"),
bare months ("May 2021") and text that merely contains a date somewhere are not dates.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from functools import lru_cache

import dateparser

# ISO 8601 date, optionally followed by a time ("2022-11-25", "2022-11-25T10:00:00Z").
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?)?")
# Numeric date with the year last ("05-10-2023", "05/10/2023", "5.10.2023").
_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
# RFC 822 dates as feeds write them: "Wed, 03 Aug 2022 19:49:23 +0000".
_RFC822 = re.compile(r"(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}.*")
# Written dates name a year; text without one is not worth dateparser's time.
_HAS_YEAR = re.compile(r"(?<!\d)(1[89]|2[01])\d{2}(?!\d)")
# Longer than this, or with more words, a line is a sentence that mentions a date.
_MAX_LENGTH = 80
_MAX_WORDS = 8
# Punctuation a dateline often carries around the date itself.
_EDGE_PUNCTUATION = " \t\n()[],.;:–—-|"

_DATEPARSER_SETTINGS = {
    # "absolute-time" only: no "today", "in 2 days", bare timestamps or "20221125".
    "PARSERS": ["absolute-time"],
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "DMY",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
}


def parse_date(text: str, languages: list[str] | None = None) -> str | None:
    """Return the date that ``text`` states, as ``YYYY-MM-DD``, or None if it states none.

    ``languages`` (ISO 639-1 codes) narrows and speeds up month-name matching; without it
    every language dateparser knows is tried. Ambiguous numeric dates are read day first
    ("05-10-2023" is 5 October), unless only the month-first reading is a valid date.

    >>> parse_date("25 novembre 2022"), parse_date("Wed, 03 Aug 2022 19:49:23 +0000")
    ('2022-11-25', '2022-08-03')
    """
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    if not text or len(text) > _MAX_LENGTH or text.count(" ") >= _MAX_WORDS:
        return None
    return _parse_clean(text, tuple(languages) if languages else None)


@lru_cache(maxsize=4096)
def _parse_clean(text: str, languages: tuple[str, ...] | None) -> str | None:
    """Strict fast forms first, then dateparser; cached because pages repeat their dates."""
    if match := _ISO.fullmatch(text):
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    if match := _NUMERIC.fullmatch(text):
        return _numeric(int(match[1]), int(match[3]), int(match[4]))
    if _RFC822.fullmatch(text):
        try:
            # The date as the publisher wrote it, in the publisher's own time zone.
            return email.utils.parsedate_to_datetime(text).date().isoformat()
        except (TypeError, ValueError):
            pass
    if not _HAS_YEAR.search(text):
        return None
    parsed = dateparser.parse(
        text, languages=list(languages) if languages else None, settings=_DATEPARSER_SETTINGS
    )
    return parsed.date().isoformat() if parsed else None


def _numeric(first: int, second: int, year: int) -> str | None:
    """Day first, as most of the world writes it; month first only when day first is impossible."""
    if first > 12 or second <= 12:
        return _iso(year, second, first)
    return _iso(year, first, second)


def _iso(year: int, month: int, day: int) -> str | None:
    """The ISO form of a real calendar date, or None (e.g. 31 February)."""
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
