"""Importing files and folders off the GUI thread, with progress, cancel and a summary.

The import runs as a :class:`gui.background.job.BackgroundJob`, on a worker thread and its
own ``Store`` connection, and reports through signals, so the window keeps painting. Cancel
is asked between files and every file is imported in its own transaction: a cancelled import
keeps whole the files done and nothing of the rest.

Tests drive :class:`ImportRunner` directly; :func:`run_import` runs it behind the modal
progress dialog (:mod:`gui.dialogs.job_progress`) and shows the summary box the analyst sees.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.background.job import BackgroundJob
from gui.dialogs.job_progress import run_with_progress
from gui.settings import last_folder, remember_folder
from store.db import Store, StoreError
from store.imports.pipeline import ImportSummary, Skipped, import_paths

# What the file dialog offers; the importer itself decides by content, so "All files" stays.
IMPORT_FILTER = (
    "Releases (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.xml *.rss *.atom *.rdf "
    "*.json *.jsonl *.ndjson *.csv *.tsv);;All files (*)"
)


class ImportRunner(BackgroundJob):
    """Runs one import in a worker thread.

    ``progress(done, total, current_file)`` is emitted from the worker thread (a slot that is
    a QObject's in the GUI thread gets it queued); ``finished(summary)`` is emitted in the GUI
    thread once the worker thread has ended and its store connection is closed. ``cancel()``
    stops after the file being imported now.
    """

    progress = Signal(int, int, str)

    def __init__(self, store_path: Path, paths: list[str], parent: QObject | None = None):
        super().__init__(store_path, parent)
        self.paths = [str(p) for p in paths]

    @property
    def summary(self) -> ImportSummary | None:
        return self.result

    def work(self, store: Store) -> ImportSummary:
        return import_paths(
            store,
            self.paths,
            progress=self.progress.emit,  # queued to the GUI thread's slots
            should_cancel=self.cancel_requested.is_set,
        )

    def failed(self, error: Exception) -> ImportSummary:
        reason = str(error) if isinstance(error, StoreError) else f"the import stopped: {error!r}"
        return ImportSummary(skipped=[Skipped(str(self.store_path), reason)])


def run_import(
    store_path: Path, paths: list[str], parent: QWidget | None = None
) -> ImportSummary | None:
    """Import with a modal progress dialog, then show what happened; None if no paths.

    The caller announces ``summary.changes`` on the bus (the window's connection sees the
    worker's commits at its next read: WAL).
    """
    if not paths:
        return None
    summary = run_with_progress(
        ImportRunner(store_path, paths, parent),
        parent,
        "Importing releases",
        "Looking for files to import…",
        420,  # long file names must not make the dialog jump in size
        _importing_label,
    )
    show_import_summary(parent, summary)
    return summary


def _importing_label(done: int, total: int, current: str) -> str:
    return f"Importing {Path(current).name}\n({done + 1} of {total} files)"


def summary_text(summary: ImportSummary) -> tuple[str, str, str]:
    """(headline, one line per count, one line per skipped file) for the summary box."""
    if summary.cancelled:
        headline = "Import cancelled: the files read before are kept whole, the rest was not read."
    else:
        headline = f"Import finished: {_count(summary.files, 'file')} read."
    lines = [
        f"New releases: {summary.imported}",
        f"Updated: {summary.updated}",
        f"Unchanged: {summary.unchanged}",
    ]
    if summary.orphaned:
        lines.append(f"Highlights orphaned by revised text: {summary.orphaned}")
    if summary.skipped:
        lines.append(f"Skipped (details say why): {len(summary.skipped)}")
    details = "\n".join(f"{s.file}: {s.reason}" for s in summary.skipped)
    return headline, "\n".join(lines), details


def show_import_summary(parent: QWidget | None, summary: ImportSummary) -> None:
    summary_box(parent, summary).exec()


def summary_box(parent: QWidget | None, summary: ImportSummary) -> QMessageBox:
    """The summary as a message box; the skipped files are its detailed text."""
    headline, counts, details = summary_text(summary)
    icon = QMessageBox.Icon.Warning if summary.skipped else QMessageBox.Icon.Information
    box = QMessageBox(icon, "Import", headline, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(counts)
    if details:
        box.setDetailedText(details)
    return box


def choose_import_paths(parent: QWidget | None = None, folder: bool = False) -> list[str]:
    """Files to import, or with ``folder=True`` one folder (read recursively); [] if none."""
    start = last_folder("import")
    if folder:
        chosen = QFileDialog.getExistingDirectory(parent, "Import a folder of releases", start)
        paths = [chosen] if chosen else []
    else:
        paths, _ = QFileDialog.getOpenFileNames(parent, "Import releases", start, IMPORT_FILTER)
    if paths:
        remember_folder("import", paths[0])
    return list(paths)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"
