"""Helpers shared by the window tests: the window shown, and the actions a person takes in it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QTextEdit

from store.tags import find_tag


@contextmanager
def shown_window(qtbot, db_path: Path):
    """The real main window on a store, shown (offscreen) and closed with its store after."""
    from gui.app import build_window

    built = build_window(db_path)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()
    built.store.close()


def release_list(window) -> QTableView:
    return window.findChild(QTableView, "releaseList")


def reader(window) -> QTextEdit:
    return window.findChild(QTextEdit, "readerView")


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def open_release(qtbot, window, title_part: str) -> None:
    """Click the row whose title contains ``title_part``."""
    view = release_list(window)
    model = view.model()
    rows = [r for r in range(model.rowCount()) if title_part in model.index(r, 2).data()]
    assert rows, title_part
    rect = view.visualRect(model.index(rows[0], 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.release is not None and title_part in window.release.title)


def select_text(window, text: str, until: str | None = None) -> tuple[str, int]:
    """Select ``text`` (or from ``text`` to the end of ``until``) in the reader.

    Returns what the analyst selected, as the canonical text writes it (Qt's paragraph and
    line separators as blank line and newline), and where the selection starts.
    """
    view = reader(window)
    document = view.document()
    found = document.find(text)
    assert not found.isNull(), text
    if until is not None:
        end = document.find(until, found.selectionEnd())
        assert not end.isNull(), until
        found.setPosition(found.selectionStart())
        found.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(found)
    selected = found.selectedText().replace("\u2029", "\n\n").replace("\u2028", "\n")
    return selected, found.selectionStart()


def select_topic(window, name: str) -> int:
    """Select a topic in the codebook tree as a click would."""
    tree = window.findChild(QAbstractItemView, "tagTree")
    model = tree.model()
    matches = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1, Qt.MatchFlag.MatchRecursive
    )
    assert matches, name
    tree.selectionModel().select(
        matches[0],
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return find_tag(window.store, name).id


def laid_out(view: QTextEdit) -> bool:
    """Whether Qt has laid out the view's whole text and sized its scroll bar to it (it lays
    out a long text in steps after showing it, and sizes the bar when the layout is done)."""
    document = view.document()
    if document.lastBlock().layout().lineCount() == 0:
        return False
    height = document.documentLayout().documentSize().toSize().height()
    return view.verticalScrollBar().maximum() == max(0, height - view.viewport().height())
