"""Help ▸ Keyboard shortcuts: every key of the window, read from its actions when shown.

Nothing here names a key: each row is a ``QAction`` of the window (its own, the panels')
that has a shortcut, with its text and keys as they are at that moment, so the list cannot
fall behind the actions.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

ANYWHERE = "anywhere in the window"


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(keys, what the action does, where the keys work) for every action of the window
    that has a shortcut: those that work anywhere first, each group in the order the window
    made them."""
    rows = []
    for action in window.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]  # a standard key the platform leaves without keys
        if keys:
            rows.append((" or ".join(keys), _words(action), _where(action, window)))
    # The window's own keys first, then those that work only in a part of it.
    return sorted(rows, key=lambda row: row[2] != ANYWHERE)


def _words(action: QAction) -> str:
    """What the action does: its text without the menu's mnemonic (and the trailing dots)."""
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.removesuffix("…").strip()


def _where(action: QAction, window: QMainWindow) -> str:
    if action.shortcutContext() in (
        Qt.ShortcutContext.WindowShortcut,
        Qt.ShortcutContext.ApplicationShortcut,
    ):
        return ANYWHERE
    places = []
    for owner in action.associatedObjects():
        if isinstance(owner, QWidget) and not isinstance(owner, QMenu | QToolBar | QToolButton):
            place = _place_name(owner, window)
            if place and place not in places:
                places.append(place)
    return ", ".join(places) or ANYWHERE


def _place_name(widget: QWidget, window: QMainWindow) -> str:
    """The name the analyst knows a part of the window by: its accessible name, or the
    title of the dock it sits in."""
    if widget.accessibleName():
        return widget.accessibleName()
    parent = widget
    while parent is not None and parent is not window:
        if isinstance(parent, QDockWidget):
            return parent.windowTitle()
        parent = parent.parentWidget()
    return ""


class KeyboardShortcuts(QDialog):
    """A table of keys, what they do and where they work; it does not block the window."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("keyboardShortcuts")
        self.setWindowTitle("Keyboard shortcuts")
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "Does", "Works"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(640, 560)

    def fill(self, rows: list[tuple[str, str, str]]) -> None:
        self.table.setRowCount(len(rows))
        for row, cells in enumerate(rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def rows(self) -> list[tuple[str, str, str]]:
        """What the table shows, row by row."""
        return [
            tuple(self.table.item(row, column).text() for column in range(3))
            for row in range(self.table.rowCount())
        ]

    @classmethod
    def show_for(cls, window: QMainWindow) -> KeyboardShortcuts:
        """Show the window's keys (one dialog per window, brought forward and filled anew)."""
        dialog = window.findChild(cls, "keyboardShortcuts") or cls(window)
        dialog.fill(shortcut_rows(window))
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
