"""The modal progress dialog a long job (an import, an export) runs behind.

The job runs on its worker thread; the dialog counts its steps from the job's
``progress(done, total, …)`` signal, its Cancel button asks the job to stop at its next
check, and the window keeps painting meanwhile: only :func:`run_with_progress` waits. What
went wrong, if anything, is in the job's result as one sentence for the analyst (an
:class:`~store.imports.pipeline.ImportSummary`'s skipped files, an export's ``error``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.background.job import BackgroundJob

StepLabel = Callable[[int, int, str], str]  # (done, total, what is being done) -> the label


def run_with_progress(
    job: BackgroundJob,
    parent: QWidget | None,
    title: str,
    label: str,
    width: int,
    step_label: StepLabel | None = None,
) -> object:
    """Start ``job`` and wait for its result behind a modal, cancellable progress dialog.

    ``label`` is shown until the first step; ``step_label`` words each step that names what
    it is doing (the file being imported). A job done within 300 ms shows no dialog at all,
    and ``width`` keeps long labels from making the dialog jump in size.
    """
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)  # a quick job does not flash a dialog
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.setMinimumWidth(width)

    def show_step(done: int, total: int, *doing: str) -> None:
        if job.cancel_requested.is_set():
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if step_label is not None and doing and doing[0]:
            dialog.setLabelText(step_label(done, total, doing[0]))

    job.progress.connect(show_step)
    dialog.canceled.connect(job.cancel)
    result = job.run_and_wait()
    dialog.close()
    dialog.deleteLater()
    job.deleteLater()
    return result
