"""Merging a colleague's store as one undoable step, its preview, and the work behind both.

The preview, the merge, its undo and its redo each run on a worker thread of their own
(:class:`gui.background.job.BackgroundJob`) behind a progress dialog, so the window keeps
painting while 100,000 releases are merged. The step holds the :class:`MergeResult` of the
merge it made: Ctrl+Z takes exactly that away (:func:`store.merge.undo_merge`), Ctrl+Shift+Z
merges the colleague's store again. A QDPX project of another tool is first read into a
store of its own in a temporary folder, which the step keeps for as long as it may redo.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.background.job import BackgroundJob
from gui.dialogs.job_progress import run_with_progress
from gui.operations.undoable import UndoableOperation
from store.changes import Changes
from store.db import Store, StoreError
from store.imports.refi_qda import import_refi
from store.merge import MergeResult, merge_store, preview_merge, undo_merge
from store.parsed import UnreadableFile

QDA_PROJECTS = (".qdpx", ".qdc")  # read as communique import reads them, then merged
PROGRESS_WIDTH = 420


class _Cancelled(Exception):
    """Raised inside the merge's transaction when Cancel was pressed: it rolls back."""


@dataclass(frozen=True)
class MergeOutcome:
    """What a merge job ended with: its result, or one sentence, or a cancel."""

    result: MergeResult | None = None
    error: str | None = None
    cancelled: bool = False
    source: Path | None = None  # the store merged (a QDPX project's converted store)


def failure_sentence(source: Path, error: Exception) -> str:
    """Why a merge of ``source`` could not run, in one sentence that says nothing changed."""
    if isinstance(error, UnreadableFile):
        return f"{source}: {error} Nothing was changed."
    if isinstance(error, StoreError):
        return f"{error} Nothing was changed."
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return (
            f"{source.name} or this store is locked by another program; nothing was "
            "changed (close it there and merge again)."
        )
    if isinstance(error, sqlite3.DatabaseError):
        return f"{source} cannot be read as a store ({error}); nothing was changed."
    return f"The merge of {source.name} stopped ({error!r}); nothing was changed."


class MergeJob(BackgroundJob):
    """Previews or makes the merge of ``source`` on the worker's connection to the store.

    ``progress(done, total)`` counts their releases; Cancel rolls the whole merge back.
    A QDPX project is read first into a store in ``scratch`` (a folder the caller keeps).
    """

    progress = Signal(int, int)

    def __init__(
        self,
        store_path: Path,
        source: Path,
        preview: bool,
        scratch: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store_path, parent)
        self.source, self.preview, self.scratch = source, preview, scratch

    def work(self, store: Store) -> MergeOutcome:
        source = self.source
        if source.suffix.lower() in QDA_PROJECTS and self.scratch is not None:
            source = project_as_store(source, store.coder, self.scratch)

        def step(done: int, total: int) -> None:
            if self.cancel_requested.is_set():
                raise _Cancelled
            self.progress.emit(done, total)

        run = preview_merge if self.preview else merge_store
        return MergeOutcome(run(store, source, step), source=source)

    def failed(self, error: Exception) -> MergeOutcome:
        if isinstance(error, _Cancelled):
            return MergeOutcome(cancelled=True)
        return MergeOutcome(error=failure_sentence(self.source, error))


def project_as_store(project: Path, coder: str, folder: Path) -> Path:
    """A QDPX project (or QDC codebook) read into a new store in ``folder``, its highlights
    carrying their project users (``coder`` where the project names none)."""
    target = folder / f"{project.stem}.db"
    if target.exists():
        return target
    with Store(target) as converted:
        converted.coder = coder
        import_refi(converted, project)
    return target


class UndoMergeJob(BackgroundJob):
    """Takes a merge's additions away, on the worker's connection."""

    progress = Signal(int, int)  # the dialog's; an undo is one statement per table

    def __init__(self, store_path: Path, result: MergeResult, parent: QObject | None = None):
        super().__init__(store_path, parent)
        self.merged = result

    def work(self, store: Store) -> Changes:
        return undo_merge(store, self.merged)

    def failed(self, error: Exception) -> str:
        if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
            return "The store is locked by another program; the merge was not undone."
        return f"The merge could not be undone ({error}); the store is as it was."


class MergeColleagueStore(UndoableOperation):
    """One step of the undo stack: the merge of a colleague's store (or of a converted
    QDPX project, whose folder ``keep`` holds)."""

    def __init__(
        self, source: Path, shown_name: str, parent: QWidget, keep: TemporaryDirectory | None
    ) -> None:
        super().__init__(f"Merge {shown_name}")
        self.source, self.shown_name, self.parent, self._keep = source, shown_name, parent, keep
        self.result: MergeResult | None = None

    def do(self) -> Changes:
        job = MergeJob(self._store_path(), self.source, preview=False, parent=self.parent)
        outcome = run_with_progress(
            job, self.parent, "Merging", f"Merging {self.shown_name}…", PROGRESS_WIDTH
        )
        if outcome.cancelled:
            raise StoreError(f"The merge of {self.shown_name} was cancelled; nothing changed.")
        if outcome.error:
            raise StoreError(outcome.error)
        self.result = outcome.result
        return self.result.changes | Changes(elsewhere=True)

    def undo_change(self) -> Changes:
        job = UndoMergeJob(self._store_path(), self.result, self.parent)
        outcome = _run_without_cancel(
            job, self.parent, "Undoing the merge", f"Taking {self.shown_name}'s merge away…"
        )
        if isinstance(outcome, str):
            raise StoreError(outcome)
        return outcome

    def _store_path(self) -> Path:
        if self.store.path is None:
            raise StoreError("A store held in memory cannot be merged into; open a store file.")
        return self.store.path


def _run_without_cancel(job: BackgroundJob, parent: QWidget, title: str, label: str) -> object:
    """Run ``job`` behind a modal dialog that only waits (an undo is not stopped halfway)."""
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(PROGRESS_WIDTH)
    result = job.run_and_wait()
    dialog.close()
    dialog.deleteLater()
    job.deleteLater()
    return result
