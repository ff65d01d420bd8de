"""The counts the store keeps by triggers, compared with a fresh count, and counted again.

The lists read these counts instead of counting a million rows (migrations 4, 5 and 7).
Every write the program makes keeps them, but a tool that goes around the triggers can make
them drift: ``INSERT OR REPLACE`` in Datasette or the sqlite3 shell deletes the row it
replaces without firing its delete triggers (unless recursive triggers are on). A drifted
count shows wrong numbers and lists without any error, so ``communique check`` compares each
with a fresh count and ``communique check --repair`` counts again.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.db import Store

_EXCERPTS_PER_RELEASE_AND_TOPIC = """
    SELECT h.release_id, ht.tag_id, count(*) FROM highlight_tags ht
    JOIN highlights h ON h.id = ht.highlight_id WHERE h.orphaned = 0
    GROUP BY h.release_id, ht.tag_id"""


@dataclass(frozen=True)
class KeptCount:
    """``kept`` and ``fresh`` give the same rows when the count is right (zero counts left
    out of ``kept``); ``recount`` makes them so."""

    name: str
    kept: str
    fresh: str
    recount: tuple[str, ...]


KEPT_COUNTS = (
    KeptCount(
        "highlights per release",
        "SELECT id, highlight_count FROM releases WHERE highlight_count != 0",
        "SELECT release_id, count(*) FROM highlights WHERE orphaned = 0 GROUP BY release_id",
        (
            """UPDATE releases SET highlight_count = (SELECT count(*) FROM highlights h
                WHERE h.release_id = releases.id AND h.orphaned = 0)
            WHERE highlight_count != (SELECT count(*) FROM highlights h
                WHERE h.release_id = releases.id AND h.orphaned = 0)""",
        ),
    ),
    KeptCount(
        "releases and excerpts in the store",
        "SELECT name, value FROM store_counts",
        "SELECT 'releases', count(*) FROM releases "
        "UNION ALL SELECT 'excerpts', count(*) FROM highlights WHERE orphaned = 0",
        (
            "DELETE FROM store_counts",
            "INSERT INTO store_counts(name, value) SELECT 'releases', count(*) FROM releases",
            "INSERT INTO store_counts(name, value) "
            "SELECT 'excerpts', count(*) FROM highlights WHERE orphaned = 0",
        ),
    ),
    KeptCount(
        "releases per source",
        "SELECT source, releases FROM source_counts",
        "SELECT source, count(*) FROM releases WHERE source IS NOT NULL GROUP BY source",
        (
            "DELETE FROM source_counts",
            "INSERT INTO source_counts(source, releases) "
            "SELECT source, count(*) FROM releases WHERE source IS NOT NULL GROUP BY source",
        ),
    ),
    # Before the topics' totals: their triggers follow these rows as they are replaced.
    KeptCount(
        "excerpts per release and topic",
        "SELECT release_id, tag_id, excerpts FROM release_tags",
        _EXCERPTS_PER_RELEASE_AND_TOPIC,
        (
            "DELETE FROM release_tags",
            f"INSERT INTO release_tags(release_id, tag_id, excerpts) "
            f"{_EXCERPTS_PER_RELEASE_AND_TOPIC}",
        ),
    ),
    KeptCount(
        "excerpts per topic",
        "SELECT tag_id, excerpts FROM tag_counts WHERE excerpts != 0",
        "SELECT ht.tag_id, count(*) FROM highlight_tags ht "
        "JOIN highlights h ON h.id = ht.highlight_id WHERE h.orphaned = 0 GROUP BY ht.tag_id",
        (
            "DELETE FROM tag_counts",
            "INSERT INTO tag_counts(tag_id, excerpts) "
            "SELECT tag_id, sum(excerpts) FROM release_tags GROUP BY tag_id",
        ),
    ),
)


def _differing_rows(store: Store, count: KeptCount) -> int:
    one_way = "SELECT count(*) FROM (SELECT * FROM ({}) EXCEPT SELECT * FROM ({}))"
    kept_only = one_way.format(count.kept, count.fresh)
    fresh_only = one_way.format(count.fresh, count.kept)
    (rows,) = store.conn.execute(f"SELECT ({kept_only}) + ({fresh_only})").fetchone()
    return rows


def drifted_counts(store: Store) -> list[str]:
    """One sentence for each kept count that differs from a fresh count; [] when all agree.

    >>> drifted_counts(Store(":memory:"))
    []
    """
    problems = []
    for count in KEPT_COUNTS:
        rows = _differing_rows(store, count)
        if rows:
            problems.append(
                f"the kept count of {count.name} differs from a fresh count in "
                f"{rows} row{'s' if rows != 1 else ''} (communique check --repair counts again)"
            )
    return problems


def recount(store: Store) -> list[str]:
    """Count again every kept count that drifted, in one transaction; their names."""
    repaired = []
    with store.write() as conn:
        for count in KEPT_COUNTS:
            if _differing_rows(store, count):
                for statement in count.recount:
                    conn.execute(statement)
                repaired.append(count.name)
    return repaired
