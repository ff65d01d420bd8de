"""How long the statement-group detector takes over a whole store, beyond the import.

    .venv/bin/python bench/generate_store.py 100000
    .venv/bin/python bench/bench_statement_groups.py bench/out/store-100000.db

Runs ``detect_groups`` on every release of the store (as the import does on a file's new
releases) in one transaction, and prints the time and how many releases joined a group.
Write the figure in docs/performance.md.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.statement_detection import detect_groups  # noqa: E402


def main() -> None:
    with Store(sys.argv[1]) as store:
        ids = [row[0] for row in store.conn.execute("SELECT id FROM releases")]
        started = time.perf_counter()
        joined = detect_groups(store, ids)
        seconds = time.perf_counter() - started
    print(f"{len(ids)} releases gone over in {seconds:.1f} s; {joined} joined a group")


if __name__ == "__main__":
    main()
