"""A table whose rows are the things listed: Home and End go to the first and last row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

_ROW_ENDS = {QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd}


class RowTableView(QTableView):
    """A QTableView that moves as a list does: Home and End reach the first and the last
    row, as Ctrl+Home and Ctrl+End do, rather than the first and last column of the row."""

    def moveCursor(  # noqa: N802 (Qt's name)
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if action in _ROW_ENDS:
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(action, modifiers)
