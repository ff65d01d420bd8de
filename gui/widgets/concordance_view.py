"""The Concordance tab: every occurrence of a phrase across the filtered releases, one line
each, the matches aligned in a column, with issuer, date and the topics already on it.

Nothing is read on the window's thread: a page of lines and the count of every occurrence
are asked of two workers (the count of a common phrase reads thousands of texts), and an
answer for a phrase or filter no longer shown is stopped or dropped. Clicking a header sorts
(by the 1st, 2nd or 3rd word left or right, as the word box says; by issuer; by date).
Double-clicking a line emits ``openPassage(release_id, start, end)``. "Tag…" tags the
selected lines, "Tag all…" every occurrence, in one undoable step; "Export…" saves the lines
as CSV or XLSX.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.background.worker import StoreWorker
from gui.models.codebook_tree import CodebookTree
from gui.models.concordance_model import (
    DATE,
    ISSUER,
    LEFT,
    MATCH,
    RIGHT,
    SORT_OF_COLUMN,
    ConcordanceModel,
)
from gui.operations.bulk_coding import TagOccurrences
from gui.operations.highlights import TopicChoice
from gui.operations.runner import Operations
from gui.widgets.release_filters import ReleaseFilters
from gui.widgets.result_table import read_only_rows
from gui.widgets.stem_words_box import StemWordsBox
from store.changes import Changes
from store.concordance import Stopped, concordance, count_occurrences, occurrence_places
from store.db import Store
from store.export.concordance_lines import write_lines
from store.phrases import Phrase, PhraseError
from store.releases import ReleaseFilter
from store.tags import list_tags

DEBOUNCE_MS = 300
PAGE = 500  # lines read at a time
AskTopics = Callable[[], TopicChoice | None]
AskPath = Callable[[], Path | None]


class _Failure(str):
    """An answer that is one sentence saying why there are no lines."""


def _failure(error: Exception) -> object:
    if isinstance(error, Stopped):
        return None
    return _Failure(f"The concordance could not be read: {error}")


def ask_export_path(parent: QWidget) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Export concordance lines", "concordance.xlsx", "Spreadsheet (*.xlsx *.csv)"
    )
    return Path(chosen) if chosen else None


class ConcordanceView(QWidget):
    """Phrase box and filters above, the lines below, the actions on them beside the count."""

    openPassage = Signal(int, int, int)  # release id, start, end (code points)

    def __init__(
        self,
        operations: Operations,
        ask_topics: AskTopics,
        ask_path: AskPath | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("concordanceView")
        self.ops = operations
        self._ask_topics = ask_topics
        self._ask_path = ask_path or (lambda: ask_export_path(self))
        self._generation = 0
        self._phrase: Phrase | None = None
        self._filter = ReleaseFilter()
        self._sort, self._descending = "date", False
        self.total: int | None = None
        self._more = False  # a further page can be read
        self._error = ""  # the one sentence shown instead of lines
        self._stale = False
        self.model = ConcordanceModel(self)
        self._pages = StoreWorker(self, name="concordance")
        self._pages.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._counter = StoreWorker(self, name="concordance count")
        self._counter.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._tagger = StoreWorker(self, name="concordance tagging")
        self._tagger.done.connect(self._tagged, Qt.ConnectionType.QueuedConnection)
        self.tagging = False  # a tagging is being written
        self._build()
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self._store_changed)

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.phrase_box = QLineEdit(self)
        self.phrase_box.setObjectName("concordancePhrase")
        self.phrase_box.setAccessibleName("Phrase to look for")
        self.phrase_box.setPlaceholderText("A word, a phrase or a prefix (sanction*)…")
        self.phrase_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.search)
        self.phrase_box.textChanged.connect(self._debounce.start)
        self.phrase_box.returnPressed.connect(self.search)
        self.stem_box = StemWordsBox("concordanceStem", self)
        self.stem_box.toggled.connect(lambda _on: self.search())
        self.word_box = QComboBox(self)
        self.word_box.setObjectName("concordanceSortWord")
        self.word_box.setAccessibleName("Sort the context by this word")
        for number, text in ((1, "1st word"), (2, "2nd word"), (3, "3rd word")):
            self.word_box.addItem(text, number)
        self.word_box.setToolTip("Which word left or right of the match a click on Left or "
                                 "Right sorts by")  # fmt: skip
        self.word_box.currentIndexChanged.connect(self._word_changed)
        self.filters = ReleaseFilters(self.ops, self)
        self.filters.search_box.hide()  # the phrase box is the search
        for child in self.filters.findChildren(QWidget):
            if child.objectName():  # one name per widget in the window
                child.setObjectName("concordance" + child.objectName()[:1].upper()
                                    + child.objectName()[1:])  # fmt: skip
        self.filters.filterChanged.connect(self._filter_changed)
        self.topic_box = QComboBox(self)
        self.topic_box.setObjectName("concordanceTopic")
        self.topic_box.setAccessibleName("Only releases with a highlight of this topic")
        self.topic_box.setToolTip("Only releases with a highlight of this topic")
        self.topic_box.setMinimumContentsLength(14)
        self._fill_topics()
        self.topic_box.currentIndexChanged.connect(self._topic_chosen)
        self.scope_box = QComboBox(self)
        self.scope_box.setObjectName("concordanceScope")
        self.scope_box.setAccessibleName("What tagging tags")
        self.scope_box.addItem("the match", "match")
        self.scope_box.addItem("its sentence", "sentence")
        self.tag_button = QPushButton("Tag…", self)
        self.tag_button.setObjectName("concordanceTag")
        self.tag_button.setToolTip("Tag the selected lines with topics (one undoable step)")
        self.tag_button.clicked.connect(self.tag_selected)
        self.tag_all_button = QPushButton("Tag all…", self)
        self.tag_all_button.setObjectName("concordanceTagAll")
        self.tag_all_button.setToolTip("Tag every occurrence with topics (one undoable step)")
        self.tag_all_button.clicked.connect(self.tag_all)
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("concordanceExport")
        self.export_button.setToolTip("Save every line as CSV or XLSX")
        self.export_button.clicked.connect(self.export)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("concordanceCount")
        self.count_label.setAccessibleName("Number of occurrences")
        self.count_label.setWordWrap(True)
        self._build_table()
        bar = QHBoxLayout()
        bar.addWidget(self.phrase_box, 1)
        bar.addWidget(self.stem_box)
        bar.addWidget(self.topic_box)
        bar.addWidget(QLabel("Sort by", self))
        bar.addWidget(self.word_box)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(QLabel("Tag", self))
        actions.addWidget(self.scope_box)
        actions.addWidget(self.tag_button)
        actions.addWidget(self.tag_all_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        self._show_state()

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("concordanceTable")
        self.table.setAccessibleName("Concordance lines")
        self.table.setModel(self.model)
        read_only_rows(self.table, several=True, wrap=False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().lineSpacing() + 8)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.table.horizontalHeader()
        fits = self.fontMetrics().horizontalAdvance
        header.resizeSection(LEFT, fits("m" * 34))
        header.resizeSection(MATCH, fits("territorial integrity") + 16)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(ISSUER, fits("Department of State") + 16)
        header.resizeSection(DATE, fits("2022-11-25") + 24)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(DATE, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self._header_sorted)
        self.table.activated.connect(self._activated)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_state())
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --- asking -------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self.ops.store

    def focus_phrase(self) -> None:
        self.phrase_box.setFocus()
        self.phrase_box.selectAll()

    def set_phrase(self, text: str) -> None:
        self.phrase_box.setText(text)
        self.search()

    def search(self) -> None:
        """Read the first page and the count for the phrase and filters now set."""
        self._debounce.stop()
        self._generation += 1
        self._pages.forget()
        self._counter.forget()
        self.model.set_lines([])
        self.total, self._more, self._error = None, False, ""
        text = self.phrase_box.text()
        self._phrase = None
        if text.strip():
            try:
                self._phrase = Phrase.parse(text, stem=self.stem_box.isChecked())
            except PhraseError as error:
                self._error = str(error)
        if self._phrase is not None:
            self._ask_page(0)
            if self._sort in ("date", "issuer"):  # a context order counts as it sorts
                self._ask_count()
        self._show_state()

    def _stop(self, generation: int) -> Callable[[], bool]:
        return lambda: generation != self._generation

    def _ask_page(self, offset: int) -> None:
        phrase, flt, sort, descending = self._phrase, self._filter, self._sort, self._descending
        stop = self._stop(self._generation)
        counted = sort not in ("date", "issuer")

        def page(store: Store):
            return concordance(store, phrase, flt, sort, descending, offset, PAGE, counted, stop)

        self._pages.request((self._generation, "page", offset), self.store.path, page, _failure)

    def _ask_count(self) -> None:
        phrase, flt, stop = self._phrase, self._filter, self._stop(self._generation)
        self._counter.request(
            (self._generation, "count", 0),
            self.store.path,
            lambda store: count_occurrences(store, phrase, flt, stop),
            _failure,
        )

    def _arrived(self, key: tuple, result: object) -> None:
        generation, kind, offset = key
        if generation != self._generation or result is None:
            return
        if isinstance(result, _Failure):
            self._error = str(result)
        elif kind == "count":
            self.total = result
        elif kind == "page":
            if result.total is not None:
                self.total = result.total
            if offset == 0:
                self.model.set_lines(result.lines)
            elif offset == len(self.model.lines):
                self.model.add_lines(result.lines)
            self._more = len(result.lines) == PAGE
        elif kind == "places":
            self._tag_places(*result)
        elif kind == "export":
            self.ops.say(f"{result[0]:,} lines saved to {result[1]}")
        self._show_state()

    def _scrolled(self, value: int) -> None:
        bar = self.table.verticalScrollBar()
        if self._more and value >= bar.maximum() - 2:
            self._more = False
            self._ask_page(len(self.model.lines))

    @property
    def counting(self) -> bool:
        return self._phrase is not None and self.total is None and not self._error

    def _show_state(self) -> None:
        lines = len(self.model.lines)
        if self._error:
            text = self._error
        elif self._phrase is None:
            text = "Type a word, a phrase or a prefix to see every occurrence in context."
        elif self.total is None:
            text = f"{lines:,} lines so far; counting every occurrence…"
        elif self.total == 0:
            text = "No release holds this phrase (within the filters)."
        else:
            plural = "s" if self.total != 1 else ""
            text = f"{self.total:,} occurrence{plural}"
            if lines < self.total:
                text += f" · {lines:,} shown"
        selected = len(self.table.selectionModel().selectedRows())
        if selected:
            text += f" · {selected:,} selected"
        self.count_label.setText(text)
        self.tag_button.setEnabled(bool(selected))
        has_lines = bool(lines)
        self.tag_all_button.setEnabled(has_lines)
        self.export_button.setEnabled(has_lines)

    # --- the analyst's choices ----------------------------------------------------------------

    def _filter_changed(self, flt: ReleaseFilter) -> None:
        self._filter = dataclasses.replace(flt, query="", as_you_type=False)
        self.search()

    def _fill_topics(self) -> None:
        chosen = self.topic_box.currentData()
        self.topic_box.blockSignals(True)
        self.topic_box.clear()
        self.topic_box.addItem("Any topic", None)
        for tag in CodebookTree.of(list_tags(self.store)).depth_first():
            self.topic_box.addItem(tag.name, tag.id)
        found = self.topic_box.findData(chosen) if chosen is not None else 0
        self.topic_box.setCurrentIndex(max(found, 0))
        self.topic_box.blockSignals(False)
        if chosen is not None and found < 0:  # the topic filtered on was deleted
            self._topic_chosen()

    def _topic_chosen(self) -> None:
        tag_id = self.topic_box.currentData()
        self.filters.set_tag_ids([tag_id] if tag_id is not None else [])

    def _header_sorted(self, column: int, order: Qt.SortOrder) -> None:
        sort = SORT_OF_COLUMN.get(column, "date")
        word = self.word_box.currentData()
        if sort in ("left", "right") and word > 1:
            sort = f"{sort}{word}"
        self._sort = sort
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.search()

    def _word_changed(self) -> None:
        header = self.table.horizontalHeader()
        if header.sortIndicatorSection() in (LEFT, RIGHT):
            self._header_sorted(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None:
            self.openPassage.emit(line.release_id, line.start, line.end)

    def selected_places(self) -> list[tuple[int, int, int]]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [(line.release_id, line.start, line.end) for line in map(self.model.line, rows)]

    def tag_selected(self) -> None:
        """Tag the selected lines (or their sentences) with topics the picker gives."""
        places = self.selected_places()
        if places:
            choice = self._ask_topics()
            if choice:
                self._tag_places(places, choice)

    def tag_all(self) -> None:
        """Tag every occurrence: the places are gathered off the window's thread first."""
        if self._phrase is None:
            return
        choice = self._ask_topics()
        if not choice:
            return
        phrase, flt, stop = self._phrase, self._filter, self._stop(self._generation)
        self.count_label.setText("Gathering every occurrence to tag…")
        self._pages.request(
            (self._generation, "places", 0),
            self.store.path,
            lambda store: (occurrence_places(store, phrase, flt, stop), choice),
            _failure,
        )

    def _tag_places(self, places: list[tuple[int, int, int]], choice: TopicChoice) -> None:
        """Tag on the tagging worker (seconds for thousands of places), then push the step."""
        operation = TagOccurrences(places, choice, self.scope_box.currentData())
        if self.ops.refused_while_busy(operation.text()):
            return

        def refused(error: Exception) -> object:
            return _Failure(f"The lines could not be tagged: {error}")

        self.tagging = True
        self.count_label.setText(f"Tagging {len(places):,} lines…")
        self._tagger.request(id(operation), self.store.path, operation.prepare, refused)

    def _tagged(self, _key: object, result: object) -> None:
        self.tagging = False
        if isinstance(result, _Failure):
            self.ops.report("Tag lines: not done", str(result))
        elif isinstance(result, TagOccurrences) and self.ops.run(result):
            added = len(result.added)
            self.ops.say(
                f"{added:,} highlight{'s' if added != 1 else ''} added, "
                f"{result.already_tagged:,} already tagged"
            )
        self._show_state()

    def export(self) -> None:
        """Save every line, in the order shown, as CSV or XLSX (by the file's name)."""
        if self._phrase is None:
            return
        path = self._ask_path()
        if path is None:
            return
        phrase, flt, sort, descending = self._phrase, self._filter, self._sort, self._descending

        def save(store: Store):
            found = concordance(store, phrase, flt, sort, descending, 0, 1 << 62)
            return write_lines(store, found.lines, path), path

        def refused(error: Exception) -> object:
            return _Failure(f"The lines could not be saved: {error}")

        self._pages.request((self._generation, "export", 0), self.store.path, save, refused)

    # --- keeping in step ------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        if not (changes.highlights or changes.releases or changes.tags or changes.elsewhere):
            return
        if changes.tags or changes.elsewhere:
            self._fill_topics()
        if self.isVisible():
            self.search()  # the topics on the lines, or the lines themselves, changed
        else:
            self._stale = True

    def _store_changed(self, _store: Store) -> None:
        self._fill_topics()
        self.search()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self._stale = False
            self.search()
        super().showEvent(event)
