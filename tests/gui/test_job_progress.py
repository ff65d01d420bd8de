"""A long job behind its modal progress dialog: steps counted, Cancel clicked, result back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from gui.background.job import BackgroundJob
from gui.dialogs.job_progress import run_with_progress
from store.db import Store


class _StepsUntilCancelled(BackgroundJob):
    """Reports a step naming a file, then waits for Cancel; the result says what it saw."""

    progress = Signal(int, int, str)

    def work(self, store: Store) -> str:
        self.progress.emit(1, 4, "second.md")
        cancelled = self.cancel_requested.wait(20)
        return "cancelled" if cancelled else "not cancelled"

    def failed(self, error: Exception) -> str:
        return str(error)


def _progress_dialog() -> QProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((w for w in shown if w.isVisible()), None)


def test_the_dialog_counts_steps_and_its_cancel_button_stops_the_job(qtbot, db_path: Path):
    Store(db_path).close()
    seen: dict[str, object] = {}

    def click_cancel_once_shown() -> None:
        dialog = _progress_dialog()
        if dialog is None or dialog.value() != 1:
            QTimer.singleShot(20, click_cancel_once_shown)
            return
        seen.update(title=dialog.windowTitle(), label=dialog.labelText(), steps=dialog.maximum())
        QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click_cancel_once_shown)
    result = run_with_progress(
        _StepsUntilCancelled(db_path),
        None,
        "Importing releases",
        "Looking for files…",
        420,
        lambda done, total, current: f"Importing {current} ({done + 1} of {total})",
    )
    assert result == "cancelled"
    assert seen == {
        "title": "Importing releases",
        "label": "Importing second.md (2 of 4)",
        "steps": 4,
    }
    assert _progress_dialog() is None


def test_a_job_that_cannot_open_its_store_returns_its_sentence(qtbot, tmp_path: Path):
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database " * 100)
    result = run_with_progress(_StepsUntilCancelled(not_a_store), None, "Exporting", "…", 380)
    assert "is not a Communiqué Desk store" in result
