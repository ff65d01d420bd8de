"""A store opened read-only, for benchmarks on a store that others share and nobody may
change (the million-release store): no migration, no write, SQLite refuses any."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from store.db import Store


def read_only_store(path: Path) -> Store:
    """The store at ``path`` as it is; its schema must be the program's own."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
        check_same_thread=False,
    )  # fmt: skip
    store = Store.__new__(Store)
    store.path, store.created, store._depth = path, False, 0
    store.db = sqlite_utils.Database(conn)
    return store
