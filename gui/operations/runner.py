"""The one runner of operations: the store the window works on, its undo stack and its bus.

Views hold an :class:`Operations` and never a store of their own: when the analyst opens
another store, ``storeChanged`` tells each view to read from it. A refusal of any operation,
undoable or not, is reported by ``failed`` (a title and one sentence), and a word for the
status bar by ``said``; the window shows both in one place.

Undo and redo of a step that takes seconds to write (gui.operations.worker_steps) are
written on a worker first; while one is, the runner is ``busy`` and refuses any other edit.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from gui.bus import ChangeBus
from gui.operations.undoable import UndoableOperation
from gui.operations.worker_steps import Direction, StepWriting, WorkerStep
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
        self._writing: StepWriting | None = None

    @property
    def store(self) -> Store:
        return self._store

    @property
    def busy(self) -> bool:
        """Whether an undo or redo is being written on a worker (every other edit waits)."""
        return self._writing is not None

    def refused_while_busy(self, what: str) -> bool:
        """True, and says so in the status bar, while an undo or redo is being written."""
        if self._writing is None:
            return False
        self.say(f"{what} waits: {self._writing.label}")
        return True

    def run(self, operation: UndoableOperation) -> bool:
        """Carry out an undoable operation and put it on the undo stack; False if refused."""
        if self.refused_while_busy(operation.text()):
            return False
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

    def undo(self, over: QWidget | None = None) -> None:
        """Undo the last step (Ctrl+Z): a :class:`WorkerStep` is written on a worker first,
        behind a progress dialog over ``over``; any other step at once."""
        self._move("undo", over)

    def redo(self, over: QWidget | None = None) -> None:
        """Redo the step undone last (Ctrl+Shift+Z), as :meth:`undo` does."""
        self._move("redo", over)

    def _move(self, direction: Direction, over: QWidget | None) -> None:
        stack = self.undo_stack
        if self.refused_while_busy("Undo" if direction == "undo" else "Redo"):
            return
        if not (stack.canUndo() if direction == "undo" else stack.canRedo()):
            return
        step = stack.command(stack.index() - 1 if direction == "undo" else stack.index())
        if not isinstance(step, WorkerStep):
            self._step(direction)
            return
        store, index = self._store, stack.index()
        writing = self._writing = StepWriting(store, step, direction, over)
        self.say(writing.label, 0)
        writing.finished.connect(lambda error: self._written(store, index, step, direction, error))
        writing.start()

    def _written(
        self, store: Store, index: int, step: WorkerStep, direction: Direction, error: str | None
    ) -> None:
        """The worker's write is over: committed (the stack moves, the step announces it)
        or refused (the store and the stack are as they were)."""
        self._writing = None
        done = "Undone" if direction == "undo" else "Redone"
        if error is not None:
            self.say("")
            self.report(f"{'Undo' if direction == 'undo' else 'Redo'}: not done", error)
        # Moved only from where it stood: not once another store was opened (its history
        # forgotten), nor past a step the stack ran itself meanwhile.
        elif store is self._store and self.undo_stack.index() == index:
            self._step(direction)
            self.say(f"{done}: {step.text()}")

    def _step(self, direction: Direction) -> None:
        if direction == "undo":
            self.undo_stack.undo()
        else:
            self.undo_stack.redo()

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
