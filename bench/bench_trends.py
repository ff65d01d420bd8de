"""Phrase trends at scale, beside the bare FTS5 floors under them.

    .venv/bin/python bench/generate_store.py 100000
    .venv/bin/python bench/bench_trends.py --db bench/out/store-100000.db

A generated store is first given issuers, speakers and languages as ``bench_issuers`` does.
The phrases are chosen by rule from the store's own index, not by hand: the commonest word
(in nearly every release), a word in about 10% of releases and one in about 1%. For each:
how many releases hold it, the trend by issuer per month (``phrase_trend``), and two floors
of the same query: counting its matches in FTS5 alone, and reading the text of every
matching release (what counting occurrences in each text cannot go below). Times are the
median of a few runs, in seconds; prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_issuers import give_attribution  # noqa: E402
from bench.bench_queries import timed  # noqa: E402
from store.db import Store  # noqa: E402
from store.trends import phrase_trend  # noqa: E402


def words_by_frequency(db: Path, shares: tuple[float, ...]) -> list[str]:
    """The indexed word held by the share of releases nearest each of ``shares``."""
    conn = sqlite3.connect(db)
    conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, releases_fts, row)")
    total = conn.execute("SELECT count(*) FROM releases").fetchone()[0]
    words = [
        conn.execute(
            "SELECT term FROM temp.vocab WHERE length(term) > 3 AND term GLOB '[a-z]*' "
            "ORDER BY abs(doc - ?) LIMIT 1",
            (int(total * share),),
        ).fetchone()[0]
        for share in shares
    ]
    conn.close()
    return words


MATCH = "SELECT {} FROM releases_fts WHERE releases_fts MATCH ?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    args = parser.parse_args()
    with Store(args.db) as store:
        give_attribution(store)
        total = store.conn.execute("SELECT count(*) FROM releases").fetchone()[0]
        result: dict[str, object] = {"releases": total}
        for label, word in zip(
            ("common", "tenth", "hundredth"),
            words_by_frequency(args.db, (1.0, 0.1, 0.01)),
            strict=True,
        ):
            holding = store.conn.execute(MATCH.format("count(*)"), (f'"{word}"',)).fetchone()[0]
            result[label] = {
                "phrase": word,
                "releases_holding": holding,
                "trend_by_issuer_per_month": timed(
                    lambda w=word: phrase_trend(store, [w], by="issuer", per="month")
                ),
                "floor_fts5_count": timed(
                    lambda w=word: store.conn.execute(
                        MATCH.format("count(*)"), (f'"{w}"',)
                    ).fetchone()
                ),
                "floor_read_texts": timed(
                    lambda w=word: store.conn.execute(
                        "SELECT r.issuer_id, r.date, r.text FROM releases r JOIN releases_fts "
                        "ON releases_fts.rowid = r.id WHERE releases_fts MATCH ?",
                        (f'"{w}"',),
                    ).fetchall()
                ),
            }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
