"""The Issuers dialog: every issuer with its country, domains, other names and releases.

Rename in place (double-click or F2 on the name), set the country the same way in its
column, merge the selected issuers into the current one (their names and domains go along),
split a new issuer off with some of an issuer's names and domains. Each change is one
operation on the window's undo stack (Ctrl+Z works here too); the table is read again
whenever the bus says the issuers changed, whoever changed them.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.models.issuer_table_model import COUNTRY, NAME, IssuerTableModel
from gui.operations.issuers import MergeIssuers, RenameIssuer, SetIssuerCountry, SplitIssuer
from gui.operations.runner import Operations
from store.changes import Changes
from store.issuers import Issuer


class IssuersDialog(QDialog):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setObjectName("issuersDialog")
        self.setWindowTitle("Issuers")
        self.resize(860, 520)
        self.model = IssuerTableModel(self)
        self.model.renameRequested.connect(
            lambda issuer, name: self.ops.run(RenameIssuer(issuer, name))
        )
        self.model.countryRequested.connect(
            lambda issuer, code: self.ops.run(SetIssuerCountry(issuer, code or None))
        )
        self.found = QSortFilterProxyModel(self)
        self.found.setSourceModel(self.model)
        self.found.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.found.setFilterKeyColumn(-1)  # a name, a domain, another name, a country
        self.found.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.find_box = QLineEdit(self)
        self.find_box.setObjectName("issuerSearch")
        self.find_box.setPlaceholderText("Find an issuer by name, domain or country…")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self.found.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("issuerTable")
        self.table.setAccessibleName("Issuers")
        self.table.setModel(self.found)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        edit = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(edit.DoubleClicked | edit.EditKeyPressed)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COUNTRY, 150), (2, 170), (3, 200), (4, 80)):
            header.resizeSection(column, width)

        self.merge_button = QPushButton("&Merge", self)
        self.merge_button.setObjectName("mergeIssuers")
        self.merge_button.clicked.connect(self.merge_selected)
        self.split_button = QPushButton("&Split off…", self)
        self.split_button.setObjectName("splitIssuer")
        self.split_button.clicked.connect(self.split_current)
        self.country_button = QPushButton("Set &country", self)
        self.country_button.setObjectName("setIssuerCountry")
        self.country_button.clicked.connect(self.edit_country)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.merge_button, self.split_button, self.country_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        self.summary = QLabel(self)
        self.summary.setObjectName("issuerSelection")
        self.summary.setWordWrap(True)
        # Two lines whatever it says, so the table above does not jump as the choice changes.
        self.summary.setMinimumHeight(2 * self.summary.fontMetrics().lineSpacing() + 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.find_box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        # The window's undo stack, from here too: this is a window of its own.
        for action, keys in (
            (operations.undo_stack.createUndoAction(self), QKeySequence.StandardKey.Undo),
            (operations.undo_stack.createRedoAction(self), QKeySequence.StandardKey.Redo),
        ):
            action.setShortcut(keys)
            self.addAction(action)
        self.table.selectionModel().selectionChanged.connect(self._say_selection)
        self.table.selectionModel().currentChanged.connect(self._say_selection)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self.reread())
        self.split_dialog: SplitIssuerDialog | None = None
        self.reread()

    # --- what it shows --------------------------------------------------------------------

    def reread(self) -> None:
        """Read the issuers again, keeping the selected ones and the current one selected."""
        chosen = [issuer.id for issuer in self.selected()]
        current = self.current()
        self.model.read(self.ops.store)
        selection = self.table.selectionModel()
        for issuer_id in chosen:
            row = self.model.row_of(issuer_id)
            if row is not None:
                index = self.found.mapFromSource(self.model.index(row, 0))
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        row = self.model.row_of(current.id) if current else None
        if row is not None:
            index = self.found.mapFromSource(self.model.index(row, 0))
            selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self._say_selection()

    def _on_changes(self, changes: Changes) -> None:
        if changes.issuers or changes.releases or changes.elsewhere:
            self.reread()

    def selected(self) -> list[Issuer]:
        rows = self.table.selectionModel().selectedRows()
        return [self.found.data(index, IssuerTableModel.IssuerRole) for index in rows]

    def current(self) -> Issuer | None:
        index = self.table.currentIndex()
        return self.found.data(index, IssuerTableModel.IssuerRole) if index.isValid() else None

    def _say_selection(self, *_args: object) -> None:
        keep, others = self._merge_choice()
        self.merge_button.setEnabled(bool(others))
        if others:
            what = f"“{others[0].name}”" if len(others) == 1 else f"{len(others)} issuers"
            self.summary.setText(
                f"Merge puts {what} into “{keep.name}” (the current row): their releases, "
                "names and domains go along."
            )
        else:
            self.summary.setText("Select two issuers or more to merge them into the current one.")
        single = self.current() is not None
        self.split_button.setEnabled(single)
        self.country_button.setEnabled(single)

    def _merge_choice(self) -> tuple[Issuer | None, list[Issuer]]:
        """The issuer kept (the current row, else the first selected) and the others."""
        chosen = self.selected()
        current = self.current()
        keep = current if current and current.id in {i.id for i in chosen} else None
        keep = keep or (chosen[0] if chosen else None)
        return keep, [issuer for issuer in chosen if keep and issuer.id != keep.id]

    # --- the analyst's changes ------------------------------------------------------------

    def merge_selected(self) -> None:
        keep, others = self._merge_choice()
        if keep and others:
            self.ops.run(MergeIssuers(keep, others))

    def edit_country(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            # From the table, as F2 there would: the editor's Enter then ends the edit
            # rather than pressing the button that opened it.
            self.table.setFocus()
            country = index.siblingAtColumn(COUNTRY)
            self.table.setCurrentIndex(country)
            self.table.edit(country)

    def split_current(self) -> None:
        issuer = self.current()
        if issuer is None:
            return
        dialog = SplitIssuerDialog(issuer, self)
        dialog.accepted.connect(
            lambda: self.ops.run(
                SplitIssuer(issuer, dialog.new_name(), dialog.names(), dialog.domains())
            )
        )
        dialog.finished.connect(dialog.deleteLater)
        self.split_dialog = dialog
        dialog.open()


class SplitIssuerDialog(QDialog):
    """Which of an issuer's names and domains go to a new issuer, and its name."""

    def __init__(self, issuer: Issuer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("splitIssuerDialog")
        self.setWindowTitle(f"Split off “{issuer.name}”")
        self.setMinimumWidth(420)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("newIssuerName")
        self.name_edit.setPlaceholderText("The new issuer's name")
        self.parts = QListWidget(self)
        self.parts.setObjectName("splitParts")
        others = [n for n in issuer.names.values() if n != issuer.name]
        for kind, value in [
            *(("name", n) for n in dict.fromkeys([*issuer.aliases, *others])),
            *(("domain", d) for d in issuer.domains),
        ]:
            item = QListWidgetItem(f"{value}  ({kind})", self.parts)
            item.setData(Qt.ItemDataRole.UserRole, (kind, value))
            item.setCheckState(Qt.CheckState.Unchecked)
        explanation = QLabel(
            f"The new issuer takes the names and domains ticked here, and the releases of "
            f"“{issuer.name}” found under them.",
            self,
        )
        explanation.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Split off")
        ok.setEnabled(False)
        self.name_edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.parts, 1)
        layout.addWidget(self.buttons)

    def new_name(self) -> str:
        return self.name_edit.text().strip()

    def _ticked(self, kind: str) -> list[str]:
        items = [self.parts.item(row) for row in range(self.parts.count())]
        return [
            item.data(Qt.ItemDataRole.UserRole)[1]
            for item in items
            if item.checkState() == Qt.CheckState.Checked
            and item.data(Qt.ItemDataRole.UserRole)[0] == kind
        ]

    def names(self) -> list[str]:
        return self._ticked("name")

    def domains(self) -> list[str]:
        return self._ticked("domain")
