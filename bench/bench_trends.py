"""Phrase trends at scale, beside the bare FTS5 floors under them.

    .venv/bin/python bench/generate_store.py 100000
    .venv/bin/python bench/bench_trends.py --db bench/out/store-100000.db
    .venv/bin/python bench/bench_trends.py --db /work/bench-1m/store-1000000.db --read-only \
        --phrase "human rights" --phrase "territorial integrity"

A generated store is first given issuers, speakers and languages as ``bench_issuers`` does
(not with ``--read-only``: a shared store that already has them is only read). The phrases
are chosen by rule from the store's own index, not by hand: the commonest word (in nearly
every release), a word in about 10% of releases and one in about 1%; ``--phrase`` adds
others. For each: how many releases hold it, the trend by issuer per month
(``phrase_trend``; for the commonest word by speaker and by language too), and three floors
of the same query: counting its matches in FTS5 alone, reading its positions in the text
from the index (``fts5vocab``: what counting occurrences there cannot go below), and
reading the text of every matching release (what the matcher over each text could not go
below). Times are the median of a few runs, in seconds; prints one JSON object.
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
from bench.read_only_store import read_only_store  # noqa: E402
from store.db import Store  # noqa: E402
from store.trends import phrase_trend  # noqa: E402


def words_by_frequency(db: Path, shares: tuple[float, ...]) -> list[str]:
    """The indexed word held by the share of releases nearest each of ``shares``."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
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


def figures(store: Store, phrase: str, all_keys: bool) -> dict[str, object]:
    """The trend of one phrase and the floors under it."""
    query = f'"{phrase}"'
    conn = store.conn
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.positions "
        "USING fts5vocab(main, releases_fts, instance)"
    )
    found = {
        "phrase": phrase,
        "releases_holding": conn.execute(MATCH.format("count(*)"), (query,)).fetchone()[0],
    }
    for by in ("issuer", "speaker", "language") if all_keys else ("issuer",):
        found[f"trend_by_{by}_per_month"] = timed(
            lambda b=by: phrase_trend(store, [phrase], by=b, per="month")
        )
    found["floor_fts5_count"] = timed(
        lambda: conn.execute(MATCH.format("count(*)"), (query,)).fetchone()
    )
    if " " not in phrase:
        found["floor_index_positions"] = timed(
            lambda: conn.execute(
                "SELECT count(*) FROM temp.positions WHERE term = ? AND col = 'text'", (phrase,)
            ).fetchone()
        )
    found["floor_read_texts"] = timed(
        lambda: conn.execute(
            "SELECT r.issuer_id, r.date, r.text FROM releases r JOIN releases_fts "
            "ON releases_fts.rowid = r.id WHERE releases_fts MATCH ?",
            (query,),
        ).fetchall()
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--read-only", action="store_true", help="only read the store")
    parser.add_argument("--phrase", action="append", default=[], help="a phrase besides")
    args = parser.parse_args()
    store = read_only_store(args.db) if args.read_only else Store(args.db)
    with store:
        if not args.read_only:
            give_attribution(store)
        total = store.conn.execute("SELECT count(*) FROM releases").fetchone()[0]
        result: dict[str, object] = {"releases": total}
        for label, word in zip(
            ("common", "tenth", "hundredth"),
            words_by_frequency(args.db, (1.0, 0.1, 0.01)),
            strict=True,
        ):
            result[label] = figures(store, word, all_keys=label == "common")
        for phrase in args.phrase:
            result[phrase] = figures(store, phrase, all_keys=False)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
