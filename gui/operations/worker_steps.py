"""Undoable steps whose writes take seconds (tagging ten thousand concordance lines), made
on a worker's connection to the store file each way: the first run, the undo and the redo.

Qt's undo stack runs a step's undo where Ctrl+Z is pressed, on the window's thread. For a
:class:`WorkerStep` the runner (gui.operations.runner) has the write made first, by a
:class:`StepWriting` on a worker thread, the window showing a progress dialog and refusing
any other edit meanwhile; once the write is committed the stack is moved, and the step then
only announces what was written. A write that fails is rolled back whole (it is one
transaction) and the stack stays where it was: nothing is half undone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.background.job import BackgroundJob
from gui.operations.undoable import UndoableOperation
from store.changes import Changes
from store.db import Store

Direction = Literal["redo", "undo"]
# A write done sooner shows no dialog at all (the status bar still says it).
_DIALOG_AFTER_MS = 300


class WorkerStep(UndoableOperation):
    """An undoable operation whose writes can be made on another connection: subclasses
    implement ``write_do`` and ``write_undo``, each one transaction on the store given."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._written: tuple[Direction, Changes] | None = None

    def write_do(self, store: Store) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def write_undo(self, store: Store) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError

    def prepare(self, store: Store, direction: Direction = "redo") -> WorkerStep:
        """Make the write of the next ``redo()`` (or ``undo()``) now, on ``store`` (a
        worker's connection to the same file); that call then only announces it."""
        write = self.write_do if direction == "redo" else self.write_undo
        self._written = (direction, write(store))
        return self

    def do(self) -> Changes:
        written = self._take("redo")
        return written if written is not None else self.write_do(self.store)

    def undo_change(self) -> Changes:
        written = self._take("undo")
        return written if written is not None else self.write_undo(self.store)

    def _take(self, direction: Direction) -> Changes | None:
        written, self._written = self._written, None
        if written is None or written[0] != direction:
            return None
        return written[1]


class _Refused(str):
    """Why a worker's write did not happen (one sentence)."""


class _WriteJob(BackgroundJob):
    """One direction of a step, written on the job's connection as the window's coder."""

    def __init__(self, store: Store, step: WorkerStep, direction: Direction) -> None:
        super().__init__(Path(store.path))
        self.step, self.direction, self.coder = step, direction, store.coder

    def open_store(self, path: Path) -> Store:
        store = Store(path)
        store.coder = self.coder
        return store

    def work(self, store: Store) -> object:
        return self.step.prepare(store, self.direction)

    def failed(self, error: Exception) -> object:
        doing = "undone" if self.direction == "undo" else "redone"
        return _Refused(f"“{self.step.text()}” could not be {doing}: {error}")


class StepWriting(QObject):
    """Writes one direction of a step on a worker while a modal progress dialog (after
    300 ms) keeps the window's edits away; ``finished(error)`` says how it went (None once
    written and committed, else one sentence; the store is then as it was)."""

    finished = Signal(object)

    def __init__(
        self, store: Store, step: WorkerStep, direction: Direction, over: QWidget | None
    ) -> None:
        super().__init__()
        self.direction = direction
        doing = "Undoing" if direction == "undo" else "Redoing"
        self.label = f"{doing} “{step.text()}”…"
        self._dialog = QProgressDialog(self.label, "", 0, 0, over)
        self._dialog.setCancelButton(None)  # one transaction: it commits whole or not at all
        self._dialog.setWindowTitle(doing)
        # Every window of the program waits: the Issuers and side-by-side dialogs undo too.
        self._dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._dialog.setMinimumDuration(_DIALOG_AFTER_MS)
        self._dialog.setAutoClose(False)
        self._dialog.setAutoReset(False)
        self._job = _WriteJob(store, step, direction)
        self._job.finished.connect(self._done)

    def start(self) -> None:
        self._job.start()

    def _done(self, result: object) -> None:
        self._dialog.close()
        self._dialog.deleteLater()
        self._job.deleteLater()
        self.finished.emit(result if isinstance(result, _Refused) else None)
