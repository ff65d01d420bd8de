"""Was the store closed cleanly last time, and is it sound: markers and quick checks.

SQLite in WAL mode survives a killed process: the next connection replays or drops the
write-ahead log, so a committed highlight is never lost. What an analyst wants to know
after a crash (or a power cut) is whether the file is still sound, and that costs a
``PRAGMA quick_check``: too slow to run at every start on a large store, cheap enough after
an unclean exit. So the window leaves a marker ``<store>.open`` while it runs and removes it
when it closes; a marker found at start-up means the last run did not close.

The marker is also locked (``flock``) while the window runs, and the operating system drops
that lock when the process ends, however it ends. A marker nobody holds is a crash; a
marker another running copy holds is that copy, not a crash. Without ``fcntl`` (Windows) the
marker's presence alone decides, so a second copy open at once reads as an unclean exit:
a needless quick check, never a missed one.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from store.db import Store, StoreError
from store.kept_counts import drifted_counts

try:
    import fcntl
except ImportError:  # Windows: the marker's presence alone decides
    fcntl = None  # type: ignore[assignment]

MARKER_SUFFIX = ".open"

# File descriptors of the markers this process holds, one per store path; the lock on each
# lives exactly as long as the process or until mark_closed.
_held: dict[Path, int] = {}


def marker_path(store_path: str | os.PathLike[str]) -> Path:
    """``/data/desk.db`` → ``/data/desk.db.open``."""
    path = Path(store_path)
    return path.with_name(path.name + MARKER_SUFFIX)


def mark_open(store_path: str | os.PathLike[str]) -> None:
    """Leave a marker saying the store is open in this process (call at window start)."""
    key = Path(store_path).resolve()
    if key in _held:
        return
    fd = os.open(marker_path(key), os.O_RDWR | os.O_CREAT, 0o644)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_SH)  # shared: every running copy holds one
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _held[key] = fd


def mark_closed(store_path: str | os.PathLike[str]) -> None:
    """Remove this process's marker (call after the store was closed cleanly).

    When another running copy still holds the marker, it is left for that copy: removing it
    would hide that copy's crash.
    """
    key = Path(store_path).resolve()
    fd = _held.pop(key, None)
    if fd is None:
        return
    try:
        alone = True
        if fcntl is not None:
            try:  # upgrading succeeds only when no other process holds it
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                alone = False
        if alone:
            marker_path(key).unlink(missing_ok=True)
    finally:
        os.close(fd)


def was_closed_cleanly(store_path: str | os.PathLike[str]) -> bool:
    """False when the last program that had the store open ended without closing it.

    Call before :func:`mark_open`. A marker held by a copy still running is not a crash.
    """
    marker = marker_path(Path(store_path).resolve())
    if not marker.exists():
        return True
    if fcntl is None:
        return False
    try:
        fd = os.open(marker, os.O_RDONLY)
    except FileNotFoundError:  # closed cleanly between our two looks
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True  # another copy has it open right now
    else:
        return False
    finally:
        os.close(fd)  # closing also releases the probe's lock


def quick_check(store: Store) -> list[str]:
    """``PRAGMA quick_check``: the problems it finds, or ``[]`` when the store is sound.

    A store damaged badly enough that SQLite cannot even run the check is one problem,
    described by SQLite's message ("database disk image is malformed").
    """
    return _pragma_problems(store, "quick_check")


def integrity_problems(store: Store) -> list[str]:
    """Every problem the full checks find: pages and indexes, foreign keys, search index,
    kept counts.

    ``PRAGMA integrity_check`` reads every page and compares every index with its table;
    ``foreign_key_check`` finds highlights pointing at missing releases or tags; FTS5's
    ``integrity-check`` compares the search index with the releases it indexes; the counts
    kept by triggers are compared with fresh counts (``store.kept_counts``).
    """
    problems = _pragma_problems(store, "integrity_check")
    try:
        for table, rowid, parent, _ in store.conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"row {rowid} of {table} refers to a missing row of {parent}")
    except sqlite3.DatabaseError as error:
        problems.append(f"foreign keys could not be checked: {error}")
    try:
        # A write statement that writes nothing; inside write() it takes the lock politely.
        # rank = 1 compares the index with the releases table too, not only with itself.
        with store.write() as conn:
            conn.execute(
                "INSERT INTO releases_fts(releases_fts, rank) VALUES ('integrity-check', 1)"
            )
    except (sqlite3.DatabaseError, StoreError) as error:
        problems.append(f"the search index does not match the releases: {error}")
    try:
        problems += drifted_counts(store)
    except sqlite3.DatabaseError as error:
        problems.append(f"the kept counts could not be checked: {error}")
    return problems


def _pragma_problems(store: Store, pragma: str) -> list[str]:
    try:
        rows = [row[0] for row in store.conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows
