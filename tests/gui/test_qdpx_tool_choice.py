"""The "For:" choice of a REFI-QDA export, from the excerpts view's Export button: the file
dialog is answered by the test (a static function), the choice with real key presses."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog
from test_excerpts_view import build_excerpt_store
from window_helpers import shown_window

from gui.dialogs.qdpx_tool_choice import QdpxToolChoice

pytestmark = pytest.mark.usefixtures("qapp")
SHOTS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screens"


def _answer(qtbot, keys: list[Qt.Key], shot: Path | None = None, tries: int = 200) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QdpxToolChoice):  # not shown yet: look again shortly
        if tries:
            QTimer.singleShot(10, lambda: _answer(qtbot, keys, shot, tries - 1))
        return
    combo = dialog.findChild(QComboBox)
    for key in keys[:-1]:
        qtbot.keyClick(combo, key)
    if shot is not None:
        dialog.grab().save(str(shot))
    qtbot.keyClick(combo, keys[-1])


def _save_as(monkeypatch, path: Path) -> None:
    def save_dialog(*_args, **_kwargs):
        return str(path), "REFI-QDA project (*.qdpx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))


def test_the_project_is_written_for_the_tool_chosen(qtbot, monkeypatch, db_path, tmp_path):
    build_excerpt_store(db_path)
    target = tmp_path / "team"  # no extension: the file type picked adds it
    _save_as(monkeypatch, target)
    keys = [Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Return]
    SHOTS.mkdir(parents=True, exist_ok=True)
    with shown_window(qtbot, db_path) as window:
        window.show_excerpts()
        QTimer.singleShot(0, lambda: _answer(qtbot, keys, SHOTS / "qdpx-for-tool.png"))
        qtbot.mouseClick(window.excerpts_view.export_button, Qt.MouseButton.LeftButton)
        written = tmp_path / "team.qdpx"
        qtbot.waitUntil(lambda: "written to" in window.statusBar().currentMessage())
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    with zipfile.ZipFile(written) as archive:
        names = archive.namelist()
        project = etree.fromstring(archive.read("project.qde"))
    assert project.get("origin") == "Communiqué Desk (for NVivo)"
    texts = [name for name in names if name.endswith(".txt")]
    assert texts and all(name.startswith("Sources/") for name in texts)


def test_cancelling_the_choice_writes_nothing(qtbot, monkeypatch, db_path, tmp_path):
    build_excerpt_store(db_path)
    _save_as(monkeypatch, tmp_path / "team.qdpx")
    with shown_window(qtbot, db_path) as window:
        window.show_excerpts()
        QTimer.singleShot(0, lambda: _answer(qtbot, [Qt.Key.Key_Down, Qt.Key.Key_Escape]))
        qtbot.mouseClick(window.excerpts_view.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        assert "written" not in window.statusBar().currentMessage()
    assert list(tmp_path.glob("team*")) == []
