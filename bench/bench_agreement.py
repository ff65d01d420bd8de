"""Two coders' agreement over 100,000 highlights, beside the bare SQL floor under it.

    .venv/bin/python bench/bench_agreement.py            # 100,000 highlights (the aim: ≤ 5 s)
    .venv/bin/python bench/bench_agreement.py 20000

Builds (once, cached under ``bench/out/``) the generated store of 100,000 releases
(``generate_store``), copies it and gives two coders, "ana" and "ben", half the highlights
each on the same releases: Ben's highlight of a passage is Ana's moved by a few characters
three times in four, a passage of his own otherwise, each with one to three of the store's
topics. Times ``store.agreement.agreement`` (what ``communique agreement`` runs) and, as the
floor, reading the same highlight rows with their topics in bare SQL. Median of three, in
seconds; prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_queries import timed  # noqa: E402
from bench.generate_store import OUT, ensure_store  # noqa: E402
from store.agreement import agreement  # noqa: E402
from store.db import Store  # noqa: E402

FLOOR = """SELECT h.release_id, h.coder, ht.tag_id, h.start, h."end"
           FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
           WHERE h.coder IN ('ana', 'ben') AND h.orphaned = 0"""


def two_coders(path: Path, highlights: int, seed: int = 18) -> int:
    """Give ana and ben ``highlights`` between them; returns the releases they share."""
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    tags = [row[0] for row in conn.execute("SELECT id FROM tags")]
    texts = conn.execute(
        "SELECT id, length(text) FROM releases WHERE length(text) > 400 ORDER BY id LIMIT ?",
        (highlights // 8,),
    ).fetchall()
    rows, links = [], []
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM highlights").fetchone()[0]
    for index in range(highlights // 2):
        release_id, length = texts[index % len(texts)]
        start = rng.randrange(length - 200)
        end = start + rng.randint(20, 180)
        chosen = rng.sample(tags, rng.randint(1, 3))
        if rng.random() < 0.75:
            theirs = (start + rng.randint(-8, 8), end + rng.randint(-8, 8))
        else:
            other = rng.randrange(length - 200)
            theirs = (other, other + rng.randint(20, 180))
        for coder, (first, last) in (("ana", (start, end)), ("ben", theirs)):
            first = max(0, first)
            rows.append((next_id, release_id, first, last, coder))
            links += [(next_id, tag) for tag in chosen]
            next_id += 1
    with conn:
        conn.executemany(
            'INSERT INTO highlights(id, release_id, start, "end", quote, created_at, '
            "updated_at, coder) VALUES (?, ?, ?, ?, 'x', '', '', ?)",
            rows,
        )
        conn.executemany("INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)", links)
    conn.close()
    return len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("highlights", type=int, nargs="?", default=100_000)
    args = parser.parse_args()
    source = ensure_store(100_000)
    path = OUT / f"agreement-{args.highlights}.db"
    if not path.exists():
        partial = path.with_suffix(".partial")
        shutil.copy(source, partial)
        Store(partial).close()  # migrated to this schema before the coders are written
        two_coders(partial, args.highlights)
        partial.rename(path)
    with Store(path) as store:
        report = agreement(store, "ana", "ben")
        seconds = timed(lambda: agreement(store, "ana", "ben"), repeats=3)
        floor = timed(lambda: store.conn.execute(FLOOR).fetchall(), repeats=3)
    print(
        json.dumps(
            {
                "highlights": args.highlights,
                "releases_compared": report.releases_compared,
                "topics": len(report.topics),
                "agreement_s": round(seconds, 3),
                "floor_read_highlights_s": round(floor, 3),
                "overall": {
                    "percent": round(report.overall.percent, 2),
                    "kappa": round(report.overall.kappa, 3),
                    "alpha": round(report.overall.alpha, 3),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
