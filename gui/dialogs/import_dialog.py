"""Importing files and folders off the GUI thread, with progress, cancel and a summary.

The import runs as a :class:`gui.background.job.BackgroundJob`, on a worker thread and its
own ``Store`` connection, and reports through signals, so the window keeps painting. Cancel
is asked between files and between the batches of a big file (about half a megabyte each,
so it stops within a second), and every file is imported in its own transaction: a
cancelled import keeps whole the files done and nothing of the file it was reading.

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
from store.imports.pipeline import ImportSummary, Skipped, collect_files, import_paths
from store.imports.reading_progress import bytes_read_text

# What the file dialog offers; the importer itself decides by content, so "All files" stays.
IMPORT_FILTER = (
    "Releases (*.txt *.text *.md *.markdown *.html *.htm *.xhtml *.xml *.rss *.atom *.rdf "
    "*.json *.jsonl *.ndjson *.csv *.tsv);;All files (*)"
)


class ImportRunner(BackgroundJob):
    """Runs one import in a worker thread.

    ``progress(read, in_all, label)`` counts the kilobytes of all the files read so far (a
    count a progress bar holds for files up to terabytes) and words where the import is,
    "Importing big.jsonl / 212 MB of 1.0 GB (file 1 of 3)". It is emitted from the worker
    thread (a slot that is a QObject's in the GUI thread gets it queued); ``finished(summary)``
    is emitted in the GUI thread once the worker thread has ended and its store connection
    is closed. ``cancel()`` stops after the batch being saved now; the file it belongs to is
    left out whole.
    """

    progress = Signal(int, int, str)

    def __init__(self, store_path: Path, paths: list[str], parent: QObject | None = None):
        super().__init__(store_path, parent)
        self.paths = [str(p) for p in paths]
        self._sizes: list[int] = []
        self._file = (0, 0, "")  # (files done, files in all, the file being read)

    @property
    def summary(self) -> ImportSummary | None:
        return self.result

    def work(self, store: Store) -> ImportSummary:
        files, _ = collect_files(self.paths)
        self._sizes = [_size(path) for path in files]
        return import_paths(
            store,
            self.paths,
            progress=self._next_file,
            should_cancel=self.cancel_requested.is_set,
            reading=self._reading,
        )

    def _next_file(self, done: int, total: int, current: str) -> None:
        self._file = (done, total, current)
        self._reading(0, self._sizes[done] if done < len(self._sizes) else 0)

    def _reading(self, read: int, size: int) -> None:
        done, total, current = self._file
        if not current:
            return
        before = sum(self._sizes[:done])
        label = f"Importing {Path(current).name}\n{bytes_read_text(read, size)}"
        if total > 1:
            label += f" (file {done + 1} of {total})"
        # Emitted from the worker thread: queued to the GUI thread's slots.
        self.progress.emit((before + read) // 1024, max(sum(self._sizes) // 1024, 1), label)

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
        lambda _read, _in_all, label: label,
    )
    show_import_summary(parent, summary)
    return summary


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:  # gone since the folder was read: the import says so
        return 0


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
