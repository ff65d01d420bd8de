"""Export throughput for 100,000 excerpts per format, beside a bare ``csv.writer`` of the
same rows (already in memory) and the bare query that streams them, in the same run.

    .venv/bin/python bench/bench_export.py --excerpts 100000
    .venv/bin/python bench/bench_export.py --db /tmp/bench-export.db   # build once, reuse

The store is generated from real sentences of the shared corpus (farnesina, ep-pages), with
50 tags in a two-level hierarchy; a third of the highlights span two paragraphs, a third
carry a note, some carry two or three tags.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_sentences import sentences  # noqa: E402
from store.db import Store  # noqa: E402
from store.excerpts import ExcerptFilter, count_excerpts, iter_excerpts  # noqa: E402
from store.export import FORMATS, write_export  # noqa: E402
from store.export.csv_export import COLUMNS  # noqa: E402
from store.highlights import add_highlight  # noqa: E402
from store.markdown_text import paragraphs_to_markdown  # noqa: E402
from store.parsed import ParsedRelease  # noqa: E402
from store.release_saving import save_release  # noqa: E402
from store.releases import get_release  # noqa: E402
from store.tags import create_tag  # noqa: E402

HIGHLIGHTS_PER_RELEASE = 25
SOURCES = ["Farnesina", "European Parliament", "NATO", "Council of the EU", "UN"]


def build_store(store: Store, excerpts: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    pool = sentences()
    with store.write():
        parents = [create_tag(store, f"Topic {p}").created for p in range(10)]
        tags = parents + [
            create_tag(store, f"Topic {p}.{c}", parent_id=parents[p]).created
            for p in range(10)
            for c in range(4)
        ]
    releases = -(-excerpts // HIGHLIGHTS_PER_RELEASE)
    made = 0
    with store.write():  # one transaction: the store's own savepoints nest inside it
        for n in range(releases):
            paragraphs = [
                " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4))) for _ in range(8)
            ]
            parsed = ParsedRelease(
                title=rng.choice(pool)[:120],
                body_markdown=paragraphs_to_markdown(paragraphs),
                date=f"{rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                source=rng.choice(SOURCES),
                url=f"https://example.org/releases/{n}",
                identity=f"bench-export-{n:07d}",
            )
            release_id = save_release(store, parsed, None).release_id
            text = get_release(store, release_id).text
            for _ in range(min(HIGHLIGHTS_PER_RELEASE, excerpts - made)):
                start = rng.randrange(0, len(text) - 400)
                length = rng.choice([60, 150, 300])  # the longest usually cross a paragraph
                tag_ids = rng.sample(tags, rng.choice([1, 1, 2, 3]))
                note = rng.choice(pool) if rng.random() < 0.33 else ""
                add_highlight(store, release_id, start, start + length, tag_ids, note)
                made += 1


def excerpt_rows(store: Store) -> list[list[object]]:
    """Every excerpt as the row the CSV export writes, in memory (for the bare floor)."""
    return [
        [e.highlight_id, e.release_id, "; ".join(t.name for t in e.tags), e.quote,
         e.note, e.prefix, e.suffix, e.start, e.end, e.release_title, e.date,
         e.source, e.url, e.created_at, e.updated_at]
        for e in iter_excerpts(store, ExcerptFilter())
    ]  # fmt: skip


def bare_csv(rows: list[list[object]], path: Path) -> float:
    began = time.perf_counter()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--excerpts", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="Reuse (or build once into) this store.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        db = args.db or out / "bench.db"
        fresh = not db.exists()
        with Store(db) as store:
            if fresh:
                began = time.perf_counter()
                build_store(store, args.excerpts)
                print(f"built the store in {time.perf_counter() - began:.1f} s")
            total = count_excerpts(store)
            print(f"{total} excerpts, {total // HIGHLIGHTS_PER_RELEASE} releases, 50 tags\n")
            report = []

            began = time.perf_counter()
            rows = excerpt_rows(store)
            report.append(("query only (iter_excerpts)", time.perf_counter() - began, None))
            floor = out / "bare.csv"
            report.append(("bare csv.writer, rows in memory", bare_csv(rows, floor), floor))
            for fmt in FORMATS:
                target = out / f"excerpts.{fmt}"
                began = time.perf_counter()
                write_export(store, fmt, target, ExcerptFilter())
                report.append((f"export {fmt}", time.perf_counter() - began, target))
        print(f"{'':34} {'seconds':>8} {'excerpts/s':>11} {'MB':>7}")
        for label, seconds, path in report:
            size = f"{path.stat().st_size / 2**20:7.1f}" if path else ""
            print(f"{label:34} {seconds:8.2f} {total / seconds:11,.0f} {size:>7}")
        print("\n(qdc writes the codebook alone; its excerpts/s is the whole run's rate.)")


if __name__ == "__main__":
    main()
