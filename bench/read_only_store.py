"""A big store opened so that it cannot be written: the shared million-release bench store
may be of an older schema, and opening it as ``Store`` does would upgrade it in place.

Tables that later migrations add (statement groups, unread releases…) are made as empty
temporary tables of the same name on this connection only, and a table a later migration
gives a column (a highlight's coder) is shadowed by a temporary view of the same name with
that column at its default: what the store would hold right after the upgrade, before
anything used them. SQLite resolves a name in the temporary schema first.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from store.db import Store
from store.schema import MIGRATIONS

_ADDED_COLUMN = re.compile(
    r"ALTER TABLE (\w+) ADD COLUMN (\w+)[^;]*?(?:DEFAULT ('[^']*'|[-\w.]+))?\s*$", re.S
)


def read_only_store(path: Path) -> Store:
    """``path`` opened read-only (``mode=ro``) as a ``Store`` for the store's read queries."""
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
        check_same_thread=False,
    )  # fmt: skip
    present = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    added: dict[str, list[str]] = {}
    for migration in MIGRATIONS:
        for statement in migration:
            words = statement.split(None, 3)
            if words[:2] == ["CREATE", "TABLE"]:
                name = words[2].split("(")[0]
                if name not in present:
                    conn.execute("CREATE TEMP TABLE " + statement.split(None, 2)[2])
            elif column := _ADDED_COLUMN.match(statement.strip()):
                table, name, default = column.groups()
                held = {row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")}
                if held and name not in held:
                    added.setdefault(table, []).append(f"{default or 'NULL'} AS {name}")
    for table, columns in added.items():
        conn.execute(
            f"CREATE TEMP VIEW {table} AS SELECT *, {', '.join(columns)} FROM main.{table}"
        )
    store = Store.__new__(Store)
    store.path, store.created, store.coder, store._depth, store._conn = path, False, "", 0, conn
    return store
