"""The codebook as a tree: topics nested by ``parent_id``, each with its colour and count.

The model only reads the store (``list_tags``). Edits the analyst makes in the view (inline
rename, drag-and-drop nesting) are handed to callbacks the panel sets, which run undoable
operations; the model redraws when those operations' Changes come back through the bus. So
there is exactly one path from a gesture to the store, and undo sees every change.

The tree itself is a :class:`gui.models.codebook_tree.CodebookTree`, built as the picker and
the excerpts view build theirs. Each index's ``internalId`` is its tag id, which keeps
``parent()`` a dictionary lookup and lets a refresh remap persistent indexes (selection,
expansion) by id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIcon

from gui.models.codebook_tree import CodebookTree, swatch_icon
from store.db import Store
from store.tags import Tag, list_tags

TAG_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # 1–9 for the topics the number keys apply
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 3
TAG_MIME = "application/x-communique-tag-ids"
NAME_COLUMN, COUNT_COLUMN = 0, 1

RenameHandler = Callable[[int, str], bool]
MoveHandler = Callable[[list[int], int | None], bool]

Index = QModelIndex | QPersistentModelIndex
_TOP = QModelIndex()  # the invisible root, as a default argument


class TagTreeModel(QAbstractItemModel):
    """Two columns: the topic (swatch, name; editable) and its number of highlights."""

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store = store
        self._tree = CodebookTree.of([])
        self._keys: dict[int, int] = {}
        self._icons: dict[str, QIcon] = {}
        self.rename_handler: RenameHandler | None = None
        self.move_handler: MoveHandler | None = None
        self._load()

    # -- reading the store -------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        self.beginResetModel()
        self._store = store
        self._load()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the codebook; keep persistent indexes (selection, expansion) when the
        tree's shape is unchanged, else reset (the panel restores its state by tag id)."""
        tags = list_tags(self._store)
        same_shape = {t.id: t.parent_id for t in tags} == {
            t.id: t.parent_id for t in self._tree.tags.values()
        }
        if not same_shape:
            self.beginResetModel()
            self._load(tags)
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [(i.internalId(), i.column()) for i in old]
        self._load(tags)
        new = [self.createIndex(self._tree.row[t], c, t) for t, c in kept]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()
        self._emit_all_changed(QModelIndex())

    def _load(self, tags: list[Tag] | None = None) -> None:
        self._tree = CodebookTree.of(list_tags(self._store) if tags is None else tags)
        self._keys = {tag_id: n for n, tag_id in enumerate(self.ordered_ids()[:9], start=1)}

    def _emit_all_changed(self, parent: QModelIndex) -> None:
        rows = self.rowCount(parent)
        if rows:
            self.dataChanged.emit(self.index(0, 0, parent), self.index(rows - 1, 1, parent))
            for row in range(rows):
                self._emit_all_changed(self.index(row, 0, parent))

    # -- questions the panel asks --------------------------------------------------------

    def tag(self, tag_id: int) -> Tag | None:
        return self._tree.tags.get(tag_id)

    def tags(self) -> list[Tag]:
        return list(self._tree.tags.values())

    def path(self, tag_id: int) -> str:
        """The topic's name after those it is nested under: "Sanctions › Oil price cap"."""
        return self._tree.path(tag_id)

    def tag_id(self, index: Index) -> int | None:
        return index.internalId() if index.isValid() else None

    def index_of(self, tag_id: int, column: int = NAME_COLUMN) -> QModelIndex:
        if tag_id not in self._tree.tags:
            return QModelIndex()
        return self.createIndex(self._tree.row[tag_id], column, tag_id)

    def ordered_ids(self) -> list[int]:
        """Tag ids in the order the tree shows them (depth first, siblings by name)."""
        return [tag.id for tag in self._tree.depth_first()]

    def subtree_ids(self, tag_id: int) -> set[int]:
        """The tag and every topic nested below it, from the loaded tree."""
        return self._tree.subtree_ids(tag_id)

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = _TOP) -> QModelIndex:
        siblings = self._tree.children.get(parent.internalId() if parent.isValid() else None, [])
        if parent.isValid() and parent.column() != NAME_COLUMN:
            return QModelIndex()
        if not (0 <= row < len(siblings) and 0 <= column < 2):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: Index = _TOP) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        tag_id = index.internalId()
        parent_id = self._tree.parent_id(tag_id) if tag_id in self._tree.tags else None
        if parent_id is None:
            return QModelIndex()
        return self.createIndex(self._tree.row[parent_id], NAME_COLUMN, parent_id)

    def rowCount(self, parent: Index = _TOP) -> int:
        if parent.isValid() and parent.column() != NAME_COLUMN:
            return 0
        return len(self._tree.children.get(parent.internalId() if parent.isValid() else None, []))

    def columnCount(self, parent: Index = _TOP) -> int:
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if orientation != Qt.Orientation.Horizontal or section not in (0, 1):
            return None
        # "#" keeps the count column narrow in a side panel; the tooltip says what it counts.
        if role == Qt.ItemDataRole.DisplayRole:
            return ("Topic", "#")[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return ("Topic (keys 1–9 apply the numbered ones)", "Highlights carrying it")[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        tag = self._tree.tags.get(index.internalId()) if index.isValid() else None
        if tag is None:
            return None
        if role == TAG_ID_ROLE:
            return tag.id
        if role == KEY_ROLE:
            return self._keys.get(tag.id) if index.column() == NAME_COLUMN else None
        if role == COLOUR_ROLE:
            return tag.colour
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(tag)
        if index.column() == COUNT_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return str(tag.highlight_count)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return tag.name
        if role == Qt.ItemDataRole.DecorationRole:
            if tag.colour not in self._icons:
                self._icons[tag.colour] = swatch_icon(tag.colour)
            return self._icons[tag.colour]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{tag.name}, {tag.highlight_count} highlights"
        return None

    def _tooltip(self, tag: Tag) -> str:
        count = tag.highlight_count
        lines = [tag.name, f"{count} highlight{'s' if count != 1 else ''}"]
        if tag.description:
            lines.append(tag.description)
        if tag.id in self._keys:
            lines.append(f"Key {self._keys[tag.id]} applies it to the selected text")
        return "\n".join(lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemIsDropEnabled
        )
        if index.column() == NAME_COLUMN and self.rename_handler is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != NAME_COLUMN:
            return False
        tag = self._tree.tags.get(index.internalId()) if index.isValid() else None
        name = " ".join(str(value or "").split())
        if tag is None or not name or name == tag.name or self.rename_handler is None:
            return False
        return self.rename_handler(tag.id, name)

    # -- drag and drop: nesting ----------------------------------------------------------

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TAG_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = list(dict.fromkeys(i.internalId() for i in indexes if i.isValid()))
        data = QMimeData()
        data.setData(TAG_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def canDropMimeData(self, data, action, row: int, column: int, parent: Index) -> bool:
        return bool(self._moves_for(data, action, parent))

    def dropMimeData(self, data, action, row: int, column: int, parent: Index) -> bool:
        """Dropping onto a topic nests the dragged ones under it; onto the empty area (or
        between top-level rows) un-nests them. The order among siblings stays by name."""
        moves = self._moves_for(data, action, parent)
        if not moves or self.move_handler is None:
            return False
        target = parent.internalId() if parent.isValid() else None
        return self.move_handler(moves, target)

    def _moves_for(self, data: QMimeData, action, parent: Index) -> list[int]:
        if action != Qt.DropAction.MoveAction or data is None or not data.hasFormat(TAG_MIME):
            return []
        raw = bytes(data.data(TAG_MIME)).decode()
        ids = [int(part) for part in raw.split(",") if part.strip().isdigit()]
        target = parent.internalId() if parent.isValid() else None
        moves = []
        for tag_id in ids:
            tag = self._tree.tags.get(tag_id)
            if tag is None or tag.parent_id == target:
                continue
            if target is not None and target in self.subtree_ids(tag_id):
                return []  # nesting a topic inside itself: refuse the whole drop
            moves.append(tag_id)
        return moves
