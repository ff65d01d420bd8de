"""The excerpts view: every tagged passage across releases, filtered, counted and charted.

Topics are ticked in a tree (any or all of them, sub-topics included by default); source,
date range and words in the quote or note narrow further. The filter becomes one
:class:`store.excerpts.ExcerptFilter` that the paged table, the count, the per-topic bars and
the chart all read. Double-clicking a row emits ``openExcerpt(release_id, highlight_id)``;
the main window opens the passage in the reader. The view refreshes itself from the bus.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.models.codebook_tree import CodebookTree, swatch_icon
from gui.models.excerpt_model import QUOTE, ExcerptModel
from gui.operations.runner import Operations
from gui.widgets.date_filter import DateFilterEdit
from gui.widgets.quote_delegate import QuoteDelegate, row_height
from gui.widgets.tag_timeline import TagTimeline
from store.changes import Changes
from store.db import Store
from store.excerpts import Excerpt, ExcerptFilter
from store.releases import list_sources
from store.tags import list_tags

DEBOUNCE_MS = 250
_TAG_ID = Qt.ItemDataRole.UserRole + 1


class _TopicChecklist(QTreeWidget):
    """The codebook as a tree of check boxes: swatch, name and number of excerpts."""

    checkedChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("excerptTopics")
        self.setAccessibleName("Filter excerpts by topics")
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setIndentation(14)
        self.setUniformRowHeights(True)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._loading = False
        self.itemChanged.connect(self._on_item_changed)

    def reload(self, store: Store) -> None:
        """Rebuild from the store, keeping the ticks on topics that still exist."""
        checked = set(self.checked_ids())
        self._loading = True
        try:
            self.clear()
            tree = CodebookTree.of(list_tags(store))
            items: dict[int, QTreeWidgetItem] = {}
            for tag in tree.depth_first():  # a parent before its children
                item = QTreeWidgetItem([tag.name, f"{tag.highlight_count:,}"])
                item.setData(0, _TAG_ID, tag.id)
                item.setIcon(0, swatch_icon(tag.colour))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    0, Qt.CheckState.Checked if tag.id in checked else Qt.CheckState.Unchecked
                )
                item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                items[tag.id] = item
                parent_id = tree.parent_id(tag.id)
                if parent_id is None:
                    self.addTopLevelItem(item)
                else:
                    items[parent_id].addChild(item)
            self.expandAll()
        finally:
            self._loading = False
        if checked - tree.tags.keys():
            self.checkedChanged.emit()  # a ticked topic was deleted: the filter changed

    def checked_ids(self) -> list[int]:
        return [
            item.data(0, _TAG_ID)
            for item in self._items()
            if item.checkState(0) == Qt.CheckState.Checked
        ]

    def set_checked(self, tag_ids: list[int] | set[int]) -> None:
        wanted = set(tag_ids)
        self._loading = True
        try:
            for item in self._items():
                on = item.data(0, _TAG_ID) in wanted
                item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        finally:
            self._loading = False
        self.checkedChanged.emit()

    def toggle(self, tag_id: int) -> None:
        ids = set(self.checked_ids())
        self.set_checked(ids - {tag_id} if tag_id in ids else ids | {tag_id})

    def _items(self) -> list[QTreeWidgetItem]:
        found, stack = [], [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop(0)
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _on_item_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if column == 0 and not self._loading:
            self.checkedChanged.emit()


class ExcerptsView(QWidget):
    """Filters on the left and above, the excerpts table, and the counts and chart below."""

    openExcerpt = Signal(int, int)  # release id, highlight id
    filterChanged = Signal(object)  # the ExcerptFilter now shown
    exportRequested = Signal()  # the Export… button: export what export_source() gives

    def __init__(self, operations: Operations, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("excerptsView")
        self.ops = operations
        store = operations.store
        # Nothing is queried until the view is first shown (a hidden tab must not slow the
        # window's start on a big store); changes while hidden only mark it stale.
        self._stale = True
        self.hidden_coders: tuple[str, ...] = ()  # whose excerpts are left out
        self.model = ExcerptModel(store, self, start_empty=True)
        self._build_filters()
        self._build_table()
        self.timeline = TagTimeline(self)
        self._timeline_timer = QTimer(self, singleShot=True, interval=30)
        self._timeline_timer.timeout.connect(self._update_timeline)
        self.timeline.tagClicked.connect(self.topics.toggle)
        self._lay_out()
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self._set_store)

    # --- building -----------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("excerptSearch")
        self.search_box.setAccessibleName("Words in the quote or note")
        self.search_box.setPlaceholderText("Words in the quote or note…")
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search_box.textChanged.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self.apply_filter)
        self.source_box = QComboBox(self)
        self.source_box.setObjectName("excerptSource")
        self.source_box.setAccessibleName("Filter excerpts by source")
        self.source_box.setMinimumContentsLength(14)
        self.source_box.addItem("All sources", None)
        self.source_box.currentIndexChanged.connect(self.apply_filter)
        self.since_edit = DateFilterEdit("excerptSince", "Released on or after", self)
        self.until_edit = DateFilterEdit("excerptUntil", "Released on or before", self)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self.apply_filter)
        self.match_box = QComboBox(self)
        self.match_box.setObjectName("excerptMatch")
        self.match_box.addItem("Any ticked topic", "any")
        self.match_box.addItem("All ticked topics", "all")
        self.match_box.currentIndexChanged.connect(self.apply_filter)
        self.sub_topics = QCheckBox("Include sub-topics", self)
        self.sub_topics.setObjectName("includeSubTopics")
        self.sub_topics.setChecked(True)
        self.sub_topics.toggled.connect(self.apply_filter)
        self.topics = _TopicChecklist(self)
        self.topics.checkedChanged.connect(self.apply_filter)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("excerptCount")
        self.count_label.setAccessibleName("Number of matching excerpts")
        self.export_button = QPushButton("Export…", self)
        self.export_button.setObjectName("exportButton")
        self.export_button.setToolTip(
            "Export the selected excerpts, or all that match (Ctrl+Shift+E)"
        )
        self.export_button.clicked.connect(self.exportRequested)

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setObjectName("excerptTable")
        self.table.setAccessibleName("Excerpts")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(QUOTE, QuoteDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(
            row_height(self.table.fontMetrics().lineSpacing())
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QUOTE, QHeaderView.ResizeMode.Stretch)
        fits = header.fontMetrics().horizontalAdvance
        for column, sample in (
            (1, "Security · Ukraine"),
            (2, "A short note"),
            (3, "Minister meets NATO"),
            (4, "2022-11-25"),
            (5, "State Departm"),
            (6, "A. Petrović"),
        ):  # narrow on purpose: the quote takes the rest, the tooltips the full text
            header.resizeSection(column, fits(sample) + 16)
        self.table.activated.connect(self._activated)  # double-click or Enter
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_count())
        self.model.modelReset.connect(self._update_count)  # the count arrived

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search_box, 3)
        bar.addWidget(self.source_box, 1)
        bar.addWidget(QLabel("From", self))
        bar.addWidget(self.since_edit)
        bar.addWidget(QLabel("to", self))
        bar.addWidget(self.until_edit)
        bar.addSpacing(12)
        bar.addWidget(self.export_button)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel("Topics", side))
        side_layout.addWidget(self.match_box)
        side_layout.addWidget(self.sub_topics)
        side_layout.addWidget(self.topics, 1)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.count_label)
        table_layout.addWidget(self.table, 1)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.right_splitter.addWidget(table_box)
        self.right_splitter.addWidget(self.timeline)
        self.right_splitter.setStretchFactor(0, 3)
        self.right_splitter.setStretchFactor(1, 1)
        self.right_splitter.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(side)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

    # --- the filter ---------------------------------------------------------------------------

    def current_filter(self) -> ExcerptFilter:
        source = self.source_box.currentData()
        return ExcerptFilter(
            tag_ids=tuple(self.topics.checked_ids()),
            include_child_tags=self.sub_topics.isChecked(),
            match=self.match_box.currentData(),
            sources=(source,) if source else (),
            since=self.since_edit.iso(),
            until=self.until_edit.iso(),
            text=self.search_box.text().strip(),
            hidden_coders=self.hidden_coders,
        )

    def set_hidden_coders(self, names: tuple[str, ...]) -> None:
        """Leave out these coders' excerpts (View ▸ Coders), and show the rest again."""
        if names != self.hidden_coders:
            self.hidden_coders = names
            if self.isVisible():
                self.apply_filter()
            else:
                self._stale = True

    def apply_filter(self) -> None:
        """Show the excerpts passing the filters now set (the table, count, bars and chart)."""
        self._debounce.stop()
        flt = self.current_filter()
        self.model.set_filter(flt)
        self._update_count()
        # The counts and chart take as long again as the table on a big store: let the table
        # and its count paint first.
        self._timeline_timer.start()
        self.filterChanged.emit(flt)

    @property
    def timeline_pending(self) -> bool:
        """True between a filter change and the counts and chart catching up with it."""
        return self._timeline_timer.isActive() or self.timeline.pending

    def _update_timeline(self) -> None:
        self.timeline.show_filter(self.store, self.model.excerpt_filter)

    def set_tags(self, tag_ids: list[int], match: str = "any") -> None:
        """Tick these topics (and only these) and show their excerpts."""
        self.match_box.setCurrentIndex(self.match_box.findData(match))
        self.topics.set_checked(tag_ids)

    def selected_excerpts(self) -> list[Excerpt]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [e for e in map(self.model.excerpt, rows) if e is not None]

    def export_source(self) -> ExcerptFilter | list[Excerpt]:
        """What an export takes: the selected rows, else (or when all are selected) the filter."""
        selected = len(self.table.selectionModel().selectedRows())
        if 0 < selected < self.model.rowCount():
            return self.selected_excerpts()
        return self.model.excerpt_filter

    # --- keeping in step ------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        return self.ops.store

    def _set_store(self, store: Store) -> None:
        self.model.set_store(store)
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Topics, sources and rows from the store again."""
        self._stale = False
        self.topics.reload(self.store)
        self._fill_sources()
        self.model.refresh()
        self.apply_filter()

    def _on_changes(self, changes: Changes) -> None:
        if not changes:
            return
        if not self.isVisible():
            self._stale = True
            return
        if changes.tags or changes.elsewhere:
            self.topics.reload(self.store)
        if changes.releases or changes.elsewhere:
            self._fill_sources()
        self.model.refresh()
        self.apply_filter()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if self._stale:
            self.refresh()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        # A chart due after the view is hidden (or closed, its store with it) waits for the
        # next showing instead of querying now.
        if self._timeline_timer.isActive():
            self._timeline_timer.stop()
            self._stale = True
        super().hideEvent(event)

    def _fill_sources(self) -> None:
        chosen = self.source_box.currentData()
        self.source_box.blockSignals(True)
        self.source_box.clear()
        self.source_box.addItem("All sources", None)
        for source, _count in list_sources(self.store):
            self.source_box.addItem(source, source)
        found = self.source_box.findData(chosen) if chosen else 0
        self.source_box.setCurrentIndex(max(found, 0))
        self.source_box.blockSignals(False)

    def _update_count(self) -> None:
        if self.model.counting():
            self.count_label.setText("Counting…")
            return
        count = self.model.rowCount()
        text = f"{count:,} excerpt{'s' if count != 1 else ''}"
        selected = len(self.table.selectionModel().selectedRows())
        if selected:
            text += f" · {selected:,} selected"
        self.count_label.setText(text)

    def _activated(self, index: QModelIndex) -> None:
        excerpt = self.model.excerpt(index.row())
        if excerpt is not None:
            self.openExcerpt.emit(excerpt.release_id, excerpt.highlight_id)
