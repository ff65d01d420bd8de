"""A big file imported from the window: progress by bytes, and Cancel clicked mid-file
leaves the store with the files done whole and nothing of the big one."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QPushButton

from gui.dialogs import import_dialog
from store.db import Store
from store.imports import pipeline


def _progress_dialog() -> QProgressDialog | None:
    shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]
    return next((w for w in shown if w.isVisible()), None)


def _jsonl(path: Path, first: int, count: int) -> None:
    records = (
        {"id": f"big-{n:06d}", "title": f"Statement {n}", "body": f"<p>Text of statement {n}.</p>"}
        for n in range(first, first + count)
    )
    path.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")


def test_cancel_clicked_while_a_big_file_is_read_keeps_only_whole_files(
    qtbot, window, filled_db, tmp_path, monkeypatch
):
    monkeypatch.setattr(pipeline, "CHUNK_BYTES", 4096)  # the big file in about 150 batches
    small, big = tmp_path / "a-small.jsonl", tmp_path / "b-big.jsonl"
    _jsonl(small, 1, 1)
    _jsonl(big, 2, 10_000)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(small), str(big)], ""))
    )
    shown = []
    monkeypatch.setattr(import_dialog, "show_import_summary", lambda parent, s: shown.append(s))
    with Store(filled_db) as store:
        before = store.conn.execute("SELECT count(*) FROM releases").fetchone()[0]
    seen: dict[str, str] = {}

    def cancel_once_the_big_file_is_under_way() -> None:
        dialog = _progress_dialog()
        label = dialog.labelText() if dialog else ""
        if not label.startswith("Importing b-big.jsonl") or label.split("\n")[1].startswith("0 "):
            QTimer.singleShot(20, cancel_once_the_big_file_is_under_way)
            return
        seen["label"] = label
        dialog.grab().save(str(tmp_path / "import-progress.png"))
        QTest.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, cancel_once_the_big_file_is_under_way)
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    (summary,) = shown
    assert summary.cancelled and summary.files == 1 and summary.imported == 1
    size = f"of {big.stat().st_size // 1000} KB (file 2 of 2)"
    assert seen["label"].endswith(size)
    with Store(filled_db) as store:
        titles = [row[0] for row in store.conn.execute("SELECT title FROM releases ORDER BY id")]
    assert len(titles) == before + 1 and titles[-1] == "Statement 1"
    assert import_dialog.summary_text(summary)[0].startswith("Import cancelled:")
