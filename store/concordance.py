"""The concordance of a phrase: every occurrence in the filtered releases, one line each, with
the words around it, its release's issuer and date, and the topics of the highlights that
already cover it.

The search index finds the releases that hold the phrase (in their text, not only their
title); :func:`store.phrases.occurrences` finds each occurrence in a release's text. Lines in
date or issuer order are read release by release in that order, so that a first page needs
only the texts of its first releases; an order by the words around the match reads them all.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from store.db import Store
from store.phrases import Phrase, folded_words, occurrences
from store.releases import ReleaseFilter, release_filter_sql

SortKey = Literal["left", "left2", "left3", "right", "right2", "right3", "date", "issuer"]
SORTS: tuple[str, ...] = ("left", "left2", "left3", "right", "right2", "right3", "date", "issuer")
CONTEXT_CHARS = 60  # of context either side of the match on a line
_SORT_WORDS = 3  # an order by the words around reads this many words each side
_TEXTS_AT_ONCE = 64  # releases whose texts are read in one query
Stop = Callable[[], bool]
EVERY_RELEASE = ReleaseFilter()
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ConcordanceLine:
    """One occurrence: ``text[start:end]`` of the release is ``match`` (code points)."""

    release_id: int
    start: int
    end: int
    left: str
    match: str
    right: str
    issuer: str | None
    date: str | None
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concordance:
    """A page of lines; ``total`` counts every occurrence (None when not counted)."""

    phrase: str
    total: int | None
    lines: list[ConcordanceLine]


class Stopped(Exception):
    """The caller no longer wants the answer (the analyst typed another phrase)."""


@dataclass(frozen=True)
class _Release:
    id: int
    date: str | None
    issuer: str | None


def concordance(
    store: Store,
    phrase: Phrase,
    flt: ReleaseFilter = EVERY_RELEASE,
    sort: SortKey = "date",
    descending: bool = False,
    offset: int = 0,
    limit: int = 100,
    count: bool = True,
    stop: Stop | None = None,
) -> Concordance:
    """The lines ``offset`` to ``offset + limit`` in the asked order, and with ``count`` the
    number of every occurrence. Without ``count`` a date or issuer order reads only the
    releases up to the page's last line. ``stop`` is asked now and then; when it says yes,
    :class:`Stopped` is raised."""
    if sort not in SORTS:
        raise ValueError(f"unknown concordance order {sort!r}")
    releases = _releases_holding(store, phrase, flt, sort, descending)
    if sort in ("date", "issuer"):
        page, seen = [], 0
        for found in _occurrences_in_order(store, phrase, releases, stop):
            if offset <= seen < offset + limit:
                page.append(found)
            seen += 1
            if not count and seen >= offset + limit:
                break
        total = seen if count else None
    else:
        keyed = sorted(
            _keyed_occurrences(store, phrase, releases, sort, stop),
            key=lambda item: item[0],
            reverse=descending,
        )
        total = len(keyed)
        page = [item[1] for item in keyed[offset : offset + limit]]
    return Concordance(phrase.text, total, _lines(store, page))


def count_occurrences(
    store: Store, phrase: Phrase, flt: ReleaseFilter = EVERY_RELEASE, stop: Stop | None = None
) -> int:
    """How many times the phrase occurs in the filtered releases' texts."""
    releases = _releases_holding(store, phrase, flt, "date", False)
    return _count(_occurrences_in_order(store, phrase, releases, stop))


def occurrence_places(
    store: Store, phrase: Phrase, flt: ReleaseFilter = EVERY_RELEASE, stop: Stop | None = None
) -> list[tuple[int, int, int]]:
    """Every occurrence in the filtered releases as (release id, start, end)."""
    releases = _releases_holding(store, phrase, flt, "date", False)
    return [
        (r.id, start, end) for r, start, end in _occurrences_in_order(store, phrase, releases, stop)
    ]


def lines_at(store: Store, places: list[tuple[int, int, int]]) -> list[ConcordanceLine]:
    """The lines of given occurrences (release id, start, end), in the order given."""
    known = {row[0]: _Release(*row) for row in _release_rows(store, {p[0] for p in places})}
    return _lines(store, [(known[p[0]], p[1], p[2]) for p in places if p[0] in known])


def _count(found: Iterator[object]) -> int:
    return sum(1 for _ in found)


