"""Helpers of the statement-group window tests: the release list's context menu opened by a
real right-click and answered with the keyboard, rows picked with the mouse."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from tests.gui.window_helpers import release_list

_CLICKS = itertools.count()


def row_of_title(window, title_part: str) -> int:
    model = release_list(window).model()
    assert model.rowCount()
    rows = [r for r in range(model.rowCount()) if title_part in model.index(r, 2).data()]
    assert len(rows) == 1, (title_part, rows)
    return rows[0]


def listed(qtbot, window) -> None:
    """Wait until every row of the list shows its release (a page arrives from a worker)."""
    model = release_list(window).model()
    qtbot.waitUntil(
        lambda: (
            not model.searching()
            and all(model.index(row, 2).data() is not None for row in range(model.rowCount()))
        )
    )


def click_rows(qtbot, window, *title_parts: str) -> None:
    """Click the first row, Ctrl+click the others, once the list's rows have arrived."""
    view = release_list(window)
    listed(qtbot, window)
    for number, part in enumerate(title_parts):
        rect = view.visualRect(view.model().index(row_of_title(window, part), 2))
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier(0)
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def choose_in_row_menu(qtbot, window, title_part: str, entry: str) -> list[str]:
    """Right-click a row of the list (through the window, as the mouse does, so that Qt
    opens its context menu), then go down to ``entry`` with the arrow keys and press Enter.
    Returns the menu's entries as it showed them."""
    view = release_list(window)
    listed(qtbot, window)
    rect = view.visualRect(view.model().index(row_of_title(window, title_part), 2))
    shown: list[str] = []

    def answer() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, answer)
            return
        entries = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
        shown.extend(entries)
        for _ in range(entries.index(entry) + 1):
            QTest.keyClick(menu, Qt.Key.Key_Down)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)
    # Each right-click a little further along the row, as a hand would: Qt takes a second
    # press on the very same pixel soon after the first for a double-click (QTest's clock
    # runs on across tests), and a double-click opens no menu.
    along = rect.left() + 12 + next(_CLICKS) * 7 % max(1, rect.width() - 24)
    where = view.viewport().mapTo(window, QPoint(along, rect.center().y()))
    QTest.mouseClick(
        window.windowHandle(), Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, where
    )
    qtbot.waitUntil(lambda: bool(shown))
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    # The popup took the window's activation (offscreen, it does not give it back).
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return shown
