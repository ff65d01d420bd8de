"""The base of every undoable operation: redo() and undo() are real, committed store writes.

An operation holds only what the analyst chose (ids, offsets, names); the runner binds it to
the store and to the announcing of its Changes when it is pushed, so that a step run later
from the undo stack (Ctrl+Z, Ctrl+Shift+Z) writes to the same store and announces the same
way. A write the store refuses does not raise out of Qt's C++ ``push()``: the operation keeps
the one-sentence message in ``error`` and marks itself obsolete, so the stack drops it. The
store is as it was, since each write is atomic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from store.changes import Changes
from store.db import Store, StoreError

Announce = Callable[[Changes], None]
Report = Callable[[str, str], None]


class UndoableOperation(QUndoCommand):
    """Subclasses implement ``do`` and ``undo_change``, each returning the store's Changes."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.error: str | None = None
        self._store: Store | None = None
        self._announce: Announce = lambda _changes: None
        self._report: Report = lambda _title, _message: None

    @property
    def store(self) -> Store:
        assert self._store is not None, "an operation runs only once the runner has bound it"
        return self._store

    def bind(self, store: Store, announce: Announce, report: Report) -> None:
        self._store, self._announce, self._report = store, announce, report

    def redo(self) -> None:
        self._run(self.do)

    def undo(self) -> None:
        self._run(self.undo_change)

    def do(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_change(self) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def _run(self, step: Callable[[], Changes]) -> None:
        try:
            changes = step()
        except (StoreError, sqlite3.Error) as error:
            # A raw sqlite3 error means the store changed under the operation (another window
            # took a topic name back, say); it still becomes one sentence.
            self.error = (
                str(error)
                if isinstance(error, StoreError)
                else f"“{self.text()}” could not be applied: {error}."
            )
            self.setObsolete(True)
            self._report(f"{self.text()}: not done", self.error)
            return
        self._announce(changes)
