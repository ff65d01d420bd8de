"""Bulk import throughput: the project's import of a JSONL file with HTML bodies, beside a
bare sqlite3 ``executemany`` + FTS5 insert of the same rows, in the same run; and between
them the store's save alone (the rows converted beforehand), the ceiling the schema sets.

    .venv/bin/python bench/bench_import.py --releases 100000
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_sentences import sentences  # noqa: E402
from store.db import Store  # noqa: E402
from store.imports.bulk_files import _convert  # noqa: E402
from store.imports.pipeline import CHUNK_BYTES, import_paths  # noqa: E402
from store.ingest.record_batches import record_batches  # noqa: E402
from store.release_saving import save_releases  # noqa: E402

SOURCES = [
    "Ministry of Foreign Affairs",
    "NATO",
    "European Parliament",
    "UN Secretary-General",
    "Department of State",
    "Council of the EU",
    "Auswärtiges Amt",
    "Farnesina",
]


def make_records(count: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pool = sentences()
    records = []
    for n in range(count):
        paragraphs = [
            " ".join(rng.choice(pool) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(2, 8))
        ]
        records.append(
            {
                "id": f"bench-{n:07d}",
                "title": rng.choice(pool)[:120],
                "date": (
                    f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                ),
                "source": rng.choice(SOURCES),
                "url": f"https://example.org/releases/{n}",
                "html": "".join(f"<p>{p}</p>" for p in paragraphs),
            }
        )
    return records


# The store's search index has prefix indexes for search as you type (migration 6); the
# issue's floor has none. The floor is also run with them, to show what they cost alone.
STORE_PREFIXES = ", prefix='1 2 3'"


def bare_floor(records: list[dict[str, str]], folder: Path, prefixes: str = "") -> float:
    """Releases/s of a bare executemany of the records, then one INSERT of them all into an
    FTS5 index (with ``prefixes``, the FTS5 option, if given)."""
    name = "bare-prefixes.db" if prefixes else "bare.db"
    conn = sqlite3.connect(folder / name)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE releases(id INTEGER PRIMARY KEY, identity TEXT UNIQUE, title, "
        "date, source, url, body)"
    )
    conn.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='releases', "
        f"content_rowid='id'{prefixes})"
    )
    started = time.perf_counter()
    rows = [(r["id"], r["title"], r["date"], r["source"], r["url"], r["html"]) for r in records]
    with conn:
        conn.executemany(
            "INSERT INTO releases(identity, title, date, source, url, body) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute("INSERT INTO fts(rowid, title, body) SELECT id, title, body FROM releases")
    elapsed = time.perf_counter() - started
    conn.close()
    return len(records) / elapsed


def saving_alone(records: list[dict[str, str]], folder: Path) -> float:
    """Releases/s of the store's own save, the same rows converted beforehand (untimed) and
    saved as an import saves them: what the import would reach if converting were free."""
    path = folder / "converted.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    with path.open("rb") as file:
        batches = [_convert(batch).releases for batch in record_batches(file, "jsonl", CHUNK_BYTES)]
    with Store(folder / "saved.db") as store:
        started = time.perf_counter()
        with store.write():
            for batch in batches:
                save_releases(store, batch, str(path))
        elapsed = time.perf_counter() - started
    return len(records) / elapsed


def project_import(records: list[dict[str, str]], folder: Path) -> float:
    path = folder / "releases.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8")
    with Store(folder / "project.db") as store:
        started = time.perf_counter()
        summary = import_paths(store, [path])
        elapsed = time.perf_counter() - started
    assert summary.imported == len(records), summary
    return len(records) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--releases", type=int, default=100_000)
    args = parser.parse_args()
    records = make_records(args.releases)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        floor = bare_floor(records, folder)
        with_prefixes = bare_floor(records, folder, STORE_PREFIXES)
        saving = saving_alone(records, folder)
        ours = project_import(records, folder)
    print(f"releases: {args.releases}")
    print(f"bare executemany + FTS5: {floor:,.0f} releases/s")
    print(f"the same, FTS5 with the store's prefix indexes: {with_prefixes:,.0f} releases/s")
    print(f"saving alone, converted beforehand: {saving:,.0f} releases/s ({saving / floor:.3f})")
    print(f"communique import (JSONL, HTML bodies): {ours:,.0f} releases/s")
    print(f"ratio: {ours / floor:.3f} (aim: at least 0.333)")


if __name__ == "__main__":
    main()
