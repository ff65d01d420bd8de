"""The overlap view of the Agreement dialog: for a topic and two coders, the passages only A
coded, both coded and only B coded, side by side (A's extent | what both marked | B's
extent), with release and date; double-click (or Enter) opens the passage in the reader.

Below it, curation: the selected rows' passages kept as A's, B's, both (the whole passage
either marked) or the shared part, as new highlights under the curator's name, one
undoable step per button (store.curation says why the coders' own highlights stay).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.models.text_rows_model import TextRowsModel
from gui.operations.curation import CuratePassages, kept_words
from gui.operations.runner import Operations
from gui.widgets.result_table import read_only_rows
from store.coder_names import NO_CODER, CoderError
from store.curation import KEEPS, Curation, check_curator, kept_spans
from store.highlights import HighlightError
from store.overlaps import BOTH, ONLY_A, Overlap, OverlapPassage

# Rows fitted to their quotes' height; beyond this many, measuring them all would hold the
# window's thread, and they keep one line each.
ROWS_SIZED = 500
KEEP_BUTTONS = {
    "a": ("keepA", "Keep {a}'s"),
    "b": ("keepB", "Keep {b}'s"),
    "both": ("keepBoth", "Keep both"),
    "shared": ("keepShared", "Keep the shared part"),
}


class PassageTable(QTableView):
    """The passages; Enter opens the current one, as a double-click does."""

    opened = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class OverlapView(QWidget):
    openPassage = Signal(int, int, int)  # release id, start, end (code points)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.overlap: Overlap | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("overlapSummary")
        self.summary.setWordWrap(True)
        self.model = TextRowsModel(_columns("A", "B"), parent=self)
        self.table = PassageTable(self)
        self.table.setObjectName("overlapPassages")
        self.table.setAccessibleName("Passages only A coded, both coded, only B coded")
        self.table.setModel(self.model)
        read_only_rows(self.table, several=True, wrap=True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 200)
        self.table.setColumnWidth(1, 90)
        self.table.doubleClicked.connect(self._open)
        self.table.opened.connect(self._open)

        self.curator_box = QLineEdit(self)
        self.curator_box.setObjectName("curatorName")
        self.curator_box.setAccessibleName("Curator")
        self.curator_box.setPlaceholderText("the curator's name")
        self.buttons: dict[str, QPushButton] = {}
        curation = QHBoxLayout()
        curation.addWidget(QLabel("Curate as", self))
        curation.addWidget(self.curator_box, 1)
        for keep in KEEPS:
            name, _ = KEEP_BUTTONS[keep]
            button = QPushButton(self)
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, k=keep: self.keep(k))
            self.buttons[keep] = button
            curation.addWidget(button)
        self.message = QLabel(self)
        self.message.setObjectName("curationMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(curation)
        layout.addWidget(self.message)
        self.show_overlap(None, "Choose two coders and a topic.")

    def show_overlap(self, overlap: Overlap | None, message: str = "") -> None:
        """Show the passages of ``overlap`` (None: none, and ``message`` says why)."""
        self.overlap = overlap
        a, b = ("A", "B") if overlap is None else _names(overlap)
        passages = overlap.passages if overlap else []
        self.model.show_rows(
            [_row(p) for p in passages],
            list(passages),
            [_tip(p, a, b) for p in passages],
            _columns(a, b),
        )
        if len(passages) <= ROWS_SIZED:
            self.table.resizeRowsToContents()
        for keep, button in self.buttons.items():
            button.setText(KEEP_BUTTONS[keep][1].format(a=a, b=b))
            button.setEnabled(bool(passages))
        self.message.setText("")
        if overlap is None:
            self.summary.setText(message)
            return
        self.summary.setText(
            f"{len(passages):,} passages on {overlap.releases_compared:,} releases coded by "
            f"both: {overlap.count(BOTH):,} both coded, {overlap.count(ONLY_A):,} only {a}, "
            f"{len(passages) - overlap.count(BOTH) - overlap.count(ONLY_A):,} only {b}."
        )

    def suggest_curator(self, name: str) -> None:
        """Fill the curator box with ``name`` unless the analyst typed one already."""
        if not self.curator_box.text().strip():
            self.curator_box.setText(name)

    def selected_passages(self) -> list[OverlapPassage]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.item(row) for row in rows]

    def keep(self, keep: str) -> None:
        """Keep what ``keep`` takes of the selected passages under the curator's name."""
        overlap = self.overlap
        passages = self.selected_passages()
        if overlap is None or not passages:
            self.message.setText("Select the passages to keep (Ctrl+click, Shift+click).")
            return
        a, b = _names(overlap)
        curation = Curation(
            overlap.coder_a, overlap.coder_b, overlap.tag_id, self.curator_box.text()
        )
        try:
            curation = replace(curation, curator=check_curator(curation))
        except (CoderError, HighlightError) as error:
            self.message.setText(str(error))
            self.curator_box.setFocus()
            return
        words = kept_words(keep, a, b)
        if not any(kept_spans(passage, keep) for passage in passages):
            self.message.setText(f"The selected passages hold none of {words}.")
            return
        operation = CuratePassages(curation, passages, keep)
        if not self.ops.run(operation):
            self.message.setText(operation.error or "")
            return
        added = len(operation.added)
        already = f"; {operation.already_kept:,} already kept" if operation.already_kept else ""
        self.message.setText(
            f"Kept {words} as {added:,} highlight{'s' if added != 1 else ''} under "
            f"{curation.curator}{already} (Ctrl+Z takes {'them' if added != 1 else 'it'} back)."
            if added
            else f"{curation.curator} already keeps {words} of these passages."
        )

    def _open(self, index: QModelIndex) -> None:
        passage = self.model.item(index.row())
        self.openPassage.emit(passage.release_id, passage.start, passage.end)


def _names(overlap: Overlap) -> tuple[str, str]:
    return overlap.coder_a or NO_CODER, overlap.coder_b or NO_CODER


def _columns(a: str, b: str) -> list[str]:
    return ["Release", "Date", f"{a} coded", "Both coded", f"{b} coded"]


def _row(passage: OverlapPassage) -> list[str]:
    return [passage.title, passage.date or "–", passage.a_quote, passage.shared_quote,
            passage.b_quote]  # fmt: skip


def _tip(passage: OverlapPassage, a: str, b: str) -> str:
    kind = {ONLY_A: f"only {a} coded", BOTH: "both coded"}.get(passage.kind, f"only {b} coded")
    return f"{kind}; double-click to read it in the release"
