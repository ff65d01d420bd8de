"""The release list one row per statement at scale: its count, its first page and a page in
the middle, with and without a search, beside the same list of every version.

    .venv/bin/python bench/bench_statement_list.py --db bench/out/store-100000.db

The generated store's releases are all in English and in no group; the first run groups it
(bare SQL, once): runs of two to four releases of consecutive ids, 60 % of the releases,
each member given one of de, fr, it, en, as a Swiss-like desk would hold them. Each figure
is the fastest and the slowest of three runs, in milliseconds, as the window asks: a page of
200 rows (``gui.models.paged_rows.PAGE_SIZE``) shown in English (``in_language``).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.db import Store  # noqa: E402
from store.releases import ReleaseFilter, count_releases, page_of_releases  # noqa: E402
from store.statement_versions import in_language  # noqa: E402

REPEATS = 3
PAGE = 200
GROUPED_SHARE = 0.6
LANGUAGES = ("de", "fr", "it", "en")


def group_once(store: Store) -> tuple[int, int]:
    """Group the store as the docstring says unless it holds groups already; the number of
    grouped releases and of groups."""
    held = store.conn.execute("SELECT count(*), count(DISTINCT group_id) FROM statement_members")
    members, groups = held.fetchone()
    if members:
        return members, groups
    ids = [row[0] for row in store.conn.execute("SELECT id FROM releases ORDER BY id")]
    pick = random.Random(16)
    with store.write() as conn:
        at = 0
        while at < len(ids):
            size = pick.randint(2, 4)
            run = ids[at : at + size]
            at += size
            if len(run) < 2 or pick.random() > GROUPED_SHARE:
                continue
            group_id = conn.execute("INSERT INTO statement_groups DEFAULT VALUES").lastrowid
            conn.executemany(
                "INSERT INTO statement_members(release_id, group_id, origin) "
                "VALUES (?, ?, 'detected')",
                [(release_id, group_id) for release_id in run],
            )
            conn.executemany(
                "UPDATE releases SET language = ? WHERE id = ?",
                list(zip(pick.sample(LANGUAGES, len(run)), run, strict=False)),
            )
    return group_once(store)


def timed(run: Callable[[], object]) -> list[float]:
    samples = []
    for _ in range(REPEATS):
        began = time.perf_counter()
        run()
        samples.append(round((time.perf_counter() - began) * 1000, 1))
    return [min(samples), max(samples)]


def figures(store: Store, flt: ReleaseFilter) -> dict[str, object]:
    count = count_releases(store, flt)
    middle = count // 2

    def page(offset: int) -> list:
        rows = page_of_releases(store, flt, offset=offset, limit=PAGE)
        return in_language(store, rows, "en") if flt.one_per_statement else rows

    first = page(0)
    assert first and len({row.id for row in first}) == len(first)
    return {
        "rows": count,
        "count_ms": timed(lambda: count_releases(store, flt)),
        "first_page_ms": timed(lambda: page(0)),
        "middle_page_ms": timed(lambda: page(middle)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=Path("bench/out/store-100000.db"))
    parser.add_argument("--word", default="cooperation", help="a search of the kept-out kind")
    args = parser.parse_args()
    with Store(args.db) as store:
        members, groups = group_once(store)
        report: dict[str, object] = {"grouped_releases": members, "groups": groups}
        for name, flt in {
            "every_version": ReleaseFilter(),
            "one_per_statement": ReleaseFilter(one_per_statement=True),
            "every_version_search": ReleaseFilter(query=args.word),
            "one_per_statement_search": ReleaseFilter(query=args.word, one_per_statement=True),
        }.items():
            report[name] = figures(store, flt)
        print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
