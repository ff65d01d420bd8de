"""The one runner of operations: the store the window works on, its undo stack and its bus.

Views hold an :class:`Operations` and never a store of their own: when the analyst opens
another store, ``storeChanged`` tells each view to read from it. A refusal of any operation,
undoable or not, is reported by ``failed`` (a title and one sentence), and a word for the
status bar by ``said``; the window shows both in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from gui.bus import ChangeBus
from gui.operations.undoable import UndoableOperation
from store.changes import Changes
from store.db import Store


class Operations(QObject):
    storeChanged = Signal(object)  # the Store now worked on
    failed = Signal(str, str)  # title, one sentence saying what was refused and why
    said = Signal(str, int)  # a word for the status bar, how many ms it stays

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)

    @property
    def store(self) -> Store:
        return self._store

    def run(self, operation: UndoableOperation) -> bool:
        """Carry out an undoable operation and put it on the undo stack; False if refused."""
        operation.bind(self._store, self.bus.announce, self.report)
        self.undo_stack.push(operation)
        return operation.error is None

    def run_steps(self, text: str, operations: list[UndoableOperation]) -> bool:
        """Several operations as one step of the undo stack (one Ctrl+Z undoes them all)."""
        if len(operations) == 1:
            return self.run(operations[0])
        self.undo_stack.beginMacro(text)
        done = [self.run(operation) for operation in operations]
        self.undo_stack.endMacro()
        return all(done)

    def announce(self, changes: Changes) -> None:
        """Tell every view what an operation that is not undoable (an import) changed."""
        self.bus.announce(changes)

    def report(self, title: str, message: str) -> None:
        self.failed.emit(title, message)

    def say(self, text: str, ms: int = 4000) -> None:
        self.said.emit(text, ms)

    def set_store(self, store: Store) -> None:
        """Work on another store from now on; the old one is closed and its undo history,
        which refers to it, forgotten."""
        old, self._store = self._store, store
        self.undo_stack.clear()
        self.storeChanged.emit(store)
        if old is not store:
            old.close()
