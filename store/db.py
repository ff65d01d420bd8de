"""Opening a store: connection settings, write transactions, migrations, backups.

Every connection runs in WAL mode with foreign keys on and a busy timeout, and every write
goes through :meth:`Store.write`, which begins IMMEDIATE: a deferred transaction that reads
and then writes fails with "database is locked" when a second process writes, whatever the
busy timeout.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import platformdirs

from store.coder_names import default_coder
from store.files import is_store_file
from store.schema import APPLICATION_ID, MIGRATION_STEPS, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")
BUSY_TIMEOUT_MS = 10_000
# A big import is one transaction and grows the write-ahead log to hundreds of MB; once it
# is checkpointed, the log is cut back to this size instead of keeping that space.
WAL_SIZE_LIMIT = 64 * 1024 * 1024
DB_ENV_VAR = "COMMUNIQUE_DB"
BACKING_UP = "Backing up the store"

# progress(step, steps, what): called before each step of an upgrade, from the opening thread.
UpgradeProgress = Callable[[int, int, str], None]


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


def peek(path: str | os.PathLike[str], read: Callable[[sqlite3.Connection], T], default: T) -> T:
    """What ``read`` finds in the store at ``path``, opened read-only so that the file is
    not changed; ``default`` when there is no such file or it cannot be read as SQLite."""
    path = Path(path)
    if str(path) == ":memory:" or not path.is_file():
        return default
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return default
    try:
        return read(conn)
    except sqlite3.Error:
        return default
    finally:
        conn.close()


def stored_schema_version(path: str | os.PathLike[str]) -> int | None:
    """The schema version of the store at ``path`` (``PRAGMA user_version``), read without
    changing the file; None when there is no such file or it cannot be read as SQLite."""
    return peek(path, lambda conn: conn.execute("PRAGMA user_version").fetchone()[0], None)


def upgrade_backup(path: str | os.PathLike[str]) -> Path | None:
    """The backup that opening the store at ``path`` will write before upgrading its schema,
    or None when it opens as it is: current, new, empty, from a newer program, or not a store
    at all (``Store(path)`` then says why). Reads ``PRAGMA user_version`` without changing the
    file, so a window can decide to show progress before it opens the store.
    """
    version = stored_schema_version(path)
    if version is None or not 0 < version < SCHEMA_VERSION:
        return None
    return _backup_path(Path(path), version)


def _backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


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

    def __init__(
        self, path: str | os.PathLike[str], progress: UpgradeProgress | None = None
    ) -> None:
        """Open (or create) the store, upgrading an older schema first; ``progress`` hears of
        each step of an upgrade (the backup, then each migration) before it starts. A new
        store is created in one go and ``progress`` hears nothing: nothing is upgraded, and
        :attr:`created` says that this opening made it."""
        self.path = Path(path) if str(path) != ":memory:" else None
        self.created = False
        # Who this session writes as: every highlight and codebook change carries it.
        self.coder = default_coder()
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
        self._depth = 0
        try:
            _check_is_ours(conn, self.path)
            _configure(conn)
            self._conn = conn
            self._migrate(progress)
        except BaseException:
            conn.close()
            raise

    @property
    def conn(self) -> sqlite3.Connection:
        return self._conn

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the connection, made on first use: the command line's quick
        commands never need it, and importing it imports numpy (0.1–0.9 s of start-up)."""
        import sqlite_utils

        return sqlite_utils.Database(self._conn)

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
        if is_store_file(self.path, target):
            raise StoreError("A backup cannot overwrite the store itself.")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            copy = sqlite3.connect(partial)
        except sqlite3.Error as error:  # a folder that cannot be written
            raise StoreError(f"{target} cannot be written: {error}") from None
        try:
            self.conn.backup(copy)
            copy.close()
            os.replace(partial, target)
        except BaseException:
            # A backup that failed half-way (a full disk) must not leave gigabytes behind.
            copy.close()
            partial.unlink(missing_ok=True)
            raise
        return target

    def _migrate(self, progress: UpgradeProgress | None) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreTooNew(
                f"{self.path} was written by a newer version of Communiqué Desk "
                f"(schema {version}, this program knows up to {SCHEMA_VERSION}); "
                "it was not changed. Update the program to open it."
            )
        if version == SCHEMA_VERSION:
            return
        if version == 0:
            self._create()
            return
        backup = self.path is not None
        steps = int(backup) + SCHEMA_VERSION - version
        report = progress or _no_progress
        if backup:
            report(1, steps, BACKING_UP)
            target = _backup_path(self.path, version)
            try:
                self.backup_to(target)
            except (OSError, sqlite3.Error) as error:
                raise StoreError(
                    f"{self.path} needs upgrading for this version of Communiqué Desk, but "
                    f"its backup could not be written to {target} ({error}); the store was "
                    "not changed. Free some disk space if it is full, and open it again."
                ) from None
        for number in range(version, SCHEMA_VERSION):
            report(steps - SCHEMA_VERSION + number + 1, steps, MIGRATION_STEPS[number])
            try:
                with self.write() as conn:
                    for statement in MIGRATIONS[number]:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number + 1}")
                    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            except sqlite3.Error as error:
                # Each step is one transaction: the failed one left nothing behind.
                raise StoreError(
                    f"Upgrading {self.path or 'the store'} stopped at “{MIGRATION_STEPS[number]}” "
                    f"({error}); the store is whole, and opening it again resumes the upgrade."
                ) from None

    def _create(self) -> None:
        """A new store gets every migration in one transaction: it has nothing to back up,
        and a program stopped half-way leaves an empty file that the next opening creates."""
        try:
            with self.write() as conn:
                for statements in MIGRATIONS[:SCHEMA_VERSION]:
                    for statement in statements:
                        conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        except sqlite3.Error as error:
            raise StoreError(
                f"A new store could not be created at {self.path or 'the store'} ({error}); "
                "choose a folder you can write to with --db PATH."
            ) from None
        self.created = True


def _no_progress(_step: int, _steps: int, _what: str) -> None:
    pass


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
        raise NotAStore(
            f"{path} is not a Communiqué Desk store ({error}) and was left unchanged; open a "
            "store, or a new file name to create one."
        ) from None
    if app_id not in (0, APPLICATION_ID) or (app_id == 0 and tables > 0):
        raise NotAStore(
            f"{path} is an SQLite database of another program, not a Communiqué Desk store, "
            "and was left unchanged; open a store, or a new file name to create one."
        )
