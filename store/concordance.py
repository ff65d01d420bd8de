"""The concordance of a phrase: every occurrence in the filtered releases, one line each, with
the words around it, its release's issuer and date, and the topics of the highlights that
already cover it.

The search index finds the releases that hold the phrase (in their text, not only their
title) and counts every occurrence from its word positions, the matcher counting a stemmed
phrase (:mod:`store.phrase_counts`);
:func:`store.phrases.occurrences` finds each occurrence in a release's text. Lines in
date or issuer order are read release by release in that order, so that a first page needs
only the texts of its first releases; an order by the words around the match reads them all.
"""

from __future__ import annotations

import dataclasses
import heapq
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Literal

from store.db import Store
from store.phrase_counts import CountStopped, counted
from store.phrases import Phrase, folded_words, occurrences
from store.releases import ReleaseFilter, release_filter_sql
from store.stemming import languages_stemmed

SortKey = Literal["left", "left2", "left3", "right", "right2", "right3", "date", "issuer"]
SORTS: tuple[str, ...] = ("left", "left2", "left3", "right", "right2", "right3", "date", "issuer")
CONTEXT_CHARS = 60  # of context either side of the match on a line
_SORT_WORDS = 3  # an order by the words around reads this many words each side
_TEXTS_AT_ONCE = 64  # releases whose texts are read in one query
_WALK_SHARE = 50  # walk an order's index when one release in this many holds the phrase
_WALKED_AT_ONCE = 2_000
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
    issuer: str | None = None


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
    phrase = for_store(store, phrase)
    ids = _ids_holding(store, phrase, flt)
    if sort in ("date", "issuer"):
        releases = _in_order(store, ids, sort, descending)
        found = _occurrences_in(store, phrase, releases, stop)
        page = list(islice(found, offset, offset + limit))
    else:
        # Only the lines up to the page's end are kept: a word found a million times is
        # ordered without holding a million lines.
        keyed = _keyed_occurrences(store, phrase, ids, sort, stop)
        pick = heapq.nlargest if descending else heapq.nsmallest
        kept = pick(offset + limit, keyed, key=lambda item: item[0])
        page = [item[1] for item in kept[offset : offset + limit]]
    total = count_occurrences(store, phrase, flt, stop) if count else None
    return Concordance(phrase.text, total, _lines(store, page))


def count_occurrences(
    store: Store, phrase: Phrase, flt: ReleaseFilter = EVERY_RELEASE, stop: Stop | None = None
) -> int:
    """How many times the phrase occurs in the filtered releases' texts, counted from the
    search index's word positions, or by the matcher for a stemmed phrase (the occurrences
    the lines show: store.phrase_counts)."""
    phrase = for_store(store, phrase)
    try:
        with counted(store, phrase, stop, flt) as hits:
            if flt == EVERY_RELEASE:
                sql, params = f"SELECT sum(occurrences) FROM {hits}", []
            else:
                joins, where, params = release_filter_sql(dataclasses.replace(flt, query=""))
                sql = (
                    f"SELECT sum(h.occurrences) FROM {hits} h CROSS JOIN releases r "
                    f"ON r.id = h.release_id {joins} {where}"
                )
            return store.conn.execute(sql, params).fetchone()[0] or 0
    except CountStopped as stopped:
        raise Stopped from stopped


def occurrence_places(
    store: Store, phrase: Phrase, flt: ReleaseFilter = EVERY_RELEASE, stop: Stop | None = None
) -> list[tuple[int, int, int]]:
    """Every occurrence in the filtered releases as (release id, start, end)."""
    phrase = for_store(store, phrase)
    releases = [_Release(i, None) for i in sorted(_ids_holding(store, phrase, flt))]
    return [(r.id, start, end) for r, start, end in _occurrences_in(store, phrase, releases, stop)]


def for_store(store: Store, phrase: Phrase) -> Phrase:
    """The phrase as the store's index is asked for it: a stemmed one by the stems of the
    languages its releases are in."""
    return phrase.stemmed_in(languages_stemmed(store.conn)) if phrase.stems else phrase


def _ids_holding(store: Store, phrase: Phrase, flt: ReleaseFilter) -> set[int]:
    """The filtered releases whose text holds the phrase as the index reads it."""
    query = "text : " + phrase.fts_query
    if flt == EVERY_RELEASE:  # read from the index alone, no release looked up
        sql, params = "SELECT rowid FROM releases_fts WHERE releases_fts MATCH ?", [query]
    else:
        searched = dataclasses.replace(flt, query=query, as_you_type=False)
        joins, where, params = release_filter_sql(searched)
        sql = f"SELECT r.id FROM releases r {joins} {where}"
    return {row[0] for row in store.conn.execute(sql, params)}


