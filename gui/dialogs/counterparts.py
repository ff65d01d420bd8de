"""Counterparts: the statements by other issuers about the same event as the release read,
best first, each with its score and the reasons for it ("same day", "both name Serbia,
Kosovo", "wording 0.41"). A click on one (or Enter) opens the pair side by side.

Ranking reads the releases of several days and compares their wording, so it runs on a
worker thread of the dialog's own; the dialog says "Looking…" until the answer comes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.background.worker import StoreWorker
from gui.widgets.result_table import result_table
from store.counterparts import Counterpart, counterparts
from store.db import Store
from store.releases import ReleaseSummary, get_release

COLUMNS = ("Score", "Date", "Issuer", "Language", "Release", "Why")
RELEASE_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Found:
    """A counterpart with what the list shows of its release."""

    counterpart: Counterpart
    release: ReleaseSummary


def _look_up(store: Store, release_id: int) -> list[Found]:
    found = []
    for counterpart in counterparts(store, release_id):
        release = get_release(store, counterpart.release_id)
        if release is not None:
            found.append(Found(counterpart, release))
    return found


def _failed(error: Exception) -> str:
    return f"The counterparts could not be found: {error}"


class CounterpartsDialog(QDialog):
    """The counterparts of one release; ``openPair(release_id, counterpart_id)`` when the
    analyst clicks one or presses Enter on it."""

    openPair = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterpartsDialog")
        self.setWindowTitle("Counterparts")
        self.resize(960, 420)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = result_table(self, COLUMNS, "counterpartsTable")
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(4, 280)
        self.table.cellClicked.connect(lambda row, _column: self._open(row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        hint = QLabel("Click a counterpart (or press Enter) to read the two side by side.", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self._worker = StoreWorker(self, name="counterparts")
        self._worker.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._asked = 0
        self._release_id: int | None = None
        self.pending = False

    def look_up(self, store: Store, release_id: int, title: str) -> None:
        """Find the counterparts of a release (``title`` is what the dialog calls it)."""
        self._asked += 1
        self._release_id = release_id
        self.pending = True
        self.setWindowTitle(f"Counterparts — {title if len(title) <= 50 else title[:49] + '…'}")
        self.summary.setText("Looking for statements by other issuers about the same event…")
        self.table.setRowCount(0)
        if store.path is None:  # a store kept in memory (tests) is read here
            self._arrived(self._asked, _look_up(store, release_id))
            return
        self._worker.forget()
        self._worker.request(self._asked, store.path, lambda s: _look_up(s, release_id), _failed)

    def _arrived(self, asked: int, answer: object) -> None:
        if asked != self._asked:
            return  # another release's counterparts were asked for meanwhile
        self.pending = False
        if isinstance(answer, str):
            self.summary.setText(answer)
            return
        self._show(answer)

    def _show(self, found: list[Found]) -> None:
        if not found:
            self.summary.setText(
                "No statement by another issuer within three days shares its participants "
                "or wording."
            )
        else:
            count = len(found)
            self.summary.setText(
                f"{count} statement{'s' if count != 1 else ''} about the same event, best first."
            )
        self.table.setRowCount(len(found))
        for row, item in enumerate(found):
            release = item.release
            cells = (
                f"{item.counterpart.score:.2f}",
                release.date or "undated",
                release.issuer or release.source or "no issuer",
                release.language or "",
                release.title,
                "; ".join(item.counterpart.reasons),
            )
            for column, value in enumerate(cells):
                cell = QTableWidgetItem(value)
                cell.setToolTip(value)
                cell.setData(RELEASE_ROLE, release.id)
                self.table.setItem(row, column, cell)
        self.table.resizeRowsToContents()
        if found:
            self.table.selectRow(0)
            self.table.setFocus()

    def _open(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None and self._release_id is not None:
            self.openPair.emit(self._release_id, item.data(RELEASE_ROLE))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._open(self.table.currentRow())
            return
        super().keyPressEvent(event)
