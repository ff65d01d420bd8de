"""Exporting excerpts off the GUI thread: choose a file, watch progress, cancel cleanly.

Like the import, the export runs as a :class:`gui.background.job.BackgroundJob` on its own
``Store`` connection, behind the modal progress dialog of :mod:`gui.dialogs.job_progress`.
The writers in ``store.export`` write to a temporary file and rename it at the end, so a
cancel (``ExportCancelled``) or an error leaves no file behind. Tests drive
:class:`ExportRunner` directly and replace :meth:`ExportTarget.ask` (the file dialog); the
export operation (``gui.operations.store_files``) is what the menu and the excerpts view's
button run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.background.job import BackgroundJob
from gui.dialogs.job_progress import run_with_progress
from gui.dialogs.qdpx_tool_choice import QdpxToolChoice
from gui.settings import last_folder, remember_folder
from store.db import Store, StoreError
from store.excerpts import Excerpt, ExcerptFilter
from store.export import COUNTED, ExportCancelled, ExportError, format_for_path, write_export

# (format, what the analyst sees in the file dialog), in the order the issue names them.
FORMAT_FILTERS = [
    ("csv", "Spreadsheet, CSV (*.csv)"),
    ("xlsx", "Spreadsheet, Excel (*.xlsx)"),
    ("md", "Briefing, Markdown (*.md *.markdown)"),
    ("docx", "Briefing, Word (*.docx)"),
    ("json", "W3C Web Annotation JSON (*.json)"),
    ("qdpx", "REFI-QDA project (*.qdpx)"),
    ("qdc", "REFI-QDA codebook (*.qdc)"),
]


@dataclass(frozen=True)
class ExportResult:
    """How an export ended: ``count`` written, or ``cancelled``, or an ``error`` sentence."""

    path: Path
    fmt: str
    count: int = 0
    cancelled: bool = False
    error: str | None = None


@dataclass(frozen=True)
class ExportTarget:
    """The file an export goes to, its format and, for a REFI-QDA project, the tool it is
    written for ("" for any tool)."""

    path: Path
    fmt: str
    tool: str = ""

    @classmethod
    def ask(cls, parent: QWidget | None, suggested_fmt: str = "csv") -> ExportTarget | None:
        """Ask for a file name; its extension picks the format, else the chosen file type;
        for a REFI-QDA project, then which tool it is for. None when the analyst cancels."""
        filters = ";;".join(label for _fmt, label in FORMAT_FILTERS)
        chosen = next(label for fmt, label in FORMAT_FILTERS if fmt == suggested_fmt)
        start = str(Path(last_folder("export")) / f"excerpts.{suggested_fmt}")
        name, picked = QFileDialog.getSaveFileName(
            parent, "Export excerpts", start, filters, chosen
        )
        if not name:
            return None
        target = target_for(name, picked)
        if target.fmt == "qdpx":
            tool = QdpxToolChoice.ask(parent)
            if tool is None:
                return None
            target = ExportTarget(target.path, target.fmt, tool)
        remember_folder("export", target.path)
        return target


def target_for(name: str, picked_filter: str = "") -> ExportTarget:
    """The format from the file's extension; with none (or an unknown one), the file type
    picked in the dialog, whose extension is then added.

    >>> target_for("brief.docx", "Spreadsheet, CSV (*.csv)").fmt
    'docx'
    >>> target_for("brief", "REFI-QDA project (*.qdpx)").path.name
    'brief.qdpx'
    """
    path = Path(name)
    fmt = format_for_path(path)
    if fmt is None:
        fmt = next((f for f, label in FORMAT_FILTERS if label == picked_filter), "csv")
        path = path.with_name(f"{path.name}.{fmt}")
    return ExportTarget(path, fmt)


class ExportRunner(BackgroundJob):
    """Runs one export in a worker thread.

    ``source`` is an :class:`ExcerptFilter` (streamed from the store) or a list of
    :class:`Excerpt` (the analyst's selection). ``progress(done, total)`` comes from the
    worker thread; ``finished(ExportResult)`` is emitted in the GUI thread once the thread
    has ended and its connection is closed. ``cancel()`` leaves no file.
    """

    progress = Signal(int, int)

    def __init__(
        self,
        store_path: Path,
        fmt: str,
        path: Path,
        source: ExcerptFilter | list[Excerpt],
        parent: QObject | None = None,
        for_tool: str = "",
    ) -> None:
        super().__init__(store_path, parent)
        self.fmt, self.path, self.for_tool = fmt, Path(path), for_tool
        self.source = source if isinstance(source, ExcerptFilter) else list(source)

    def work(self, store: Store) -> ExportResult:
        try:
            count = write_export(
                store,
                self.fmt,
                self.path,
                self.source,
                progress=self.progress.emit,  # queued to the GUI thread's slots
                should_cancel=self.cancel_requested.is_set,
                for_tool=self.for_tool or None,
            )
        except ExportCancelled:
            return ExportResult(self.path, self.fmt, cancelled=True)
        return ExportResult(self.path, self.fmt, count=count)

    def failed(self, error: Exception) -> ExportResult:
        if isinstance(error, (ExportError, StoreError)):
            return ExportResult(self.path, self.fmt, error=str(error))
        reason = f"The export stopped unexpectedly ({error!r}); no file was written."
        return ExportResult(self.path, self.fmt, error=reason)


def run_export(
    parent: QWidget | None, store_path: Path, target: ExportTarget, source
) -> ExportResult:
    """Export with a modal, cancellable progress dialog; the GUI keeps painting meanwhile."""
    return run_with_progress(
        ExportRunner(store_path, target.fmt, target.path, source, parent, target.tool),
        parent,
        "Exporting excerpts",
        f"Writing {target.path.name}…",
        380,
    )


def result_message(result: ExportResult) -> str:
    """The status-bar line: "12 excerpts written to brief.docx" (tags, for a codebook)."""
    if result.cancelled:
        return "Export cancelled; no file was written."
    noun = COUNTED.get(result.fmt, "excerpts")
    noun = noun[:-1] if result.count == 1 else noun
    return f"{result.count:,} {noun} written to {result.path}"
