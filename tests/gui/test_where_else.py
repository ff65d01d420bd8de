"""Where else? in the window: select a passage of a real State Department release with the
mouse, press Ctrl+Shift+W, read the other releases with that wording, double-click one to
read it there; nothing selected asks for the whole release."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget

from gui.dialogs.where_else import CHANGED, PASSAGE_ROLE, SAME_WORDS, WhereElseDialog
from store.attribution_upgrade import open_store
from store.fingerprints import words_of
from store.imports.pipeline import import_paths
from store.reuse import where_else
from tests.conftest import CORPUS
from tests.gui.window_helpers import drag_select, press, reader, shown_window

pytestmark = pytest.mark.usefixtures("qapp")
FEEDS = CORPUS / "state-dept-feeds"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def feeds_db(db_path: Path) -> tuple[Path, int, str, str]:
    """A store of State Department feeds, and a release whose opening paragraph other
    releases repeat: (store, its id, the paragraph's first words, its last words)."""
    with open_store(db_path) as store:
        import_paths(store, sorted(FEEDS.glob("*.rss"))[:12])
        for (release_id,) in store.conn.execute("SELECT id FROM releases ORDER BY id"):
            passages = [p for p in where_else(store, release_id) if "\n" not in p.text]
            if passages and len(passages[0].elsewhere) >= 2:
                words = passages[0].text.split(" ")
                return db_path, release_id, " ".join(words[:3]), " ".join(words[-3:])
    raise AssertionError("no release of the feeds shares a paragraph with two others")


def _dialog(window) -> WhereElseDialog:
    return window.findChild(WhereElseDialog, "whereElseDialog")


def _open(qtbot, window, release_id: int) -> None:
    window.show_release(release_id)
    qtbot.waitUntil(lambda: window.release is not None and window.release.id == release_id)


def test_a_selected_passage_lists_the_releases_repeating_it(qtbot, feeds_db, tmp_path) -> None:
    db_path, release_id, first, last = feeds_db
    with shown_window(qtbot, db_path) as window:
        _open(qtbot, window, release_id)
        selected = drag_select(qtbot, window, first, last)
        reader(window).setFocus()
        press(qtbot, Qt.Key.Key_W, CTRL_SHIFT)
        qtbot.waitUntil(lambda: _dialog(window) is not None and not _dialog(window).pending)
        dialog = _dialog(window)
        table: QTableWidget = dialog.findChild(QTableWidget, "whereElseTable")
        assert table.rowCount() >= 2
        dates = [table.item(row, 0).text() for row in range(table.rowCount())]
        assert dates == sorted(dates)  # first appearance first
        for row in range(table.rowCount()):
            assert table.item(row, 4).text() in (SAME_WORDS, CHANGED)
            assert table.item(row, 1).text() == "United States Department of State"
        # Each other release's wording, word for word, is a part of what was selected.
        chosen = " ".join(word.word for word in words_of(selected))
        for row in range(table.rowCount()):
            there = " ".join(word.word for word in words_of(table.item(row, 3).text()))
            assert table.item(row, 4).text() == CHANGED or there in chosen
        dialog.grab().save(str(tmp_path / "where-else.png"))

        other_id, start, end = table.item(1, 0).data(PASSAGE_ROLE)
        rect = table.visualItemRect(table.item(1, 3))
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.waitUntil(lambda: window.release is not None and window.release.id == other_id)
        cursor = reader(window).textCursor()
        shown = window.reader.view.positions.to_canonical(
            cursor.selectionStart(), cursor.selectionEnd()
        )
        assert shown == (start, end)
        window.grab().save(str(tmp_path / "opened-there.png"))


def test_nothing_selected_asks_for_the_whole_release(qtbot, feeds_db) -> None:
    db_path, release_id, _first, _last = feeds_db
    with shown_window(qtbot, db_path) as window:
        _open(qtbot, window, release_id)
        reader(window).setFocus()
        press(qtbot, Qt.Key.Key_W, CTRL_SHIFT)
        qtbot.waitUntil(lambda: _dialog(window) is not None and not _dialog(window).pending)
        dialog = _dialog(window)
        assert "this release" in dialog.summary.text()
        table: QTableWidget = dialog.findChild(QTableWidget, "whereElseTable")
        expected = {
            other.release_id for p in where_else(window.store, release_id) for other in p.elsewhere
        }
        shown = {table.item(row, 0).data(PASSAGE_ROLE)[0] for row in range(table.rowCount())}
        assert shown == expected and release_id not in shown
