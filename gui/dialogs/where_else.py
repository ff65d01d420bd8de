"""Where else? The other releases holding the wording of the passage selected in the reader
(or of the whole release): issuer, date, their wording, and whether it is the same words or
a few words changed, first appearance first. Double-clicking a row (or Enter) opens that
release in the reader at the passage.

The look-up aligns the texts of up to a few hundred releases, so it runs on a worker thread
of its own (:class:`gui.background.worker.StoreWorker`): the window stays live, and the
dialog says "Looking…" until the answer comes.
"""

from __future__ import annotations

from functools import partial

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
from store.db import Store
from store.reuse import DEFAULT_MIN_WORDS, Elsewhere, SharedPassage, where_else

COLUMNS = ("Date", "Issuer", "Release", "Wording there", "")
SAME_WORDS = "same words"
CHANGED = "a few words changed"
# The row's (release id, start, end) in the other release's text.
PASSAGE_ROLE = Qt.ItemDataRole.UserRole + 1


def _look_up(store: Store, release_id: int, start: int, end: int | None) -> object:
    return where_else(store, release_id, DEFAULT_MIN_WORDS, start, end)


def _failed(error: Exception) -> str:
    return f"The store could not be read: {error}"


class WhereElseDialog(QDialog):
    """The other releases sharing a passage's wording; ``openPassage(release_id, start,
    end)`` when the analyst double-clicks one."""

    openPassage = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whereElseDialog")
        self.setWindowTitle("Where else?")
        self.resize(900, 420)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = result_table(self, COLUMNS, "whereElseTable")
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Interactive,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(1, 180)
        self.table.setColumnWidth(2, 220)
        self.table.cellDoubleClicked.connect(lambda row, _column: self._open(row))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._worker = StoreWorker(self, name="where else")
        self._worker.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._asked = 0
        self._what = ""

    @property
    def pending(self) -> bool:
        """Whether the latest look-up is still running."""
        return self._what != ""

    def look_up(self, store: Store, release_id: int, span: tuple[int, int] | None) -> None:
        """Find where else the release's wording (or that of its text ``span``) appears."""
        self._asked += 1
        start, end = span if span else (0, None)
        self._what = "the selection" if span else "this release"
        self.summary.setText(f"Looking for the wording of {self._what} in other releases…")
        self.table.setRowCount(0)
        job = partial(_look_up, release_id=release_id, start=start, end=end)
        if store.path is None:  # a store kept in memory (tests) is read here
            self._arrived(self._asked, job(store))
            return
        self._worker.forget()
        self._worker.request(self._asked, store.path, job, _failed)

    def _arrived(self, asked: int, answer: object) -> None:
        if asked != self._asked:
            return  # a later look-up was asked for meanwhile
        what, self._what = self._what, ""
        if isinstance(answer, str):
            self.summary.setText(answer)
            return
        self._show(what, answer)

    def _show(self, what: str, passages: list[SharedPassage]) -> None:
        rows = sorted(
            ((passage, other) for passage in passages for other in passage.elsewhere),
            key=lambda row: (row[1].date is None, row[1].date or "", row[1].release_id),
        )
        releases = len({other.release_id for _, other in rows})
        if not rows:
            self.summary.setText(
                f"No passage of {DEFAULT_MIN_WORDS} words or more of {what} appears in "
                "another release."
            )
        else:
            agreed = sum(passage.agreed for passage in passages)
            kinds = (
                f"{agreed} shared with other issuers"
                if agreed
                else "only in this issuer's own releases: its own wording"
            )
            self.summary.setText(
                f"{len(passages)} passage{'s' if len(passages) != 1 else ''} of {what} "
                f"appear{'s' if len(passages) == 1 else ''} in {releases} other "
                f"release{'s' if releases != 1 else ''} ({kinds}), first appearance first."
            )
        self.table.setRowCount(len(rows))
        for row, (_passage, other) in enumerate(rows):
            self._fill(row, other)
        self.table.resizeRowsToContents()
        if rows:
            self.table.selectRow(0)
            self.table.setFocus()

    def _fill(self, row: int, other: Elsewhere) -> None:
        wording = " ".join(other.text.split())
        cells = (
            other.date or "undated",
            other.issuer or "no issuer",
            other.title,
            wording,
            SAME_WORDS if other.exact else CHANGED,
        )
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            item.setData(PASSAGE_ROLE, (other.release_id, other.start, other.end))
            self.table.setItem(row, column, item)

    def _open(self, row: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            release_id, start, end = item.data(PASSAGE_ROLE)
            self.openPassage.emit(release_id, start, end)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.table.hasFocus():
            self._open(self.table.currentRow())
            return
        super().keyPressEvent(event)
