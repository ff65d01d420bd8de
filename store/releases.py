"""Releases as the analyst reads them: the values the window shows, and the queries behind the
release list (filters, counts, pages in any order, full-text search, sources).

Saving a release is ``store.release_saving``'s.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from dataclasses import dataclass
from typing import Literal

from store.attribution import attribution_conditions
from store.db import Store
from store.paging import matches_to_walk, walk_in_order


@dataclass(frozen=True)
class ReleaseSummary:
    """What the release list shows of a release."""

    id: int
    title: str
    date: str | None
    source: str | None
    url: str | None
    language: str | None
    highlight_count: int
    issuer: str | None = None  # the issuer's name
    speaker: str | None = None
    countries: tuple[str, ...] = ()  # ISO 3166-1 alpha-2 codes of the countries it names
    unread: bool = False  # a subscription brought it and the analyst has not read it yet


@dataclass(frozen=True)
class Release(ReleaseSummary):
    """A whole release: metadata, Markdown body and canonical text."""

    body_markdown: str = ""
    text: str = ""
    content_hash: str = ""
    origin_file: str | None = None
    imported_at: str = ""
    updated_at: str = ""
    issuer_id: int | None = None


@dataclass(frozen=True)
class ReleaseVersion:
    """An earlier text of a release, kept when a revised version replaced it."""

    id: int
    release_id: int
    title: str
    date: str | None
    text: str
    origin_file: str | None
    imported_at: str
    replaced_at: str


@dataclass(frozen=True)
class ReleaseFilter:
    """Which releases to list. Empty fields do not filter.

    ``query`` is full-text search in any syntax a user types; ``tag_ids`` keeps releases
    with an anchored highlight carrying any of those tags.
    """

    query: str = ""
    sources: tuple[str, ...] = ()
    issuer_ids: tuple[int, ...] = ()
    speakers: tuple[str, ...] = ()  # any of these words in the speaker's name
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # releases naming any of these countries
    since: str | None = None
    until: str | None = None
    tag_ids: tuple[int, ...] = ()
    has_highlights: bool | None = None
    as_you_type: bool = False  # the last word of the query also matches as a prefix
    unread: bool = False  # only releases still unread (store.unread)

    @property
    def searches(self) -> bool:
        """Whether the query has a word to search for (punctuation alone searches nothing)."""
        return bool(_WORD.search(self.query.replace("\x00", "")))


SortKey = Literal["date", "source", "issuer", "title", "highlights", "relevance"]
# Each order ends with the id, in the direction the sort's index holds it, so that it is
# one order whatever the plan: a search pages through common words and rare words by
# different plans, and ties ordered differently would show a release twice or never.
_ORDER = {
    "date": "r.date {d} NULLS LAST, r.id {d}",
    # "IS NULL" first, as in the index that serves it: no source last in both directions.
    "source": "r.source IS NULL, r.source COLLATE NOCASE {d}, r.date DESC, r.id",
    # Issuers by name, each one's releases newest first (see _page_by_issuer); releases
    # of no issuer come after every issuer's.
    "issuer": "i.name COLLATE NOCASE {d}, r.date DESC, r.id",
    "title": "r.title COLLATE NOCASE {d}, r.id {d}",
    "highlights": "r.highlight_count {d}, r.date DESC, r.id {d}",
    "relevance": "releases_fts.rank, r.date DESC, r.id DESC",
}
_SUMMARY_COLUMNS = (
    "r.id, r.title, r.date, r.source, r.url, r.language, r.highlight_count, "
    "(SELECT name FROM issuers WHERE id = r.issuer_id), r.speaker, "
    "(SELECT group_concat(country, ' ') FROM release_countries WHERE release_id = r.id), "
    "EXISTS (SELECT 1 FROM unread_releases WHERE release_id = r.id)"
)
_SUMMARY_WIDTH = 11
_RELEASE_COLUMNS = (
    _SUMMARY_COLUMNS
    + ", r.body_markdown, r.text, r.content_hash, r.origin_file, r.imported_at, r.updated_at"
    + ", r.issuer_id"
)


def _values(row: tuple) -> tuple:
    """A row of ``_SUMMARY_COLUMNS`` (and more) with its countries as a tuple of codes."""
    countries = tuple(sorted(row[9].split())) if row[9] else ()
    return (*row[:9], countries, bool(row[10]), *row[_SUMMARY_WIDTH:])


def get_release(store: Store, release_id: int) -> Release | None:
    row = store.conn.execute(
        f"SELECT {_RELEASE_COLUMNS} FROM releases r WHERE r.id = ?", (release_id,)
    ).fetchone()
    return Release(*_values(row)) if row else None


def release_versions(store: Store, release_id: int) -> list[ReleaseVersion]:
    """Earlier texts of a release, oldest first."""
    rows = store.conn.execute(
        "SELECT id, release_id, title, date, text, origin_file, imported_at, replaced_at "
        "FROM release_versions WHERE release_id = ? ORDER BY id",
        (release_id,),
    )
    return [ReleaseVersion(*row) for row in rows]


def count_releases(
    store: Store, flt: ReleaseFilter = ReleaseFilter(), up_to: int | None = None
) -> int:
    """How many releases pass the filter, counting no further than ``up_to`` if given.

    A word found in nearly every release matches a million of them: the list says "more
    than 10,000" after counting ten thousand instead of reading every match.
    """
    if flt == ReleaseFilter(as_you_type=flt.as_you_type, query=flt.query) and not flt.searches:
        # No filter at all: the count triggers keep (migration 4).
        total = _release_total(store)
        return total if up_to is None else min(total, up_to)
    if flt.searches and flt == ReleaseFilter(query=flt.query, as_you_type=flt.as_you_type):
        # A search alone is counted in the index: its rows are the releases (triggers keep
        # them in step), and joining every match to its release costs as many look-ups.
        matches = "FROM releases_fts WHERE releases_fts MATCH ?"
        params: list[object] = [None]
    elif flt == ReleaseFilter(tag_ids=flt.tag_ids, as_you_type=flt.as_you_type, query=flt.query):
        # Topics alone are counted in release_tags (migration 5), without reading a
        # highlight or a release.
        marks = _marks(flt.tag_ids)
        sql = f"SELECT count(DISTINCT release_id) FROM release_tags WHERE tag_id IN ({marks})"
        counted = store.conn.execute(sql, flt.tag_ids).fetchone()[0]
        return counted if up_to is None else min(counted, up_to)
    else:
        joins, where, params = _filter_sql(flt)
        matches = f"FROM releases r {joins} {where}"
    if up_to is None:  # counted straight: the subquery costs more on many matches
        return _run(store, f"SELECT count(*) {matches}", params, flt)[0][0]
    sql = f"SELECT count(*) FROM (SELECT 1 {matches} LIMIT ?)"
    return _run(store, sql, [*params, up_to], flt)[0][0]


def _release_total(store: Store) -> int:
    row = store.conn.execute("SELECT value FROM store_counts WHERE name = 'releases'").fetchone()
    return row[0]


def page_of_releases(
    store: Store,
    flt: ReleaseFilter = ReleaseFilter(),
    sort: SortKey = "date",
    descending: bool = True,
    offset: int = 0,
    limit: int = 100,
    after: ReleaseSummary | None = None,
) -> list[ReleaseSummary]:
    """One page of the releases that pass the filter, in the asked order.

    The matches of a search are usually read from the index and sorted. A word found in
    most releases would make that nearly every release to sort for one page, so its pages
    are found by walking the releases in the list's order (an index) and looking each one
    up in the search index until the page is full.

    ``after`` (date order only) is the last release of the previous page: the page starts
    after it, and ``offset`` counts from there, so a walk need not look up again every
    release of the pages before.
    """
    walk_topics = bool(flt.tag_ids) and walk_in_order(
        store.conn,
        f"SELECT DISTINCT release_id FROM release_tags WHERE tag_id IN ({_marks(flt.tag_ids)})",
        list(flt.tag_ids),
        count_releases(store),
        offset,
        limit,
        fetch_cost=_FETCH_COST,
    )
    if sort == "relevance" and not flt.searches:
        sort = "date"
    if after is not None and sort != "date":
        raise ValueError("a page after a given release is only known in date order")
    walk = sort != "relevance" and _found_sooner_by_walking(store, flt, offset + limit)
    order = _ORDER[sort].format(d="DESC" if descending else "ASC")

    if sort == "issuer":
        return _page_by_issuer(store, flt, order, walk_topics, walk, offset, limit)

    def page(position: tuple[str, list[object]] | None, limit: int) -> list[ReleaseSummary]:
        joins, where, params = _filter_sql(flt, walk_topics, look_up_each=walk, position=position)
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM releases r {joins} {where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?"
        )
        rows = _run(store, sql, [*params, limit, offset], flt)
        return [ReleaseSummary(*_values(row)) for row in rows]

    if after is None:
        return page(None, limit)
    than = "<" if descending else ">"
    if after.date is None:
        return page((f"(r.date IS NULL AND r.id {than} ?)", [after.id]), limit)
    dated = (f"(r.date, r.id) {than} (?, ?)", [after.date, after.id])
    if offset:
        return page((f"({dated[0]} OR r.date IS NULL)", dated[1]), limit)
    # The dated releases after it, then the undated ones: each part seeks its place in the
    # date index, where one condition joined by OR read the index from its start.
    rows = page(dated, limit)
    return rows if len(rows) == limit else rows + page(("r.date IS NULL", []), limit - len(rows))


def _page_by_issuer(
    store: Store,
    flt: ReleaseFilter,
    order: str,
    walk_topics: bool,
    walk: bool,
    offset: int,
    limit: int,
) -> list[ReleaseSummary]:
    """A page in issuer order: the issuers walked by name (their unique index), each one's
    releases by ``releases_issuer`` (issuer, date), so that SQLite sorts nothing; then the
    releases of no issuer, newest first. Counting the issued matches is needed only on the
    page where they run out."""
    joins, where, params = _filter_sql(flt, walk_topics, look_up_each=walk)
    issued = f"FROM issuers i JOIN releases r ON r.issuer_id = i.id {joins} {where}"
    sql = f"SELECT {_SUMMARY_COLUMNS} {issued} ORDER BY {order} LIMIT ? OFFSET ?"
    rows = _run(store, sql, [*params, limit, offset], flt)
    if len(rows) < limit:
        before = (
            offset + len(rows)
            if rows
            else _run(store, f"SELECT count(*) {issued}", params, flt)[0][0]
        )
        unissued = f"{where} AND r.issuer_id IS NULL" if where else "WHERE r.issuer_id IS NULL"
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM releases r {joins} {unissued} "
            "ORDER BY r.date DESC, r.id LIMIT ? OFFSET ?"
        )
        rows += _run(store, sql, [*params, limit - len(rows), max(0, offset - before)], flt)
    return [ReleaseSummary(*_values(row)) for row in rows]


# A look-up of one release in the search index costs about as much as sorting this many
# matches (measured at a million releases: docs/performance.md, "Why the store's code is
# shaped so").
_LOOK_UP_COST = 50
# The search index keeps every prefix of one to three characters (migration 6): a search
# for a longer prefix merges every word that starts with it, on every look-up.
_INDEXED_PREFIX = 3
_PREFIX_TERM = re.compile(r'(\w*)"?\s*\*')


def _found_sooner_by_walking(store: Store, flt: ReleaseFilter, rows: int) -> bool:
    """Whether the first ``rows`` matches are found sooner by walking the releases in the
    list's order than by sorting every match.

    Walking looks up about rows × releases / matches releases; sorting reads every match.
    Walking wins when matches² > cost of a look-up × rows × releases: for the first page
    of a million releases, a word in more than about one release in ten.

    Only a search alone is walked: with a source or a date range SQLite prefers that
    filter's index and would look up every release it passes, where sorting the matches
    costs what it always did.
    """
    alone = ReleaseFilter(query=flt.query, as_you_type=flt.as_you_type)
    if flt != alone or not flt.searches or not _looks_up_cheaply(flt):
        return False
    total = _release_total(store)
    enough = matches_to_walk(rows, total, walk_cost=_LOOK_UP_COST)
    return enough < total and count_releases(store, alone, up_to=enough) >= enough


def _looks_up_cheaply(flt: ReleaseFilter) -> bool:
    """Whether looking one release up in the search index is cheap for this search: no
    prefix in it is longer than the index keeps."""
    return all(
        len(word) <= _INDEXED_PREFIX
        for expression in _expressions(flt)
        for word in _PREFIX_TERM.findall(expression)
    )


@dataclass(frozen=True)
class SearchHit:
    release: ReleaseSummary
    snippet: str


def search_releases(
    store: Store, query: str, limit: int = 20, within: ReleaseFilter = ReleaseFilter()
) -> list[SearchHit]:
    """Releases matching a full-text query, best first, each with a snippet around the match;
    only those that pass ``within`` (its query aside).

    Any string is accepted: text that is not valid FTS5 syntax is searched as plain words.
    """
    flt = dataclasses.replace(within, query=query, as_you_type=False)
    if not flt.searches:
        return []
    joins, where, params = _filter_sql(flt)
    sql = (
        f"SELECT {_SUMMARY_COLUMNS}, snippet(releases_fts, -1, '[', ']', '…', 16) "
        f"FROM releases r {joins} {where} ORDER BY releases_fts.rank LIMIT ?"
    )
    rows = _run(store, sql, [*params, limit], flt)
    return [
        SearchHit(ReleaseSummary(*_values(row[:_SUMMARY_WIDTH])), row[_SUMMARY_WIDTH])
        for row in rows
    ]


def list_sources(store: Store) -> list[tuple[str, int]]:
    """Each source with its number of releases, most releases first (kept by triggers)."""
    rows = store.conn.execute(
        "SELECT source, releases FROM source_counts ORDER BY releases DESC, source"
    )
    return [(row[0], row[1]) for row in rows]


def list_languages(store: Store) -> list[tuple[str, int]]:
    """Each language releases are in (a code) with its number of releases, most first."""
    rows = store.conn.execute(
        "SELECT language, count(*) AS n FROM releases WHERE language IS NOT NULL "
        "GROUP BY language ORDER BY n DESC, language"
    )
    return [(row[0], row[1]) for row in rows]


def list_countries(store: Store) -> list[tuple[str, int]]:
    """Each country releases name (an ISO 3166-1 code) with how many name it, most first."""
    rows = store.conn.execute(
        "SELECT country, count(*) AS n FROM release_countries GROUP BY country "
        "ORDER BY n DESC, country"
    )
    return [(row[0], row[1]) for row in rows]


# --- filters and full-text queries --------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


# Fetching a release by id and sorting it costs about as much as walking ten entries of a
# sort index and testing each for its topics: the releases' rows are large (the text).
_FETCH_COST = 10


def _marks(values: tuple[object, ...]) -> str:
    return ", ".join("?" * len(values))


def _filter_sql(
    flt: ReleaseFilter,
    walk_topics: bool = False,
    look_up_each: bool = False,
    position: tuple[str, list[object]] | None = None,
) -> tuple[str, str, list[object]]:
    """Joins, WHERE clause and parameters of a filter. With ``walk_topics`` the topics are
    tested release by release (``EXISTS``), so that SQLite walks the order's index to fill a
    page; else the releases carrying them are fetched first (``IN``). ``look_up_each`` looks
    each release up in the search index instead of reading the matches from it,
    ``position`` is a condition on the place in the list checked before that look-up (see
    page_of_releases)."""
    joins, conditions, params = "", [], []
    if flt.searches and not look_up_each:
        # SQLite may look each release of a source or date range up in the search index;
        # a prefix longer than the index keeps is merged again on every look-up: "+" leaves
        # it one way, the matches read from the index once.
        rowid = "releases_fts.rowid" if _looks_up_cheaply(flt) else "+releases_fts.rowid"
        joins = f"JOIN releases_fts ON {rowid} = r.id"
        conditions.append("releases_fts MATCH ?")
        params.append(None)  # filled by _run with the query, or its plain-words fallback
    if flt.sources:
        conditions.append(f"r.source IN ({', '.join('?' * len(flt.sources))})")
        params.extend(flt.sources)
    attribution, attribution_params = attribution_conditions(
        flt.issuer_ids, flt.speakers, flt.languages, flt.countries
    )
    conditions += attribution
    params += attribution_params
    if flt.since:
        conditions.append("r.date >= ?")
        params.append(flt.since)
    if flt.until:
        conditions.append("r.date <= ?")
        params.append(flt.until)
    if flt.has_highlights is True:
        conditions.append("r.highlight_count > 0")
    elif flt.has_highlights is False:
        conditions.append("r.highlight_count = 0")
    if flt.unread:
        conditions.append("r.id IN (SELECT release_id FROM unread_releases)")
    if flt.tag_ids:
        marks = _marks(flt.tag_ids)
        if walk_topics:
            # "+tag_id": read the release's few topics rather than seek each of the filter's.
            conditions.append(
                "EXISTS (SELECT 1 FROM release_tags "
                f"WHERE release_id = r.id AND +tag_id IN ({marks}))"
            )
        else:
            conditions.append(
                f"r.id IN (SELECT release_id FROM release_tags WHERE tag_id IN ({marks}))"
            )
        params.extend(flt.tag_ids)
    if position is not None:
        conditions.append(position[0])
        params.extend(position[1])
    if flt.searches and look_up_each:
        # Last: the other conditions are cheaper and pass fewer releases to the look-up.
        conditions.append(
            "EXISTS (SELECT 1 FROM releases_fts WHERE releases_fts MATCH ? "
            "AND releases_fts.rowid = r.id)"
        )
        params.append(None)
    where = ("WHERE " + " AND ".join(conditions)) if conditions else ""
    return joins, where, params


def release_filter_sql(flt: ReleaseFilter) -> tuple[str, str, list[object]]:
    """Joins, WHERE clause and parameters keeping the releases ``r`` that pass a filter, its
    query bound as the FTS5 expression it is: for modules that read the filtered releases
    their own way (the concordance reads their texts)."""
    joins, where, params = _filter_sql(flt)
    return joins, where, [flt.query if param is None else param for param in params]


def _expressions(flt: ReleaseFilter) -> list[str]:
    """The FTS5 queries to try in turn: what was typed, then its words as plain words."""
    expressions = [] if flt.as_you_type else [flt.query.replace("\x00", "")]
    expressions.append(plain_words_query(flt.query, prefix_last=flt.as_you_type))
    return expressions


def _run(store: Store, sql: str, params: list[object], flt: ReleaseFilter) -> list[tuple]:
    """Rows of a filtered query; a query that is not valid FTS5 is retried as plain words.

    The rows are all read here: a search looked up release by release meets a syntax error
    only when it reaches the first release to look up.
    """
    if not flt.searches:
        return store.conn.execute(sql, params).fetchall()
    expressions = _expressions(flt)
    for number, expression in enumerate(expressions):
        bound = [expression if p is None else p for p in params]
        try:
            return store.conn.execute(sql, bound).fetchall()
        except sqlite3.OperationalError:
            if number == len(expressions) - 1:
                raise
    raise AssertionError("unreachable")


def plain_words_query(text: str, prefix_last: bool = False) -> str:
    """An FTS5 query that matches every word of ``text`` as typed, whatever its punctuation.

    >>> plain_words_query('NATO "summit" -Ukraine', prefix_last=True)
    '"NATO" "summit" "Ukraine"*'
    """
    words = _WORD.findall(text)
    quoted = [f'"{word}"' for word in words]
    if prefix_last and quoted:
        quoted[-1] += "*"
    return " ".join(quoted)
