"""The issuers as a table: name, country, domains, the other names it is known by, releases.

Every issuer is read at once (``list_issuers``: a few hundred rows, each issuer's releases
counted in the index of releases by issuer). An edit of a name or a country is not written
here: the model asks for it (``renameRequested``, ``countryRequested``) and the dialog runs
the operation; the table is read again when the bus says issuers changed.
"""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from gui.names import country_name
from store.db import Store
from store.issuers import Issuer, list_issuers

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
NAME, COUNTRY, DOMAINS, ALSO_KNOWN, RELEASES = range(5)


class IssuerTableModel(QAbstractTableModel):
    renameRequested = Signal(object, str)  # noqa: N815 (Qt's style): Issuer, new name
    countryRequested = Signal(object, str)  # noqa: N815 (Qt's style): Issuer, code ("" for none)

    HEADERS: ClassVar[list[str]] = ["Issuer", "Country", "Domains", "Also known as", "Releases"]
    IssuerRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.issuers: list[Issuer] = []

    def read(self, store: Store) -> None:
        self.beginResetModel()
        self.issuers = list_issuers(store)
        self.endResetModel()

    def row_of(self, issuer_id: int) -> int | None:
        return next((row for row, i in enumerate(self.issuers) if i.id == issuer_id), None)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        return 0 if parent.isValid() else len(self.issuers)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() in (NAME, COUNTRY):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        issuer = self.issuers[index.row()]
        column = index.column()
        if role == self.IssuerRole:
            return issuer
        if role == Qt.ItemDataRole.EditRole:
            return {NAME: issuer.name, COUNTRY: issuer.country or ""}.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == RELEASES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COUNTRY:
                return "Double-click or F2 to set the country (ISO code: IT, US, XK…)"
            if column == ALSO_KNOWN and issuer.names:
                return "\n".join(f"{code}: {name}" for code, name in sorted(issuer.names.items()))
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == NAME:
            return issuer.name
        if column == COUNTRY:
            return f"{country_name(issuer.country)} ({issuer.country})" if issuer.country else "—"
        if column == DOMAINS:
            return ", ".join(issuer.domains)
        if column == ALSO_KNOWN:
            others = [n for n in issuer.names.values() if n != issuer.name]
            return ", ".join(dict.fromkeys([*issuer.aliases, *others]))
        return f"{issuer.releases:,}"

    def setData(  # noqa: N802
        self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        issuer, text = self.issuers[index.row()], " ".join(str(value).split())
        if index.column() == NAME and text and text != issuer.name:
            self.renameRequested.emit(issuer, text)
            return True
        if index.column() == COUNTRY and text.upper() != (issuer.country or ""):
            self.countryRequested.emit(issuer, text)
            return True
        return False

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section] if 0 <= section < len(self.HEADERS) else None
        return None