def _in_order(store: Store, ids: set[int], sort: str, descending: bool) -> Iterator[_Release]:
    """The releases in date or issuer order. Many are found by walking the order's index
    and keeping those among them (a first page needs few); a few are looked up and sorted."""
    total = store.conn.execute("SELECT value FROM store_counts WHERE name = 'releases'")
    if len(ids) * _WALK_SHARE < (total.fetchone() or (0,))[0]:
        yield from _sorted(store, ids, sort, descending)
        return
    direction = "DESC" if descending else "ASC"
    if sort == "date":
        segments = [
            (f"SELECT id, date FROM releases WHERE date IS NOT NULL "
             f"ORDER BY date {direction}, id {direction}", (), None),
            ("SELECT id, date FROM releases WHERE date IS NULL ORDER BY id", (), None),
        ]  # fmt: skip
    else:
        issuers = store.conn.execute(
            f"SELECT id, name FROM issuers ORDER BY name COLLATE NOCASE {direction}"
        ).fetchall()
        by_issuer = "SELECT id, date FROM releases WHERE issuer_id = ? ORDER BY date DESC, id"
        segments = [(by_issuer, (issuer_id,), name) for issuer_id, name in issuers]
        segments.append(
            ("SELECT id, date FROM releases WHERE issuer_id IS NULL ORDER BY date DESC, id", (),
             None)
        )  # fmt: skip
    for sql, params, issuer in segments:
        cursor = store.conn.execute(sql, params)
        while rows := cursor.fetchmany(_WALKED_AT_ONCE):
            for release_id, date in rows:
                if release_id in ids:
                    yield _Release(release_id, date, issuer)


def _sorted(store: Store, ids: set[int], sort: str, descending: bool) -> list[_Release]:
    rows = []
    ordered = sorted(ids)
    for first in range(0, len(ordered), _TEXTS_AT_ONCE * 8):
        batch = ordered[first : first + _TEXTS_AT_ONCE * 8]
        rows += _release_rows(store, batch)
    releases = [_Release(*row) for row in rows]
    if sort == "date":
        dated = sorted((r for r in releases if r.date), key=lambda r: (r.date, r.id),
                       reverse=descending)  # fmt: skip
        return dated + sorted((r for r in releases if not r.date), key=lambda r: r.id)
    named = sorted((r for r in releases if r.issuer), key=lambda r: r.id)
    named.sort(key=lambda r: r.date or "", reverse=True)
    named.sort(key=lambda r: r.issuer.lower(), reverse=descending)
    unnamed = sorted((r for r in releases if not r.issuer), key=lambda r: r.id)
    unnamed.sort(key=lambda r: r.date or "", reverse=True)
    return named + unnamed


def _texts(
    store: Store, releases: Iterable[_Release], stop: Stop | None
) -> Iterator[tuple[_Release, str, str | None]]:
    """Each release with its text and language, read a few dozen at a time."""
    batches = iter(releases)
    while batch := list(islice(batches, _TEXTS_AT_ONCE)):
        if stop is not None and stop():
            raise Stopped
        marks = ", ".join("?" * len(batch))
        texts = {
            release_id: (text, language)
            for release_id, text, language in store.conn.execute(
                f"SELECT id, text, language FROM releases WHERE id IN ({marks})",
                [r.id for r in batch],
            )
        }
        for release in batch:
            text, language = texts.get(release.id, ("", None))
            yield release, text or "", language


def _occurrences_in(
    store: Store, phrase: Phrase, releases: Iterable[_Release], stop: Stop | None
) -> Iterator[tuple[_Release, int, int]]:
    for release, text, language in _texts(store, releases, stop):
        for found in occurrences(text, phrase, language):
            yield release, found.start, found.end


def _keyed_occurrences(
    store: Store, phrase: Phrase, ids: set[int], sort: str, stop: Stop | None
) -> Iterator[tuple[tuple, tuple[_Release, int, int]]]:
    """Each occurrence with its sort key: the words from the n-th to the left (or right) on,
    folded as the index folds them, then the release and place as tie-breaks."""
    skip = int(sort[-1]) - 1 if sort[-1].isdigit() else 0
    left = sort.startswith("left")
    reach = CONTEXT_CHARS * 4
    releases = [_Release(i, None) for i in sorted(ids)]
    for release, text, language in _texts(store, releases, stop):
        for found in occurrences(text, phrase, language):
            if left:
                words = folded_words(text[max(0, found.start - reach) : found.start])[::-1]
            else:
                words = folded_words(text[found.end : found.end + reach])
            key = tuple(words[skip : skip + _SORT_WORDS])
            yield (key, release.id, found.start), (release, found.start, found.end)


def _lines(store: Store, page: list[tuple[_Release, int, int]]) -> list[ConcordanceLine]:
    ids = list(dict.fromkeys(release.id for release, _, _ in page))
    known = {row[0]: _Release(*row) for row in _release_rows(store, ids)}
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
    for walked, start, end in page:
        release = known.get(walked.id, walked)
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


def _release_rows(store: Store, ids: Iterable[int]) -> list[tuple]:
    ids = list(ids)
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    return store.conn.execute(
        f"SELECT r.id, r.date, i.name FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id "
        f"WHERE r.id IN ({marks})",
        ids,
    ).fetchall()


def _one_line(context: str) -> str:
    """Context on one line: line breaks and runs of white space as one space."""
    return _SPACE.sub(" ", context)
