"""Opening a store that an older version wrote: the upgrade runs off the GUI thread.

Upgrading a million-release store (its backup, then the migrations) takes minutes; run on
the GUI thread it showed nothing at all, and an analyst could only guess. :func:`open_store`
opens a current store exactly as ``Store(path)`` does (no dialog, no thread); a store that
needs upgrading is upgraded first in a worker thread behind a modal dialog that says what is
happening, and then opened on the GUI thread like any other.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from gui.background.job import BackgroundJob
from store.db import BACKING_UP, Store, StoreError, upgrade_backup


class StoreUpgrade(BackgroundJob):
    """Upgrades the store at ``store_path`` in a worker thread; the result is the store's path once
    upgraded, or the :class:`StoreError` that stopped it.

    ``step(step, steps, what)`` is emitted from the worker thread before each step.
    """

    step = Signal(int, int, str)

    def open_store(self, path: Path) -> Store:
        return Store(path, progress=self.step.emit)  # opening it is the upgrade

    def work(self, store: Store) -> Path:
        return self.store_path

    def failed(self, error: Exception) -> StoreError:
        if isinstance(error, StoreError):
            return error
        return StoreError(f"{self.store_path} could not be upgraded ({error}).")


class UpgradeDialog(QDialog):
    """Says which store is being upgraded, where its backup is, and the step running now.

    It cannot be dismissed: the window has no store to show until the upgrade ends.
    """

    def __init__(self, path: Path, backup: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeUpgradeDialog")
        self.setWindowTitle("Upgrading the store")
        self.setWindowModality(
            Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
        )
        self.setMinimumWidth(480)
        self.explanation = QLabel(
            f"Upgrading the store <b>{escape(path.name)}</b> for this version of Communiqué "
            f"Desk — a backup is kept at {escape(str(backup))}.<br><br>"
            "Large stores can take several minutes; closing the program is safe, nothing is lost."
        )
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setWordWrap(True)
        self.step_label = QLabel(f"{BACKING_UP}…")
        busy = QProgressBar()
        busy.setRange(0, 0)  # a busy indicator: the steps differ too much in length to count
        busy.setTextVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.step_label)
        layout.addWidget(busy)

    def show_step(self, step: int, steps: int, what: str) -> None:
        self.step_label.setText(f"Step {step} of {steps}: {what}…")

    def reject(self) -> None:
        """Escape and the close button do nothing: the upgrade cannot be left half-seen."""


def open_store(path: Path, parent: QWidget | None = None) -> Store:
    """Open the store at ``path`` on the GUI thread, upgrading it first behind a dialog if an
    older version wrote it. Raises :class:`StoreError` as ``Store(path)`` does."""
    backup = upgrade_backup(path)
    if backup is not None:
        _upgrade(path, backup, parent)
    return Store(path)


def _upgrade(path: Path, backup: Path, parent: QWidget | None) -> None:
    job = StoreUpgrade(path)
    dialog = UpgradeDialog(path, backup, parent)
    job.step.connect(dialog.show_step)
    dialog.show()
    result = job.run_and_wait()  # the dialog keeps painting; only this function waits
    dialog.accept()  # close() would ask reject(), which refuses
    dialog.deleteLater()
    job.deleteLater()
    if isinstance(result, StoreError):
        raise result