def _releases_holding(
    store: Store, phrase: Phrase, flt: ReleaseFilter, sort: str, descending: bool
) -> list[_Release]:
    """The filtered releases whose text holds the phrase as the index reads it, in order."""
    searched = dataclasses.replace(flt, query="text : " + phrase.fts_query, as_you_type=False)
    joins, where, params = release_filter_sql(searched)
    direction = "DESC" if descending else "ASC"
    if sort == "issuer":
        order = f"i.name IS NULL, i.name COLLATE NOCASE {direction}, r.date, r.id"
    else:
        order = f"r.date IS NULL, r.date {direction}, r.id {direction}"
    sql = (
        f"SELECT r.id, r.date, i.name FROM releases r {joins} "
        f"LEFT JOIN issuers i ON i.id = r.issuer_id {where} ORDER BY {order}"
    )
    return [_Release(*row) for row in store.conn.execute(sql, params)]


def _texts(store: Store, releases: list[_Release], stop: Stop | None) -> Iterator[tuple]:
    """Each release with its text, read a few dozen at a time."""
    for first in range(0, len(releases), _TEXTS_AT_ONCE):
        if stop is not None and stop():
            raise Stopped
        batch = releases[first : first + _TEXTS_AT_ONCE]
        marks = ", ".join("?" * len(batch))
        texts = dict(
            store.conn.execute(
                f"SELECT id, text FROM releases WHERE id IN ({marks})", [r.id for r in batch]
            )
        )
        for release in batch:
            yield release, texts.get(release.id) or ""


def _occurrences_in_order(
    store: Store, phrase: Phrase, releases: list[_Release], stop: Stop | None
) -> Iterator[tuple[_Release, int, int]]:
    for release, text in _texts(store, releases, stop):
        for found in occurrences(text, phrase):
            yield release, found.start, found.end


def _keyed_occurrences(
    store: Store, phrase: Phrase, releases: list[_Release], sort: str, stop: Stop | None
) -> Iterator[tuple[tuple, tuple[_Release, int, int]]]:
    """Each occurrence with its sort key: the words from the n-th to the left (or right) on,
    folded as the index folds them, then the date and place as tie-breaks."""
    skip = int(sort[-1]) - 1 if sort[-1].isdigit() else 0
    left = sort.startswith("left")
    reach = CONTEXT_CHARS * 4
    for release, text in _texts(store, releases, stop):
        for found in occurrences(text, phrase):
            if left:
                words = folded_words(text[max(0, found.start - reach) : found.start])[::-1]
            else:
                words = folded_words(text[found.end : found.end + reach])
            key = tuple(words[skip : skip + _SORT_WORDS])
            place = (release.date or "", release.id, found.start)
            yield (key, place), (release, found.start, found.end)


def _lines(store: Store, page: list[tuple[_Release, int, int]]) -> list[ConcordanceLine]:
    ids = list(dict.fromkeys(release.id for release, _, _ in page))
    texts: dict[int, str] = {}
    covering: dict[int, list[tuple[int, int, str]]] = {}
    for first in range(0, len(ids), _TEXTS_AT_ONCE):
        batch = ids[first : first + _TEXTS_AT_ONCE]
        marks = ", ".join("?" * len(batch))
        texts.update(
            store.conn.execute(f"SELECT id, text FROM releases WHERE id IN ({marks})", batch)
        )
        rows = store.conn.execute(
            f"""SELECT h.release_id, h.start, h."end", t.name FROM highlights h
                JOIN highlight_tags ht ON ht.highlight_id = h.id
                JOIN tags t ON t.id = ht.tag_id
                WHERE h.release_id IN ({marks}) AND h.orphaned = 0""",
            batch,
        )
        for release_id, start, end, name in rows:
            covering.setdefault(release_id, []).append((start, end, name))
    lines = []
    for release, start, end in page:
        text = texts.get(release.id, "")
        topics = {
            name
            for h_start, h_end, name in covering.get(release.id, ())
            if h_start <= start and h_end >= end
        }
        lines.append(
            ConcordanceLine(
                release.id,
                start,
                end,
                _one_line(text[max(0, start - CONTEXT_CHARS) : start]),
                text[start:end],
                _one_line(text[end : end + CONTEXT_CHARS]),
                release.issuer,
                release.date,
                tuple(sorted(topics, key=str.lower)),
            )
        )
    return lines


def _release_rows(store: Store, ids: set[int]) -> list[tuple]:
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.conn.execute(
        f"SELECT r.id, r.date, i.name FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id "
        f"WHERE r.id IN ({marks})",
        list(ids),
    ).fetchall()


def _one_line(context: str) -> str:
    """Context on one line: line breaks and runs of white space as one space."""
    return _SPACE.sub(" ", context)
