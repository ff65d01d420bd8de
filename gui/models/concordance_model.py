"""The concordance table: one row per occurrence of the phrase, the lines the view has read.

The left context is right-aligned against the match, the match and the right context
left-aligned, so every match begins at the same place whatever came before it. The rows are
:class:`store.concordance.ConcordanceLine` values that the view reads off the window's thread
and hands over a page at a time.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from store.concordance import ConcordanceLine

LEFT, MATCH, RIGHT, ISSUER, DATE, TOPICS = range(6)
HEADERS = ("Left", "Match", "Right", "Issuer", "Date", "Topics")
# The order a click on each header asks for; the match and the topics sort by date.
SORT_OF_COLUMN = {LEFT: "left", MATCH: "date", RIGHT: "right", ISSUER: "issuer", DATE: "date"}

_ALIGN = {
    LEFT: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
}
AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_LEFT_ALIGNED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class ConcordanceModel(QAbstractTableModel):
    """The lines read so far; ``more`` says whether the view can read further ones."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.lines: list[ConcordanceLine] = []
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: list[ConcordanceLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def add_lines(self, lines: list[ConcordanceLine]) -> None:
        if not lines:
            return
        first = len(self.lines)
        self.beginInsertRows(QModelIndex(), first, first + len(lines) - 1)
        self.lines.extend(lines)
        self.endInsertRows()

    def line(self, row: int) -> ConcordanceLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = 0):
        line = self.line(index.row())
        if line is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                line.left,
                line.match,
                line.right,
                line.issuer or "",
                line.date or "",
                " · ".join(line.topics),
            )[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN.get(column, _LEFT_ALIGNED)
        if role == Qt.ItemDataRole.FontRole and column == MATCH:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{line.left}[{line.match}]{line.right}"
        return None
