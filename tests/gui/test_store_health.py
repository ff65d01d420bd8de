"""The window after a crash (quick check, said in the status bar) and File ▸ Back up store."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from gui import app as gui_app
from gui.main_window import MainWindow
from store import health
from store.db import Store
from tests.conftest import child_holding_the_store_open


def kill_a_copy_holding(db_path: Path) -> None:
    """A copy of the program that had the store open and was killed (SIGKILL)."""
    child = child_holding_the_store_open(db_path)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def run_the_window_once(monkeypatch, db_path: Path) -> tuple[str, list[str]]:
    """Start ``communique`` as the entry point does; note the status bar and any warning."""
    seen: dict[str, str] = {}
    warnings: list[str] = []

    def event_loop(_app) -> int:
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        seen["status"] = window.statusBar().currentMessage()
        seen["marker"] = str(health.marker_path(db_path).exists())
        window.close()
        window.deleteLater()
        return 0

    monkeypatch.setattr(QApplication, "exec", event_loop)
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    with pytest.raises(SystemExit) as exited:
        gui_app.open_window(db_path)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert exited.value.code == 0
    assert seen["marker"] == "True"  # held while the window ran
    return seen["status"], warnings


def test_a_clean_start_says_nothing_and_leaves_no_marker(qapp, monkeypatch, filled_db) -> None:
    status, warnings = run_the_window_once(monkeypatch, filled_db)
    assert "not closed cleanly" not in status
    assert warnings == []
    assert not health.marker_path(filled_db).exists()
    assert health.was_closed_cleanly(filled_db)


def test_after_a_crash_the_quick_check_runs_and_says_ok(qapp, monkeypatch, filled_db) -> None:
    kill_a_copy_holding(filled_db)
    status, warnings = run_the_window_once(monkeypatch, filled_db)
    assert status == "The store was not closed cleanly last time; quick check: ok"
    assert warnings == []
    assert health.was_closed_cleanly(filled_db)  # this run closed cleanly


def test_after_a_crash_a_damaged_store_gets_a_warning(qapp, monkeypatch, filled_db) -> None:
    with sqlite3.connect(filled_db) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'releases_title'"
        ).fetchone()
    with open(filled_db, "r+b") as handle:  # an index page gone bad, as on a failing disk
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text))
    )
    with Store(filled_db) as store:
        note = gui_app.check_after_unclean_exit(store)
    assert note.startswith("The store was not closed cleanly last time; quick check: ")
    assert note.endswith("problem(s) found")
    assert len(warnings) == 1 and "communique backup" in warnings[0]


def test_the_backup_menu_item_copies_the_store_while_another_copy_writes(
    qtbot, window, filled_db, tmp_path, monkeypatch
) -> None:
    target = tmp_path / "backups" / "copy.db"
    target.parent.mkdir()
    asked: list[str] = []

    def save_dialog(parent, caption, suggestion, filters):
        asked.append(suggestion)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    with Store(filled_db) as other:  # the command line, half-way through a change
        other.conn.execute("BEGIN IMMEDIATE")
        other.conn.execute("INSERT INTO tags(name, created_at) VALUES ('uncommitted', '')")
        window.findChild(QAction, "actionBackup").trigger()
        other.conn.execute("ROLLBACK")
    assert Path(asked[0]).name == f"test-backup-{dt.date.today().isoformat()}.db"
    assert window.statusBar().currentMessage() == f"Backed up to {target}"
    with Store(target) as copy:
        assert health.integrity_problems(copy) == []
        assert sorted(r["name"] for r in copy.db["tags"].rows) == ["Security", "Ukraine"]
        assert copy.db["releases"].count == 3
