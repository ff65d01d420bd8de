"""A big store opened so that it cannot be written: the shared million-release bench store
may be of an older schema, and opening it as ``Store`` does would upgrade it in place.

Tables that later migrations add (statement groups, unread releases…) and that the list's
queries read are made as empty temporary tables of the same name on this connection only:
what the store would hold right after the upgrade, before anything used them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from store.db import Store
from store.schema import MIGRATIONS


def read_only_store(path: Path) -> Store:
    """``path`` opened read-only (``mode=ro``) as a ``Store`` for the store's read queries."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
        check_same_thread=False,
    )  # fmt: skip
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    for migration in MIGRATIONS:
        for statement in migration:
            words = statement.split(None, 3)
            if words[:2] == ["CREATE", "TABLE"]:
                name = words[2].split("(")[0]
                if name not in present:
                    conn.execute("CREATE TEMP TABLE " + statement.split(None, 2)[2])
    store = Store.__new__(Store)
    store.path, store.created, store.coder, store._depth, store._conn = path, False, "", 0, conn
    return store
