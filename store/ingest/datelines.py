"""A release's date where its text states it: in the title, on a dateline, never guessed.

A page that carries no date in its metadata often writes it in one of a few places: ending
the title ("Talks in Rome (25 November 2022)"), on a short line by the title ("Publié le 3
mars 2023", "Brussels, 09.01.2023"), opening the body ("Madrid, 25 de noviembre de 2022. El
…") or closing it ("December 6, 2021, Minsk"). Each place is one piece of evidence; a date
after "updated", "last modified" and the like is a revision's, not the release's, and a date
inside a sentence is what the release talks about.

>>> release_date("Talks in Rome (25 November 2022)", [], [], ["Today the ministers met."])
'2022-11-25'
"""

from __future__ import annotations

import re
from collections import Counter

from store.ingest.dates import parse_date

# Dates a release states: numeric (read by parse_date, day first) or with a month's name.
NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{4}-\d{2}-\d{2}|\d{1,2}([-/.])\d{1,2}\2\d{4})(?!\d)")
WRITTEN_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th|er|º|°|\.)?\s+(?:de\s+)?[^\W\d_]{3,}\.?,?\s+(?:de\s+|del\s+)?\d{4}\b"
    r"|\b[^\W\d_]{3,}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b"
)
# Dates of a revision are not the release's date.
UPDATED = re.compile(
    r"updated|modified|aggiornat|mis à jour|modifié|aktualisiert|geändert|actualizad|modificad",
    re.IGNORECASE,
)
# A body may open on a dateline: a place of a few words, then the date ("Rome, 25 … 2022 –").
_DATELINE_PLACE_WORDS = 3
# A line stating a date says little else ("Publié le 3 mars 2023", "New York, 6 February 2023").
_DATELINE_MAX_OTHER_WORDS = 6
# What may precede a date that ends a title: "Title (25 November 2022)", "Title – 25.11.2022".
_TITLE_DATE_LEAD = "(–—-|,"
# A closing dateline is among the body's last lines ("New Delhi" / "May 15, 2020").
_CLOSING_LINES = 3


def release_date(
    title: str | None, between: list[str], above: list[str], body: list[str]
) -> str | None:
    """The date the text gives the release, or None when it gives none or cannot be trusted.

    ``between`` are the lines from the title to the body, ``above`` the few lines before the
    title (nearest first), ``body`` the release's paragraphs. The places are ranked: title,
    lines after it, lines above it, the body's opening, the body's close. One date named
    there is the date; of differing dates, the one more places name wins, and on a tie the
    date of the best-ranked place that names only one date; else None (three dates with
    nothing to choose between them are no date).
    """
    places = [
        {date} if title and (date := date_ending_title(title)) else set(),
        _dateline_dates(between),
        _dateline_dates(above),
        {date} if body and (date := opening_date(body[0])) else set(),
        _dateline_dates(body[-_CLOSING_LINES:]) if body else set(),
    ]
    support = Counter(date for dates in places for date in dates)
    if not support:
        return None
    ranked = support.most_common()
    best = [date for date, count in ranked if count == ranked[0][1]]
    if len(best) == 1:
        return best[0]
    return next(
        (next(iter(dates)) for dates in places if len(dates) == 1 and dates <= set(best)), None
    )


def _dateline_dates(lines: list[str]) -> set[str]:
    """The dates stated by short lines that are not about a revision."""
    return {
        date for line in lines if line and not UPDATED.search(line) and (date := dateline(line))
    }


def date_matches(line: str) -> list[re.Match[str]]:
    """Everything in a line written like a date, leftmost first."""
    matches = [*NUMERIC_DATE.finditer(line), *WRITTEN_DATE.finditer(line)]
    return sorted(matches, key=lambda match: match.start())


def date_ending_title(title: str) -> str | None:
    """A date closing a title, set off by a bracket or dash: "Talks (25 November 2022)"."""
    for match in date_matches(title):
        before = title[: match.start()].rstrip()
        after = title[match.end() :].strip(" )].")
        if not after and before[-1:] in _TITLE_DATE_LEAD and (date := parse_date(match[0])):
            return date
    return None


def dateline(line: str) -> str | None:
    """The date a short line states ("Publié le 3 mars 2023"); None in a longer sentence."""
    for match in date_matches(line):
        rest = line[: match.start()] + " " + line[match.end() :]
        if _word_count(rest) <= _DATELINE_MAX_OTHER_WORDS and (date := parse_date(match[0])):
            return date
    return None


def opening_date(paragraph: str) -> str | None:
    """The date of a dateline opening the body ("Madrid, 25 de noviembre de 2022. El …")."""
    matches = date_matches(paragraph)
    if not matches or _word_count(paragraph[: matches[0].start()]) > _DATELINE_PLACE_WORDS:
        return None
    return parse_date(matches[0][0])


def _word_count(line: str) -> int:
    """Words with at least one letter or digit ("–" and "|" are not words)."""
    return sum(1 for token in line.split() if any(ch.isalnum() for ch in token))
