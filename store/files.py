"""Which files on disk are the store: the one check behind backup, export and the CLI.

A store is its main file and, while it is open, the files SQLite keeps beside it (the
write-ahead log ``-wal``, its index ``-shm``, a rollback ``-journal``). Writing over any of
them, or over a link to one, destroys the store, so every command that writes a file the
analyst names asks :func:`is_store_file` first.
"""

from __future__ import annotations

import os
from pathlib import Path

# The suffixes SQLite adds to the main file's name for the files it keeps beside it.
STORE_FILE_SUFFIXES = ("", "-wal", "-shm", "-journal")


def is_store_file(
    store_path: str | os.PathLike[str] | None, candidate: str | os.PathLike[str]
) -> bool:
    """Whether ``candidate`` is the store's main file (``store_path``), its ``-wal``,
    ``-shm`` or ``-journal``, or a symbolic or hard link to one of them. An in-memory store
    (no path) has no files.

    Paths are compared resolved, so ``./x/../store.db`` and a symbolic link are caught even
    before the file exists; where both files exist, a hard link is caught by comparing
    device and inode.

    >>> is_store_file("/data/desk.db", "/data/./desk.db-wal")
    True
    >>> is_store_file("/data/desk.db", "/data/desk-notes.db")
    False
    """
    if store_path is None:
        return False
    main = Path(store_path).resolve()
    wanted = Path(candidate)
    resolved = wanted.resolve()
    for suffix in STORE_FILE_SUFFIXES:
        kept = main.with_name(main.name + suffix)
        if resolved == kept or _same_file(wanted, kept):
            return True
    return False


def _same_file(a: Path, b: Path) -> bool:
    """Same device and inode (``os.path.samefile``); False when either does not exist."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False
