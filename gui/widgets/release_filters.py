"""The search box and filters above the release list; they produce one ``ReleaseFilter``.

Typing is debounced: the list is queried once the analyst pauses (~150 ms), not on every key,
and the last word matches as a prefix (``as_you_type``) so results appear while typing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from gui.operations.runner import Operations
from gui.widgets.date_filter import DateFilterEdit
from store.changes import Changes
from store.db import Store
from store.releases import ReleaseFilter, list_sources

DEBOUNCE_MS = 150


class ReleaseFilters(QWidget):
    """Search box, source, date range and "has highlights"; tag ids are set from outside."""

    filterChanged = Signal(object)  # a store.releases.ReleaseFilter

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self._tag_ids: tuple[int, ...] = ()
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search releases")
        self.search_box.setPlaceholderText("Search releases…  (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search_box.textChanged.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self._emit_now)

        self.source_box = _SourceBox(self)
        self.source_box.setObjectName("sourceFilter")
        self.source_box.setAccessibleName("Filter by source")
        self.source_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_box.setMinimumContentsLength(12)
        self.source_box.currentIndexChanged.connect(self._emit_now)
        self.source_box.stale_from(operations.store)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self.source_box.stale_from)

        self.since_edit = DateFilterEdit("sinceFilter", "Released on or after", self)
        self.until_edit = DateFilterEdit("untilFilter", "Released on or before", self)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._emit_now)
        self.highlighted_check = QCheckBox("Has highlights", self)
        self.highlighted_check.setObjectName("hasHighlightsFilter")
        self.highlighted_check.toggled.connect(self._emit_now)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box, 0, 0, 1, 4)
        layout.addWidget(self.source_box, 1, 0, 1, 2)
        layout.addWidget(self.highlighted_check, 1, 2, 1, 2)
        layout.addWidget(QLabel("From", self), 2, 0)
        layout.addWidget(self.since_edit, 2, 1)
        layout.addWidget(QLabel("to", self), 2, 2, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.until_edit, 2, 3)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)

    def _on_changes(self, changes: Changes) -> None:
        if changes.releases or changes.elsewhere:
            self.source_box.stale_from(self.ops.store)

    def focus_search(self) -> None:
        """Ctrl+F: the search box, its words selected so that typing replaces them."""
        self.search_box.setFocus()
        self.search_box.selectAll()

    def set_tag_ids(self, tag_ids: list[int]) -> None:
        """Releases carrying any of these topics (from the codebook panel); empty: all."""
        self._tag_ids = tuple(tag_ids)
        self._emit_now()

    def current_filter(self) -> ReleaseFilter:
        source = self.source_box.currentData()
        return ReleaseFilter(
            query=self.search_box.text().strip(),
            sources=(source,) if source else (),
            since=self.since_edit.iso(),
            until=self.until_edit.iso(),
            tag_ids=self._tag_ids,
            has_highlights=True if self.highlighted_check.isChecked() else None,
            as_you_type=True,
        )

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self.filterChanged.emit(self.current_filter())


class _SourceBox(QComboBox):
    """The source filter; it lists the store's sources only when opened.

    The counts come from the store's kept ``source_counts`` (a millisecond at a million
    releases), but they change with every import: they are read when the analyst looks.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self.addItem("All sources", None)

    def stale_from(self, store: Store) -> None:
        self._store = store

    def showPopup(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()
        super().showPopup()

    def refresh(self) -> None:
        """Fill from the store, keeping the chosen source if it still exists."""
        if self._store is None:
            return
        store, self._store = self._store, None
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem("All sources", None)
        for source, count in list_sources(store):
            self.addItem(f"{source} ({count})", source)
        index = self.findData(chosen) if chosen else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
