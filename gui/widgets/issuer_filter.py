"""The issuer filter: a button whose pop-up lists every issuer, to pick several.

The pop-up is a list with a line at its top that finds an issuer by any part of its name;
a click (or Space) on an issuer picks it or lets it go, Enter in the line picks the first
one found. The list is read from the store when the pop-up opens (``list_issuers`` counts
each issuer's releases, and how many of them are unread: read when the analyst looks, as the
source filter's counts are).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from store.db import Store
from store.issuers import list_issuers
from store.unread import unread_counts_by_issuer

IdRole = Qt.ItemDataRole.UserRole + 1
ANY = "Any issuer"


class IssuerFilter(QPushButton):
    """Says which issuers are chosen ("Any issuer", a name, "3 issuers"); opens the list."""

    chosenChanged = Signal()  # noqa: N815 (Qt's style)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(ANY, parent)
        self.setObjectName("issuerFilter")
        self.setAccessibleName("Filter by issuer")
        self.setToolTip("List only the releases of the issuers picked here (several at once)")
        self._store: Store | None = None
        self._chosen: dict[int, str] = {}  # id → name, in the order they were picked
        self.popup = _IssuerPopup(self)
        self.popup.list.itemSelectionChanged.connect(self._picked)
        self.popup.clear_button.clicked.connect(self.clear)
        self.clicked.connect(self.open_list)

    def stale_from(self, store: Store) -> None:
        """Read the issuers from ``store`` when the list is next opened."""
        self._store = store

    def chosen_ids(self) -> tuple[int, ...]:
        return tuple(self._chosen)

    def open_list(self) -> None:
        self.refresh()
        self.popup.find_box.clear()
        self.popup.resize(max(self.width(), 320), 360)
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()
        self.popup.find_box.setFocus()

    def refresh(self) -> None:
        """Fill the list from the store, keeping the issuers chosen that still exist."""
        if self._store is None:
            return
        store, self._store = self._store, None
        listing = self.popup.list
        listing.blockSignals(True)
        listing.clear()
        still = {}
        unread = unread_counts_by_issuer(store)
        for issuer in list_issuers(store):
            new = unread.get(issuer.id, 0)
            counts = f"{issuer.releases:,} · {new:,} new" if new else f"{issuer.releases:,}"
            item = QListWidgetItem(f"{issuer.name}  ({counts})", listing)
            if new:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            item.setData(IdRole, issuer.id)
            item.setToolTip(issuer.name)
            # The box only shows the choice: a click anywhere on the row picks it.
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
            if issuer.id in self._chosen:
                still[issuer.id] = issuer.name
                item.setSelected(True)
        listing.blockSignals(False)
        self._show_checks()
        if still.keys() != self._chosen.keys():  # merged away, or deleted elsewhere
            self._chosen = {i: still[i] for i in self._chosen if i in still}
            self._say_chosen()
            self.chosenChanged.emit()
        else:
            self._chosen = {i: still[i] for i in self._chosen}  # renamed ones' new names
            self._say_chosen()

    def clear(self) -> None:
        """Any issuer again."""
        self.popup.list.clearSelection()
        if self._chosen:
            self._chosen = {}
            self._say_chosen()
            self.chosenChanged.emit()

    def _picked(self) -> None:
        listing = self.popup.list
        selected = {item.data(IdRole): item.toolTip() for item in listing.selectedItems()}
        kept = {i: name for i, name in self._chosen.items() if i in selected}
        self._chosen = kept | {i: name for i, name in selected.items() if i not in kept}
        self._show_checks()
        self._say_chosen()
        self.chosenChanged.emit()

    def _show_checks(self) -> None:
        listing = self.popup.list
        for row in range(listing.count()):
            item = listing.item(row)
            state = Qt.CheckState.Checked if item.isSelected() else Qt.CheckState.Unchecked
            if item.checkState() != state or item.data(Qt.ItemDataRole.CheckStateRole) is None:
                item.setCheckState(state)

    def _say_chosen(self) -> None:
        names = list(self._chosen.values())
        if not names:
            self.setText(ANY)
        elif len(names) == 1:
            self.setText(self.fontMetrics().elidedText(names[0], Qt.TextElideMode.ElideRight, 180))
        else:
            self.setText(f"{len(names)} issuers")
        self.setToolTip("\n".join(names) or "List only the releases of the issuers picked here")


class _IssuerPopup(QFrame):
    """The pop-up of the issuer filter: a find line over the list of issuers."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.Popup)
        self.setObjectName("issuerChooser")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.find_box = _FindLine(self)
        self.find_box.setObjectName("issuerFind")
        self.find_box.setPlaceholderText("Find an issuer…")
        self.find_box.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("issuerChoices")
        self.list.setAccessibleName("Issuers")
        # A click picks or lets go of one issuer without touching the others.
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.clear_button = QPushButton(ANY, self)
        self.clear_button.setObjectName("issuerFilterClear")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.find_box)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.clear_button)
        self.find_box.textChanged.connect(self._find)
        self.find_box.returnPressed.connect(self._pick_first_found)
        self.find_box.downPressed.connect(self._go_to_list)

    def _find(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            name = item.toolTip().casefold()
            item.setHidden(not all(word in name for word in words))

    def _first_found(self) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            if not self.list.item(row).isHidden():
                return self.list.item(row)
        return None

    def _pick_first_found(self) -> None:
        item = self._first_found()
        if item is not None:
            item.setSelected(not item.isSelected())

    def _go_to_list(self) -> None:
        item = self._first_found()
        if item is not None:
            self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
            self.list.setFocus()


class _FindLine(QLineEdit):
    """The find line; Down goes on to the list, as in any completer."""

    downPressed = Signal()  # noqa: N815

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Down:
            self.downPressed.emit()
            return
        super().keyPressEvent(event)
