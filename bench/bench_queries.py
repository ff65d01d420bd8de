"""Store queries behind the window at scale, each beside the bare SQL for the same rows.

    .venv/bin/python bench/bench_queries.py --db bench/out/store-1000000.db
    .venv/bin/python bench/bench_queries.py --db /work/bench-1m/store-1000000.db --read-only

Prints one JSON object: every sort of the release list (first page and a page in the
middle), the count of a very common word, the list of sources, the tag filter and the
excerpts view; then the middle page of every sort with no filter and with an issuer, a
language and a date range, read from the list's order (``store.list_order``): the order's
reading once, and the page after it. ``--read-only`` opens a store of an older schema
without upgrading it (bench/read_only_store.py). Times are the median of a few runs, in
seconds.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.read_only_store import read_only_store  # noqa: E402
from store.db import Store  # noqa: E402
from store.excerpts import ExcerptFilter, count_excerpts, query_excerpts  # noqa: E402
from store.list_order import ListOrder  # noqa: E402
from store.releases import (  # noqa: E402
    ReleaseFilter,
    count_releases,
    list_sources,
    page_of_releases,
)
from store.tags import descendants  # noqa: E402

REPEATS = 3
PAGE = 200


def timed(run: Callable[[], object], repeats: int = REPEATS) -> float:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def vocabulary(db: Path) -> tuple[str, str]:
    """(an ordinary word, the commonest word) of the store's full-text index.

    The ordinary word is one found in about 1% of releases, as a topic word ("sanctions").
    """
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)  # reads only
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, releases_fts, row)")
    total = conn.execute("SELECT count(*) FROM releases").fetchone()[0]
    common = conn.execute("SELECT term FROM temp.vocab ORDER BY doc DESC LIMIT 1").fetchone()[0]
    ordinary = conn.execute(
        "SELECT term FROM temp.vocab WHERE length(term) > 5 AND term GLOB '[a-z]*' "
        "ORDER BY abs(doc - ?) LIMIT 1",
        (total // 100,),
    ).fetchone()[0]
    conn.close()
    return ordinary, common


def sorts(store: Store) -> dict[str, float]:
    result = {}
    total = count_releases(store)
    for key in ("date", "source", "title", "highlights"):
        for descending in (True, False):
            label = f"sort_{key}_{'desc' if descending else 'asc'}"
            result[label] = timed(
                lambda k=key, d=descending: page_of_releases(store, sort=k, descending=d)
            )
            result[label + "_middle"] = timed(
                lambda k=key, d=descending: page_of_releases(
                    store, sort=k, descending=d, offset=total // 2
                ),
                repeats=1,
            )
    return result


def searches(store: Store, ordinary: str, common: str) -> dict[str, float]:
    result = {}
    for label, word in (("ordinary", ordinary), ("common", common)):
        flt = ReleaseFilter(query=word, as_you_type=True)
        result[f"count_{label}"] = timed(lambda f=flt: count_releases(store, f))
        # What the release list asks: "more than 10,000" (gui/models/release_list_model.py).
        result[f"count_{label}_capped"] = timed(
            lambda f=flt: count_releases(store, f, up_to=10_001)
        )
        result[f"page_{label}"] = timed(lambda f=flt: page_of_releases(store, f, limit=PAGE))
        result[f"count_{label}_floor"] = timed(
            lambda w=word: store.conn.execute(
                "SELECT count(*) FROM releases_fts WHERE releases_fts MATCH ?", (f'"{w}"',)
            ).fetchone()
        )
    return result


def tag_filter_and_excerpts(store: Store) -> dict[str, float]:
    """The most used topic with its sub-topics: the release list filtered by it, and the
    excerpts view (count and first page) of every excerpt."""
    (topic,) = store.conn.execute(
        "SELECT t.id FROM tags t JOIN highlight_tags ht ON ht.tag_id = t.id "
        "WHERE t.parent_id IS NULL GROUP BY t.id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    group = sorted({topic, *descendants(store, topic)})
    marks = ", ".join("?" * len(group))
    flt = ReleaseFilter(tag_ids=tuple(group))

    def tag_list() -> None:
        count_releases(store, flt)
        page_of_releases(store, flt, limit=PAGE)

    def tag_list_floor() -> None:
        # The same rows by the bare SQL over the per-(release, topic) table the store keeps.
        store.conn.execute(
            f"SELECT count(DISTINCT release_id) FROM release_tags WHERE tag_id IN ({marks})",
            group,
        ).fetchone()
        store.conn.execute(
            "SELECT r.id, r.title, r.date, r.source FROM releases r WHERE EXISTS (SELECT 1 "
            f"FROM release_tags rt WHERE rt.release_id = r.id AND rt.tag_id IN ({marks})) "
            "ORDER BY r.date DESC LIMIT ?",
            [*group, PAGE],
        ).fetchall()

    def tag_list_unkept() -> None:
        # The same rows read from the highlights themselves, as before the kept tables.
        ids = (
            f"SELECT DISTINCT h.release_id FROM highlight_tags ht JOIN highlights h "
            f"ON h.id = ht.highlight_id WHERE h.orphaned = 0 AND ht.tag_id IN ({marks})"
        )
        store.conn.execute(f"SELECT count(*) FROM ({ids})", group).fetchone()
        store.conn.execute(
            f"SELECT r.id, r.title, r.date, r.source FROM releases r WHERE r.id IN ({ids}) "
            "ORDER BY r.date DESC LIMIT ?",
            [*group, PAGE],
        ).fetchall()

    every = ExcerptFilter()

    def excerpts() -> None:
        count_excerpts(store, every)
        query_excerpts(store, every, limit=PAGE)

    def excerpts_floor() -> None:
        # The count the store keeps, and the first page by the bare SQL.
        store.conn.execute("SELECT value FROM store_counts WHERE name = 'excerpts'").fetchone()
        store.conn.execute(
            'SELECT h.id, h.quote, h.note, h.start, h."end", r.title, r.date, r.source '
            "FROM highlights h JOIN releases r ON r.id = h.release_id WHERE h.orphaned = 0 "
            "ORDER BY r.date, r.id, h.start LIMIT ?",
            (PAGE,),
        ).fetchall()

    tagged = ExcerptFilter(tag_ids=(topic,))

    def tagged_excerpts() -> None:
        count_excerpts(store, tagged)
        query_excerpts(store, tagged, limit=PAGE)

    return {
        "excerpts": count_excerpts(store, every),
        "tagged_excerpts": count_excerpts(store, tagged),
        "tag_list": timed(tag_list),
        "tag_list_floor": timed(tag_list_floor),
        "tag_list_unkept": timed(tag_list_unkept),
        "excerpts_view": timed(excerpts),
        "excerpts_view_floor": timed(excerpts_floor),
        "tagged_excerpts_view": timed(tagged_excerpts),
    }


def list_filters(store: Store) -> dict[str, ReleaseFilter]:
    """No filter, the issuer of most releases, the commonest language, and the years
    2010–2015 (about a third of a store dated 2005–2025)."""
    conn = store.conn
    issuer = conn.execute(
        "SELECT issuer_id FROM releases WHERE issuer_id IS NOT NULL "
        "GROUP BY issuer_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    language = conn.execute(
        "SELECT language FROM releases WHERE language IS NOT NULL "
        "GROUP BY language ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    filters = {"none": ReleaseFilter()}
    if issuer:
        filters["issuer"] = ReleaseFilter(issuer_ids=(issuer[0],))
    if language:
        filters["language"] = ReleaseFilter(languages=(language[0],))
    filters["dates"] = ReleaseFilter(since="2010-01-01", until="2015-12-31")
    return filters


def middle_pages(store: Store, with_offset: bool) -> dict[str, object]:
    """Every sort's middle page with each filter, from the list's order read once; with
    ``with_offset`` also the slowest filtered case by OFFSET (seconds each)."""
    result: dict[str, object] = {}
    for name, flt in list_filters(store).items():
        for key in ("date", "issuer", "title", "highlights", "source"):
            for descending in (True, False):
                label = f"{name}_{key}_{'desc' if descending else 'asc'}"
                order = ListOrder(flt, key, descending)
                began = time.perf_counter()
                total = len(order.ids(store))
                result[f"order_{label}"] = time.perf_counter() - began
                result[f"middle_{label}"] = timed(
                    lambda o=order, t=total: o.page(store, t // 2, PAGE)
                )
    if with_offset and "issuer" in list_filters(store):
        flt = list_filters(store)["issuer"]
        total = count_releases(store, flt)
        result["offset_issuer_title_asc_middle"] = timed(
            lambda: page_of_releases(
                store, flt, "title", descending=False, offset=total // 2, limit=PAGE
            ),
            repeats=1,
        )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--ordinary")
    parser.add_argument("--common")
    parser.add_argument(
        "--read-only", action="store_true", help="open the store read-only, never upgraded"
    )
    parser.add_argument(
        "--quick", action="store_true", help="leave out the filtered middle page by OFFSET"
    )
    args = parser.parse_args()
    ordinary, common = args.ordinary, args.common
    if not (ordinary and common):
        ordinary, common = vocabulary(args.db)
    with read_only_store(args.db) if args.read_only else Store(args.db) as store:
        result: dict[str, object] = {"ordinary_word": ordinary, "common_word": common}
        result["list_sources"] = timed(lambda: list_sources(store))
        result.update(searches(store, ordinary, common))
        result.update(tag_filter_and_excerpts(store))
        result.update(sorts(store))
        result.update(middle_pages(store, with_offset=not args.quick))
        # Every list's order was held once, one at a time, as the window holds its list's.
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
