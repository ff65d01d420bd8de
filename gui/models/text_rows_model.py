"""A read-only table of rows already worked out (the agreement figures, the overlap passages):
the rows are handed over whole, so that tens of thousands of them cost the window's thread a
model reset and the rows drawn, never one item object per cell."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RowRole = Qt.ItemDataRole.UserRole + 1  # what a row stands for (a topic id, a passage)

Index = QModelIndex | QPersistentModelIndex


class TextRowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[str], numbers: Sequence[str] = (), parent=None) -> None:
        """``numbers``: the columns (by heading) whose cells are right-aligned figures."""
        super().__init__(parent)
        self._columns = list(columns)
        self._numbers = frozenset(numbers)
        self._rows: list[Sequence[str]] = []
        self._items: list[object] = []
        self._tips: list[str] = []

    def show_rows(
        self,
        rows: list[Sequence[str]],
        items: list[object],
        tips: list[str] | None = None,
        columns: Sequence[str] | None = None,
    ) -> None:
        """Show ``rows`` (one text per column), each standing for its ``items`` entry."""
        self.beginResetModel()
        if columns is not None:
            self._columns = list(columns)
        self._rows, self._items = rows, items
        self._tips = tips or []
        self.endResetModel()

    def item(self, row: int) -> object:
        return self._items[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == RowRole:
            return self._items[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and self._tips:
            return self._tips[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._columns[index.column()] in (
            self._numbers
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section]
        return None
