"""Opening a store that an older version wrote: the upgrade runs off the GUI thread.

Upgrading a million-release store (its backup, the migrations, then going over each
release held before issuers to find its issuer, speaker and countries) takes minutes; run on
the GUI thread it showed nothing at all, and an analyst could only guess. :func:`open_store`
opens a current store exactly as ``store.attribution_upgrade.open_store`` does (no dialog,
no thread); a store that needs upgrading, or whose releases are still to be gone over (an
upgrade stopped half-way), is upgraded first in a worker thread behind a modal dialog that
says what is happening, and then opened on the GUI thread like any other.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QVBoxLayout, QWidget

from gui.background.job import BackgroundJob
from store import attribution_upgrade
from store.db import BACKING_UP, Store, StoreError, upgrade_backup


class StoreUpgrade(BackgroundJob):
    """Upgrades the store at ``store_path`` in a worker thread; the result is the store's path once
    upgraded, or the :class:`StoreError` that stopped it.

    ``step(step, steps, what)`` is emitted from the worker thread before each step.
    """

    step = Signal(int, int, str)

    def open_store(self, path: Path) -> Store:
        # Opening it is the upgrade: the migrations, then the releases gone over.
        return attribution_upgrade.open_store(path, progress=self.step.emit)

    def work(self, store: Store) -> Path:
        return self.store_path

    def failed(self, error: Exception) -> StoreError:
        if isinstance(error, StoreError):
            return error
        return StoreError(f"{self.store_path} could not be upgraded ({error}).")


class UpgradeDialog(QDialog):
    """Says which store is being upgraded, where its backup is (none when only its releases
    are still to be gone over), and the step running now.

    It cannot be dismissed: the window has no store to show until the upgrade ends.
    """

    def __init__(self, path: Path, backup: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("storeUpgradeDialog")
        self.setWindowTitle("Upgrading the store")
        self.setWindowModality(
            Qt.WindowModality.WindowModal if parent else Qt.WindowModality.ApplicationModal
        )
        self.setMinimumWidth(480)
        kept = (
            f" — a backup is kept at {escape(str(backup))}"
            if backup
            else ": the last step of an earlier upgrade, taken up where it stopped"
        )
        self.explanation = QLabel(
            f"Upgrading the store <b>{escape(path.name)}</b> for this version of Communiqué "
            f"Desk{kept}.<br><br>"
            "Large stores can take several minutes; closing the program is safe, nothing is lost."
        )
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setWordWrap(True)
        self.step_label = QLabel(f"{BACKING_UP if backup else attribution_upgrade.STEP}…")
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
    older version wrote it or its releases are still to be gone over. Raises
    :class:`StoreError` as ``Store(path)`` does."""
    backup = upgrade_backup(path)
    if backup is not None or attribution_upgrade.releases_pending(path):
        _upgrade(path, backup, parent)
    return attribution_upgrade.open_store(path)


def _upgrade(path: Path, backup: Path | None, parent: QWidget | None) -> None:
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
