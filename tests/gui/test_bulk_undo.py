"""Ctrl+Z of a bulk tagging in the window: the highlights go from the store and from the
reader, the write made off the window's thread behind a progress dialog; Ctrl+Shift+Z
brings them back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from gui.dialogs.tag_picker import TagPicker
from gui.models.concordance_model import MATCH
from gui.operations.highlights import TopicChoice
from store.tags import find_tag
from tests.gui.test_concordance_view import all_highlights, look_for, table, wait_counted
from tests.gui.window_helpers import background_of, press

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def tag_every_security(qtbot, window, monkeypatch) -> int:
    """Tag every occurrence of "security" with Ukraine from the Concordance tab, and open
    the first line's passage in the reader; how many were tagged."""
    ukraine = find_tag(window.store, "Ukraine").id
    monkeypatch.setattr(
        TagPicker, "ask", classmethod(lambda cls, store, parent: TopicChoice((ukraine,)))
    )
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    total = window.concordance_view.total
    qtbot.mouseClick(window.findChild(QPushButton, "concordanceTagAll"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(all_highlights(window)) == total)
    view = table(window)
    qtbot.waitUntil(lambda: bool(view.model().index(0, 5).data()))  # its topic is shown
    rect = view.visualRect(view.model().index(0, MATCH))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.splitter)
    qtbot.waitUntil(lambda: background_of(window, "security") is not None)
    return total


def test_ctrl_z_takes_a_bulk_tagging_out_of_the_store_and_the_reader(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    total = tag_every_security(qtbot, window, monkeypatch)
    assert total >= 2
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert all_highlights(window) == []
    qtbot.waitUntil(lambda: background_of(window, "security") is None)
    assert window.statusBar().currentMessage() == f"Undone: Tag {total} occurrences"
    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert len(all_highlights(window)) == total
    qtbot.waitUntil(lambda: background_of(window, "security") is not None)


def test_the_window_shows_progress_while_the_undo_waits_for_the_store(
    qtbot, window, monkeypatch, tmp_path: Path
) -> None:
    total = tag_every_security(qtbot, window, monkeypatch)
    other = sqlite3.connect(window.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program writing: the undo waits for it
    try:
        press(qtbot, Qt.Key.Key_Z, CTRL)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QProgressDialog))
        dialog = QApplication.activeModalWidget()
        assert dialog.labelText() == f"Undoing “Tag {total} occurrences”…"
        assert window.statusBar().currentMessage() == dialog.labelText()
        assert len(all_highlights(window)) == total  # nothing undone yet
        assert dialog.grab().save(str(tmp_path / "undoing.png"))
        assert window.grab().save(str(tmp_path / "window-undoing.png"))
    finally:
        other.rollback()
        other.close()
    qtbot.waitUntil(lambda: not window.ops.busy, timeout=15_000)
    assert QApplication.activeModalWidget() is None
    assert all_highlights(window) == []
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
