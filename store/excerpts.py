"""Excerpts: anchored highlights across releases, with their tags and their release's citation.

This is the cross-release view an analyst filters and exports. Orphaned highlights (whose
words left a revised release) are never excerpts: their quote no longer stands in the text.
Excerpts come in reading order across the store: by release date (undated last), release,
then place in the text.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, NamedTuple

from store.attribution import attribution_conditions
from store.db import Store
from store.paging import walk_in_order
from store.tags import descendants


class ExcerptTag(NamedTuple):
    """A tag as an excerpt carries it; unpacks as ``(id, name, colour)``."""

    id: int
    name: str
    colour: str


class TagCount(NamedTuple):
    tag_id: int
    name: str
    colour: str
    count: int


@dataclass(frozen=True)
class ExcerptFilter:
    """Which excerpts to take. Empty fields do not filter.

    ``tag_ids``: with ``match="any"`` an excerpt carrying any of them passes, with ``"all"``
    one carrying each of them; with ``include_child_tags`` a sub-tag stands for its parent.
    ``since``/``until``: ISO dates or their prefixes (``"2024"``, ``"2024-05"``), both
    inclusive, so ``until="2024-05"`` keeps all of May. ``text``: a case-insensitive
    substring of the quote or the note. An undated release passes no date bound.
    ``hidden_coders``: the coders whose excerpts are left out (the window's View ▸ Coders).
    """

    tag_ids: tuple[int, ...] = ()
    include_child_tags: bool = True
    match: Literal["any", "all"] = "any"
    sources: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    text: str = ""
    release_ids: tuple[int, ...] = ()
    issuer_ids: tuple[int, ...] = ()
    speakers: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    hidden_coders: tuple[str, ...] = ()  # coders whose highlights are left out


@dataclass(frozen=True)
class Excerpt:
    """One anchored highlight with what a citation needs. Offsets are code points of the
    release's canonical text (``releases.text``)."""

    highlight_id: int
    release_id: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: tuple[ExcerptTag, ...]
    release_title: str
    date: str | None
    source: str | None
    url: str | None
    created_at: str
    updated_at: str
    issuer: str | None = None
    speaker: str | None = None
    language: str | None = None
    countries: tuple[str, ...] = ()
    coder: str = ""  # "" for highlights made before coders were recorded


_COLUMNS = """h.id, h.release_id, h.quote, h.prefix, h.suffix, h.start, h."end", h.note,
    r.title, r.date, r.source, r.url, h.created_at, h.updated_at,
    (SELECT name FROM issuers WHERE id = r.issuer_id), r.speaker, r.language,
    (SELECT group_concat(country, ' ') FROM release_countries WHERE release_id = r.id),
    h.coder"""
# Undated last; as the index releases_excerpt_order (migration 5) reads, so that a page is
# found by walking it rather than by sorting every excerpt.
_ORDER = "r.date IS NULL, r.date, r.id, h.start, h.id"
_CONTAINS = "communique_folded_contains"
# Walking the reading order reads each highlight's row (is it orphaned?); fetching one by id
# and sorting it costs about the same.
_FETCH_COST = 1


def query_excerpts(
    store: Store, flt: ExcerptFilter = ExcerptFilter(), limit: int | None = None, offset: int = 0
) -> list[Excerpt]:
    """One page of the excerpts that pass the filter, in reading order."""
    walk = _walk(store, flt, offset, _excerpt_total(store) if limit is None else limit)
    where, params = _where(store, flt, walk)
    sql = f"SELECT {_COLUMNS} FROM highlights h JOIN releases r ON r.id = h.release_id {where} "
    sql += f"ORDER BY {_ORDER} LIMIT ? OFFSET ?"
    rows = store.conn.execute(sql, [*params, -1 if limit is None else limit, offset]).fetchall()
    return _with_tags(store, rows)


def iter_excerpts(
    store: Store, flt: ExcerptFilter = ExcerptFilter(), batch: int = 5000
) -> Iterator[Excerpt]:
    """Every excerpt that passes the filter, in reading order, fetched ``batch`` at a time.

    One query walks the rows (no OFFSET, which would sort again for every page) and one
    more per batch fetches the tags, so a 100,000-row export holds one batch in memory.
    """
    where, params = _where(store, flt, _walk(store, flt, 0, _excerpt_total(store)))
    sql = f"SELECT {_COLUMNS} FROM highlights h JOIN releases r ON r.id = h.release_id {where} "
    cursor = store.conn.execute(sql + f"ORDER BY {_ORDER}", params)
    try:
        while rows := cursor.fetchmany(batch):
            yield from _with_tags(store, rows)
    finally:
        cursor.close()


def count_excerpts(store: Store, flt: ExcerptFilter = ExcerptFilter()) -> int:
    """How many excerpts pass the filter.

    Read from counts kept by triggers where the filter allows: the store's number of
    excerpts, the releases' ``highlight_count`` when only releases are chosen, or the tags'
    own index when only topics are; else counted excerpt by excerpt.
    """
    release_conditions, release_params = _release_where(flt)
    if flt.hidden_coders:  # no count is kept per coder: counted excerpt by excerpt
        where, params = _where(store, flt)
        sql = f"SELECT count(*) FROM highlights h JOIN releases r ON r.id = h.release_id {where}"
        return store.conn.execute(sql, params).fetchone()[0]
    if not flt.tag_ids and not flt.text.strip():
        if not release_conditions:
            return _excerpt_total(store)
        sql = "SELECT coalesce(sum(r.highlight_count), 0) FROM releases r WHERE "
        sql += " AND ".join(["r.highlight_count > 0", *release_conditions])
        return store.conn.execute(sql, release_params).fetchone()[0]
    if not release_conditions and not flt.text.strip():
        tagged, params = _tagged(_tag_groups(store, flt))
        sql = (
            f"SELECT count(*) FROM ({tagged}) "
            "WHERE highlight_id NOT IN (SELECT id FROM highlights WHERE orphaned = 1)"
        )
        return store.conn.execute(sql, params).fetchone()[0]
    where, params = _where(store, flt)
    sql = f"SELECT count(*) FROM highlights h JOIN releases r ON r.id = h.release_id {where}"
    return store.conn.execute(sql, params).fetchone()[0]


def tag_counts(store: Store, flt: ExcerptFilter = ExcerptFilter()) -> list[TagCount]:
    """How many of the filtered excerpts carry each tag, most used first; unused tags omitted."""
    if flt == ExcerptFilter():
        # Every excerpt: the counts triggers keep (migration 7), not a count of every
        # highlight's tags, which grows with the store (docs/performance.md).
        rows = store.conn.execute(
            "SELECT t.id, t.name, t.colour, c.excerpts FROM tag_counts c "
            "JOIN tags t ON t.id = c.tag_id WHERE c.excerpts > 0 "
            "ORDER BY c.excerpts DESC, t.name COLLATE NOCASE"
        )
        return [TagCount(*row) for row in rows]
    where, params = _where(store, flt)
    rows = store.conn.execute(
        "SELECT t.id, t.name, t.colour, count(*) FROM highlight_tags ht "
        "JOIN tags t ON t.id = ht.tag_id WHERE ht.highlight_id IN ("
        f"SELECT h.id FROM highlights h JOIN releases r ON r.id = h.release_id {where}) "
        "GROUP BY t.id ORDER BY count(*) DESC, t.name COLLATE NOCASE",
        params,
    )
    return [TagCount(*row) for row in rows]


def tag_counts_by_month(
    store: Store, tag_ids: tuple[int, ...] | list[int], include_child_tags: bool = True
) -> dict[int, list[tuple[str, int]]]:
    """Excerpts per tag per month (``"YYYY-MM"``) of release date, for a chart over time.

    Every series covers the same months, from the first to the last month any of the tags
    was used, with zeros filled in, so the series can be drawn on one axis. With
    ``include_child_tags`` a parent counts its sub-tags' excerpts (each excerpt once).
    Undated releases are left out.
    """
    raw: dict[int, dict[str, int]] = {}
    for tag_id in tag_ids:
        group = _tag_group(store, tag_id, include_child_tags)
        rows = store.conn.execute(
            "SELECT substr(r.date, 1, 7) AS month, count(DISTINCT h.id) FROM highlights h "
            "JOIN releases r ON r.id = h.release_id "
            "JOIN highlight_tags ht ON ht.highlight_id = h.id "
            f"WHERE h.orphaned = 0 AND length(r.date) >= 7 AND ht.tag_id IN ({_marks(group)}) "
            "GROUP BY month",
            group,
        )
        raw[tag_id] = dict(rows.fetchall())
    used = sorted({month for counts in raw.values() for month in counts})
    months = _month_range(used[0], used[-1]) if used else []
    return {tag_id: [(m, counts.get(m, 0)) for m in months] for tag_id, counts in raw.items()}


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while (label := f"{year:04d}-{month:02d}") <= last:
        months.append(label)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _tag_group(store: Store, tag_id: int, include_child_tags: bool) -> list[int]:
    below = sorted(descendants(store, tag_id)) if include_child_tags else []
    return [tag_id, *below]


def _marks(values: list[object] | tuple[object, ...]) -> str:
    return ", ".join("?" * len(values))


def _excerpt_total(store: Store) -> int:
    """The number of excerpts in the store, kept by triggers (migration 5)."""
    sql = "SELECT value FROM store_counts WHERE name = 'excerpts'"
    return store.conn.execute(sql).fetchone()[0]


def _tag_groups(store: Store, flt: ExcerptFilter) -> list[list[int]]:
    """The sets of tags an excerpt must carry one of: one set for ``match="any"``."""
    groups = [_tag_group(store, t, flt.include_child_tags) for t in flt.tag_ids]
    if flt.match == "any" and groups:
        groups = [sorted({t for group in groups for t in group})]
    return groups


def _tagged(groups: list[list[int]]) -> tuple[str, list[object]]:
    """A query of the highlights carrying a tag of each group, each once."""
    selects = [
        f"SELECT DISTINCT highlight_id FROM highlight_tags WHERE tag_id IN ({_marks(g)})"
        for g in groups
    ]
    return " INTERSECT ".join(selects), [t for group in groups for t in group]


def _walk(store: Store, flt: ExcerptFilter, offset: int, limit: int) -> bool:
    """Whether the page is found sooner by walking the reading order (see store.paging)."""
    if not flt.tag_ids:
        return True
    tagged, params = _tagged(_tag_groups(store, flt))
    total = _excerpt_total(store)
    return walk_in_order(store.conn, tagged, params, total, offset, limit, _FETCH_COST)


def _where(store: Store, flt: ExcerptFilter, walk: bool = False) -> tuple[str, list[object]]:
    """The WHERE clause of a filter over ``highlights h JOIN releases r``. With ``walk``
    topics are tested excerpt by excerpt (``EXISTS``), so that SQLite walks the reading
    order to fill a page; else the highlights carrying them are fetched first (``IN``)."""
    conditions, params = ["h.orphaned = 0", "r.highlight_count > 0"], []
    for group in _tag_groups(store, flt):
        marks = _marks(group)
        if walk:
            conditions.append(
                "EXISTS (SELECT 1 FROM highlight_tags "
                f"WHERE highlight_id = h.id AND tag_id IN ({marks}))"
            )
        else:
            conditions.append(
                f"h.id IN (SELECT highlight_id FROM highlight_tags WHERE tag_id IN ({marks}))"
            )
        params.extend(group)
    release_conditions, release_params = _release_where(flt)
    conditions += release_conditions
    params += release_params
    if flt.text.strip():
        _register_contains(store.conn)
        conditions.append(f"({_CONTAINS}(h.quote, ?) OR {_CONTAINS}(h.note, ?))")
        needle = flt.text.strip().casefold()
        params.extend([needle, needle])
    if flt.hidden_coders:
        conditions.append(f"h.coder NOT IN ({_marks(flt.hidden_coders)})")
        params.extend(flt.hidden_coders)
    return "WHERE " + " AND ".join(conditions), params


def _release_where(flt: ExcerptFilter) -> tuple[list[str], list[object]]:
    """The conditions of a filter on the release ``r`` an excerpt comes from."""
    conditions: list[str] = []
    params: list[object] = []
    if flt.sources:
        conditions.append(f"r.source IN ({_marks(flt.sources)})")
        params.extend(flt.sources)
    if flt.since:
        conditions.append("r.date >= ?")
        params.append(flt.since)
    if flt.until:
        # Any date that starts with the bound sorts before bound + U+FFFF: "2024-05" keeps May.
        conditions.append("r.date < ?")
        params.append(flt.until + "\uffff")
    if flt.release_ids:
        conditions.append(f"r.id IN ({_marks(flt.release_ids)})")
        params.extend(flt.release_ids)
    attribution, attribution_params = attribution_conditions(
        flt.issuer_ids, flt.speakers, flt.languages, flt.countries
    )
    return conditions + attribution, params + attribution_params


def _register_contains(conn: sqlite3.Connection) -> None:
    """SQLite's LIKE and lower() fold ASCII only; analysts search "Ärzte" and "УКРАЇНА" too."""
    conn.create_function(
        _CONTAINS,
        2,
        lambda haystack, needle: needle in (haystack or "").casefold(),
        deterministic=True,
    )


def _with_tags(store: Store, rows: list[tuple]) -> list[Excerpt]:
    """Attach tags to a batch of rows with one query for the whole batch."""
    if not rows:
        return []
    tags: dict[int, list[ExcerptTag]] = {row[0]: [] for row in rows}
    for highlight_id, tag_id, name, colour in store.conn.execute(
        "SELECT ht.highlight_id, t.id, t.name, t.colour FROM highlight_tags ht "
        "JOIN tags t ON t.id = ht.tag_id "
        "WHERE ht.highlight_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(tags)),),
    ):
        tags[highlight_id].append(ExcerptTag(tag_id, name, colour))
    return [
        Excerpt(
            *row[:8],
            tuple(sorted(tags[row[0]], key=lambda t: t.name.casefold())),
            *row[8:17],
            tuple(sorted(row[17].split())) if row[17] else (),
            row[18],
        )
        for row in rows
    ]
