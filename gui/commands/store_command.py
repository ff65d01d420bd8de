"""The base of every undoable change: redo() and undo() are real, committed store writes.

Each step announces the :class:`Changes` its store call returned on the bus, so views refresh
the same way whether a change is made, undone or redone. A write the store refuses does not
raise out of Qt's C++ ``push()``: the command keeps the one-sentence message in ``error`` and
marks itself obsolete (so the stack drops it), and :func:`push_command` hands the message
back to the caller to show. The store is as it was, since each write is atomic.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from gui.bus import ChangeBus
from store.changes import Changes
from store.db import Store, StoreError


class StoreCommand(QUndoCommand):
    """Subclasses implement ``do`` and ``undo_change``, each returning the store's Changes."""

    def __init__(self, store: Store, bus: ChangeBus, text: str) -> None:
        super().__init__(text)
        self.store = store
        self.bus = bus
        self.error: str | None = None

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
            # A raw sqlite3 error means the store changed under the command (another window
            # took a tag name back, say); it still becomes one sentence.
            self.error = (
                str(error)
                if isinstance(error, StoreError)
                else f"“{self.text()}” could not be applied: {error}."
            )
            self.setObsolete(True)
            return
        self.bus.announce(changes)


def push_command(stack: QUndoStack, command: StoreCommand) -> str | None:
    """Push (which runs redo) and return the store's one-sentence refusal, if any."""
    stack.push(command)
    return command.error
