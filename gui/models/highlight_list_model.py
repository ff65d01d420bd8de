"""The highlights of the release being read, as the rows of the highlights panel.

A release can carry hundreds of highlights; the view asks for a row's text, tooltip or
highlight only when it draws or measures that row, so listing them costs one list, not one
item object per highlight. Highlights that lost their place come last, under a heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from store.highlights import Highlight

QUOTE_CHARS = 160
IdRole = Qt.ItemDataRole.UserRole + 1
HighlightRole = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()


def item_text(highlight: Highlight) -> str:
    """The plain text of a row: what screen readers say and what the row shows if unpainted."""
    quote = " ".join(highlight.quote.split())
    if len(quote) > QUOTE_CHARS:
        quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
    topics = ", ".join(tag.name for tag in highlight.tags) or "no topic"
    lines = [f"“{quote}”", topics]
    if highlight.note:
        lines.append(f"✎ {' '.join(highlight.note.split())}")
    return "\n".join(lines)


@dataclass(frozen=True)
class Heading:
    """A row that is not a highlight: the "Lost its place" heading or the empty list's hint."""

    text: str
    tip: str = ""


NO_HIGHLIGHTS = Heading("No highlights yet. Select text and press H.")


class HighlightListModel(QAbstractListModel):
    """One row per highlight: placed ones in reading order, then the lost ones."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Highlight | Heading] = []
        self._row_of: dict[int, int] = {}

    def set_highlights(self, found: list[Highlight]) -> None:
        """List ``found`` (as read from the store) in place of what was listed."""
        rows: list[Highlight | Heading] = [h for h in found if not h.orphaned]
        lost = [h for h in found if h.orphaned]
        if lost:
            tip = "The release was revised and these quotes are no longer in it."
            rows.append(Heading(f"Lost its place ({len(lost)})", tip))
            rows.extend(lost)
        if not found:
            rows.append(NO_HIGHLIGHTS)
        self.beginResetModel()
        self._rows = rows
        self._row_of = {h.id: row for row, h in enumerate(rows) if isinstance(h, Highlight)}
        self.endResetModel()

    def row_of(self, highlight_id: int) -> int | None:
        return self._row_of.get(highlight_id)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid() or isinstance(self._rows[index.row()], Heading):
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        if isinstance(entry, Heading):
            if role == Qt.ItemDataRole.DisplayRole:
                return entry.text
            if role == Qt.ItemDataRole.ToolTipRole:
                return entry.tip or None
            return None
        if role == HighlightRole:
            return entry
        if role == IdRole:
            return entry.id
        if role == Qt.ItemDataRole.DisplayRole:
            return item_text(entry)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.quote
        return None
