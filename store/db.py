"""Opening a store: connection settings, write transactions, migrations, backups.

Every connection runs in WAL mode with foreign keys on and a busy timeout, and every write
goes through :meth:`Store.write`, which begins IMMEDIATE: a deferred transaction that reads
and then writes fails with "database is locked" when a second process writes, whatever the
busy timeout.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs
import sqlite_utils

from store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 10_000
# A big import is one transaction and grows the write-ahead log to hundreds of MB; once it
# is checkpointed, the log is cut back to this size instead of keeping that space.
WAL_SIZE_LIMIT = 64 * 1024 * 1024
DB_ENV_VAR = "COMMUNIQUE_DB"


class StoreError(Exception):
    """A store that cannot be opened or used; the message is one sentence for the analyst."""


class NotAStore(StoreError):
    """The file exists but is not a Communiqué Desk store; it was left untouched."""


class StoreTooNew(StoreError):
    """The store was written by a newer version of the program; it was left untouched."""


def default_store_path() -> Path:
    """``$COMMUNIQUE_DB`` if set, else ``communique.db`` in the platform's user data folder."""
    configured = os.environ.get(DB_ENV_VAR)
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("communique-desk", appauthor=False)) / "communique.db"


def now_iso() -> str:
    """The current UTC time as ISO 8601 with seconds, the store's one timestamp format."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """An open store. Reads go through :attr:`db` (sqlite-utils); writes through :meth:`write`.

    >>> store = Store(":memory:")
    >>> with store.write():
    ...     _ = store.db.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
    >>> store.db["tags"].count
    1
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._depth = 0
        try:
            _check_is_ours(conn, self.path)
            _configure(conn)
            self.db = sqlite_utils.Database(conn)
            self._migrate()
        except BaseException:
            conn.close()
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: BEGIN IMMEDIATE, COMMIT on success, ROLLBACK on any error.

        Nested blocks become savepoints, so an inner failure undoes only the inner work.
        """
        conn = self.conn
        if self._depth == 0:
            conn.execute("BEGIN IMMEDIATE")
            opened = "BEGIN"
        else:
            opened = f"sp{self._depth}"
            conn.execute(f"SAVEPOINT {opened}")
        self._depth += 1
        try:
            yield conn
        except BaseException:
            self._depth -= 1
            if opened == "BEGIN":
                conn.execute("ROLLBACK")
            else:
                conn.execute(f"ROLLBACK TO {opened}")
                conn.execute(f"RELEASE {opened}")
            raise
        self._depth -= 1
        conn.execute("COMMIT" if opened == "BEGIN" else f"RELEASE {opened}")

    def data_version(self) -> int:
        """Changes whenever another connection commits to this store (for live refresh)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def backup_to(self, target: str | os.PathLike[str]) -> Path:
        """Write a consistent copy of the store with SQLite's online backup API."""
        target = Path(target)
        if self.path is not None and target.resolve() == self.path.resolve():
            raise StoreError("A backup cannot overwrite the store itself.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        copy = sqlite3.connect(partial)
        try:
            self.conn.backup(copy)
        finally:
            copy.close()
        os.replace(partial, target)
        return target

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} was written by a newer version of Communiqué Desk "
                f"(schema {version}, this program knows up to {SCHEMA_VERSION}); "
                "it was not changed. Update the program to open it."
            )
        if version == SCHEMA_VERSION:
            return
        if version > 0 and self.path is not None:
            self.backup_to(self.path.with_name(f"{self.path.name}.v{version}.bak"))
        for number in range(version, SCHEMA_VERSION):
            with self.write() as conn:
                for statement in MIGRATIONS[number]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _configure(conn: sqlite3.Connection) -> None:
    # The connection was opened with isolation_level=None: the sqlite3 module opens no
    # transactions of its own; Store.write() opens every one, IMMEDIATE.
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA journal_size_limit = {WAL_SIZE_LIMIT}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")


def _check_is_ours(conn: sqlite3.Connection, path: Path | None) -> None:
    """Refuse, without writing a byte, a file that is not a Communiqué Desk store."""
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise NotAStore(f"{path} is not a Communiqué Desk store ({error}).") from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0):
        raise NotAStore(
            f"{path} is an SQLite database of another program, not a Communiqué Desk store; "
            "it was not changed."
        )
