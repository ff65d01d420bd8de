"""Where else a release's wording appears, on a generated store: what fingerprinting costs
(the upgrade step, and the index's size), what ``where_else`` costs for the 20 KB release and
for ordinary ones, and the FTS5 floor of the alternative (a phrase query per sampled run of
eight words of the same 20 KB release).

    .venv/bin/python bench/bench_reuse.py 100000

The generated releases are made of real corpus sentences drawn at random, so every sentence
of the 20 KB release is repeated in hundreds of others: the worst case for the candidates
(each shingle's releases are capped, ``RELEASES_PER_SHINGLE``). The ordinary releases are
drawn by a seed not used while choosing the caps; their figure is reported apart.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_store import BIG_RELEASE_IDENTITY, ensure_store  # noqa: E402
from store.db import Store  # noqa: E402
from store.fingerprint_upgrade import fingerprint_pending  # noqa: E402
from store.fingerprints import SHINGLE_WORDS, WINDOW, words_of  # noqa: E402
from store.reuse import where_else  # noqa: E402

RUNS = 5
ORDINARY = 30
HELD_OUT_SEED = 9091


def fingerprint_store(store: Store) -> dict[str, object]:
    """Fingerprint a generated store (its rows were written by bare SQL) as the upgrade
    step of an older store does, timed."""
    held = store.conn.execute("SELECT count(*) FROM release_fingerprints").fetchone()[0]
    if held:
        return {"fingerprints": held, "upgrade_seconds": "already fingerprinted"}
    with store.write() as conn:
        conn.execute(
            "INSERT INTO store_notes(name, value) SELECT 'fingerprints_pending', max(id) "
            "FROM releases"
        )
    began = time.perf_counter()
    done = fingerprint_pending(store)
    seconds = time.perf_counter() - began
    rows = store.conn.execute("SELECT count(*) FROM release_fingerprints").fetchone()[0]
    return {"releases_fingerprinted": done, "fingerprints": rows, "upgrade_seconds": seconds}


def index_bytes(store: Store) -> int | None:
    try:
        row = store.conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'release_fingerprints%'"
        ).fetchone()
    except Exception:  # dbstat is not compiled into every SQLite
        return None
    return row[0]


def timed(call, runs: int = RUNS) -> dict[str, float]:
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - began)
    return {"median_ms": statistics.median(seconds) * 1000, "max_ms": max(seconds) * 1000}


def fts_floor(store: Store, text: str) -> dict[str, float]:
    """FTS5 phrase queries for every WINDOW-th run of eight words of ``text``: what finding
    candidates from the search index would cost instead of the fingerprints."""
    words = [word.word for word in words_of(text)]
    phrases = [
        '"' + " ".join(words[i : i + SHINGLE_WORDS]) + '"'
        for i in range(0, len(words) - SHINGLE_WORDS + 1, WINDOW)
    ]

    def query() -> None:
        for phrase in phrases:
            store.conn.execute(
                "SELECT rowid FROM releases_fts WHERE releases_fts MATCH ? LIMIT 200",
                (f"text : {phrase}",),
            ).fetchall()

    return {"phrases": len(phrases), **timed(query, runs=1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("releases", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    path = ensure_store(args.releases)
    with Store(path) as store:
        result: dict[str, object] = {"releases": args.releases}
        result.update(fingerprint_store(store))
        result["index_bytes"] = index_bytes(store)
        big, text = store.conn.execute(
            "SELECT id, text FROM releases WHERE identity = ?", (f"id:{BIG_RELEASE_IDENTITY}",)
        ).fetchone()
        result["big_release_chars"] = len(text)
        result["big_release_passages"] = len(where_else(store, big))
        result["reuse_20kb_release"] = timed(lambda: where_else(store, big))
        (top,) = store.conn.execute("SELECT max(id) FROM releases").fetchone()
        rng = random.Random(HELD_OUT_SEED)
        ordinary = [rng.randint(1, top) for _ in range(ORDINARY)]
        seconds = []
        for release_id in ordinary:
            began = time.perf_counter()
            where_else(store, release_id)
            seconds.append(time.perf_counter() - began)
        result["reuse_ordinary_release"] = {
            "releases": ORDINARY,
            "median_ms": statistics.median(seconds) * 1000,
            "max_ms": max(seconds) * 1000,
        }
        result["fts5_phrase_floor_20kb_release"] = fts_floor(store, text)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
