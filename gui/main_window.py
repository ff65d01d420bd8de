"""The main window: composes the list, the reader and the panels, and wires them together.

It owns layout and wiring only. Data flows one way: a widget or an action calls a store
function (through an undo command when it is a change), the returned ``Changes`` is
announced on the :class:`ChangeBus`, and every view refreshes from the store if the change
concerns it. Menus, the store switch and dropping files live in ``gui.window_actions``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QModelIndex, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import settings
from gui.bus import ChangeBus
from gui.commands.highlight_commands import (
    AddHighlight,
    HighlightCommand,
    MoveHighlight,
    RetagHighlight,
)
from gui.commands.store_command import push_command
from gui.dialogs.tag_picker import TagPicker
from gui.models.release_list_model import ReleaseListModel
from gui.widgets.excerpts_view import ExcerptsView
from gui.widgets.highlight_panel import HighlightPanel
from gui.widgets.reader_view import ReaderPane
from gui.widgets.release_filters import ReleaseFilters
from gui.widgets.row_table_view import RowTableView
from gui.widgets.tag_panel import TagPanel
from gui.window_actions import WindowActions
from store.changes import Changes
from store.db import Store
from store.highlights import highlights_of_release
from store.releases import Release, get_release, release_versions

LIVE_REFRESH_MS = 500
# Release id 0 never exists (SQLite ids start at 1): a change naming it makes every view that
# lists releases query again, which is what a change made by another program needs.
ANY_RELEASE = 0


class MainWindow(QMainWindow):
    """List on the left, reader in the middle, topics and highlights docked on the right."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.bus = ChangeBus(self)
        self.undo_stack = QUndoStack(self)
        self.release: Release | None = None
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._build_left()
        self._build_centre()
        self._build_docks()
        self.actions_ = WindowActions(self)
        self.reader.view.set_context_actions(
            [self.actions_.actionHighlight, self.actions_.actionDeleteHighlight]
        )
        self.reader.header.compareVersionsRequested.connect(self.actions_.compare_versions)
        self.bus.changed.connect(self._on_changes)
        self._data_version = store.data_version()
        self._live = QTimer(self, interval=LIVE_REFRESH_MS)
        self._live.timeout.connect(self._poll_other_writers)
        self._live.start()
        self.resize(1400, 900)
        if not settings.restore_window(self, {"main": self.splitter}):
            self._first_run_layout()
        self._show_store_name()
        self._update_count()

    # --- layout ---------------------------------------------------------------------------

    def _build_left(self) -> None:
        self.filters = ReleaseFilters(self)
        self.filters.set_sources(self.store)
        self.filters.filterChanged.connect(self._apply_filter)
        self.model = ReleaseListModel(self.store, self)
        self.model.set_filter(self.filters.current_filter())
        self.release_list = RowTableView(self)
        self.release_list.setObjectName("releaseList")
        self.release_list.setAccessibleName("Releases")
        self.release_list.setModel(self.model)
        self.release_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.release_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The model starts sorted by date, newest first; the header only shows it.
        self.release_list.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.release_list.setSortingEnabled(True)
        self.release_list.verticalHeader().hide()
        self.release_list.verticalHeader().setDefaultSectionSize(24)
        self.release_list.setWordWrap(False)
        self.release_list.setAlternatingRowColors(True)
        header = self.release_list.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Room for each header's own words and the sort arrow; the title takes the rest.
        fits = header.fontMetrics().horizontalAdvance
        for column, sample in ((0, "2022-11-25"), (1, "Farnesina"), (3, "✎ 99")):
            header.resizeSection(column, fits(sample) + 28)
        header.setMinimumSectionSize(32)
        self.release_list.selectionModel().selectionChanged.connect(self._row_selected)
        self._awaited_row: int | None = None  # selected while its page was being loaded
        self.model.dataChanged.connect(self._rows_arrived)
        self.model.modelReset.connect(self._forget_awaited_row)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._select_release_read)
        self.model.rowsInserted.connect(self._update_count)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("releaseCount")
        self.count_label.setAccessibleName("Number of matching releases")
        left = QWidget(self)
        layout = QVBoxLayout(left)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(self.filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.release_list, 1)
        self.left = left

    def _build_centre(self) -> None:
        self.reader = ReaderPane(self)
        self.reader.view.highlightClicked.connect(self._highlight_clicked_in_reader)
        self.reader.view.numberKeyPressed.connect(self.apply_topic_number)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 600])
        self.splitter.setChildrenCollapsible(False)
        # Excerpts get a tab of the whole centre, not a pane beside the reader: six columns
        # of quotes and citations need the width the release list and reader share.
        self.excerpts_view = ExcerptsView(self.store, self.bus, self)
        self.excerpts_view.openExcerpt.connect(self.show_highlight)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("centralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, "Releases")
        self.tabs.addTab(self.excerpts_view, "Excerpts")
        self.setCentralWidget(self.tabs)

    def _build_docks(self) -> None:
        self.highlight_panel = HighlightPanel(self.store, self.bus, self.undo_stack, self)
        self.highlight_panel.highlightActivated.connect(self._highlight_activated_in_panel)
        self.tag_panel = TagPanel(self.store, self.bus, self.undo_stack, self)
        self.tag_panel.filterReleasesByTags.connect(self.filters.set_tag_ids)
        self.topics_dock = self._dock("Topics", "topicsDock", self.tag_panel)
        self.highlights_dock = self._dock("Highlights", "highlightsDock", self.highlight_panel)

    def _dock(self, title: str, name: str, widget: QWidget) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        return dock

    def _first_run_layout(self) -> None:
        # Quotes need width to be readable; the codebook needs less height than the highlights.
        docks = [self.topics_dock, self.highlights_dock]
        self.resizeDocks(docks, [300, 300], Qt.Orientation.Horizontal)
        self.resizeDocks(docks, [280, 520], Qt.Orientation.Vertical)

    # --- the list and the reader ---------------------------------------------------------------

    def _apply_filter(self, flt) -> None:
        self.model.set_filter(flt)

    def _update_count(self) -> None:
        if self.model.searching():
            self.count_label.setText("Searching…")
            return
        count = self.model.rowCount()
        plural = "s" if count != 1 else ""
        more = "" if self.model.counted_all() else "more than "
        self.count_label.setText(f"{more}{count:,} release{plural}")

    def _row_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self._awaited_row = None
        if indexes:
            release_id = self.model.data(indexes[0], ReleaseListModel.ReleaseIdRole)
            if release_id is None:  # a row deep in the list (End): its page is on its way
                self._awaited_row = indexes[0].row()
            elif self.release is not None and release_id == self.release.id:
                return  # its row selected again after the list was refreshed: read on
            self.show_release(release_id)

    def _rows_arrived(self, top: QModelIndex, bottom: QModelIndex) -> None:
        """Read the release of a row selected before its page arrived."""
        row = self._awaited_row
        if row is not None and top.row() <= row <= bottom.row():
            self._awaited_row = None
            index = self.model.index(row, 0)
            self.show_release(self.model.data(index, ReleaseListModel.ReleaseIdRole))

    def _forget_awaited_row(self) -> None:
        self._awaited_row = None

    def show_release(self, release_id: int | None) -> None:
        """Read a release: text and header in the reader, its highlights in the panel."""
        self.release = get_release(self.store, release_id) if release_id is not None else None
        found = highlights_of_release(self.store, self.release.id) if self.release else []
        # A revision changes the content hash, so _on_changes comes back here: fresh count.
        earlier = len(release_versions(self.store, self.release.id)) if self.release else 0
        self.reader.show_release(self.release, found, earlier)
        self.actions_.show_earlier_versions(earlier)
        self.highlight_panel.show_release(self.release.id if self.release else None, found)

    def _select_release_read(self) -> None:
        """After the list was queried again, select the release being read where its row is
        at hand, so that the arrow keys go on from it."""
        if self.release is not None and not self.model.searching():
            row = self.model.row_of(self.release.id)
            if row is not None:
                self.select_row(row)

    def select_row(self, row: int) -> None:
        """Select a row of the release list as a click would."""
        self.release_list.selectRow(row)

    def _highlight_clicked_in_reader(self, highlight_id: int) -> None:
        self.highlight_panel.select_highlight(highlight_id if highlight_id >= 0 else None)

    def _highlight_activated_in_panel(self, highlight_id: int) -> None:
        self.reader.view.select_highlight(highlight_id, scroll=True)
        self.reader.view.setFocus()

    def show_highlight(self, release_id: int, highlight_id: int) -> None:
        """Open a release in the reader scrolled to one of its highlights, selected (what
        double-clicking an excerpt does)."""
        self.tabs.setCurrentWidget(self.splitter)
        row = self.model.row_of(release_id)
        if row is not None:
            self.select_row(row)
        if self.release is None or self.release.id != release_id:
            self.show_release(release_id)
        self.reader.view.select_highlight(highlight_id, scroll=True)
        self.highlight_panel.select_highlight(highlight_id)
        self.reader.view.setFocus()

    def show_excerpts(self, shown: bool = True) -> None:
        """Bring the Excerpts tab forward (or, with ``shown=False``, the releases)."""
        self.tabs.setCurrentWidget(self.excerpts_view if shown else self.splitter)

    def selected_highlight_id(self) -> int | None:
        return self.reader.view.selected_highlight_id or self.highlight_panel.selected_id()

    # --- highlighting ------------------------------------------------------------------------

    def highlight_selection(self, tag_ids: list[int] | None = None) -> int | None:
        """Make the selected text a highlight; returns its id (None if nothing was made).

        Topics: those given, else those selected in the codebook panel, else the picker's.
        """
        offsets = self.reader.view.selected_offsets()
        if self.release is None or offsets is None:
            self.statusBar().showMessage("Select some text in the release first.", 4000)
            return None
        if tag_ids is None:
            tag_ids = self.tag_panel.selected_tag_ids()
        if not tag_ids:
            tag_ids = self._ask_topics()
            if tag_ids is None:
                return None
        command = AddHighlight(self.store, self.bus, self.release.id, *offsets, tag_ids)
        if not self._push(command):
            return None
        self._collapse_selection()
        self.reader.view.select_highlight(command.highlight_id)
        self.highlight_panel.select_highlight(command.highlight_id)
        self.statusBar().showMessage("Highlight saved.", 3000)
        return command.highlight_id

    def _ask_topics(self) -> list[int] | None:
        return TagPicker.ask(self.store, self)

    def apply_topic_number(self, number: int) -> None:
        """Keys 1–9: tag the selection with that topic, or toggle it on the selected highlight."""
        topics = self.tag_panel.first_nine_tag_ids()
        if not 1 <= number <= len(topics):
            self.statusBar().showMessage(f"There is no topic number {number}.", 3000)
            return
        tag_id = topics[number - 1]
        if self.reader.view.textCursor().hasSelection():
            self.highlight_selection([tag_id])
            return
        highlight_id = self.selected_highlight_id()
        highlight = next(
            (h for h in self.highlight_panel.highlights() if h.id == highlight_id), None
        )
        if highlight is None:
            self.statusBar().showMessage("Select text or a highlight first.", 3000)
            return
        current = [tag.id for tag in highlight.tags]
        wanted = [t for t in current if t != tag_id] if tag_id in current else [*current, tag_id]
        self._push(RetagHighlight(self.store, self.bus, highlight.id, wanted))

    def move_highlight_to_selection(self) -> None:
        """Put the selected highlight (one that lost its place, say) on the selected text."""
        highlight_id = self.highlight_panel.selected_id() or self.selected_highlight_id()
        offsets = self.reader.view.selected_offsets()
        if highlight_id is None or offsets is None:
            self.statusBar().showMessage("Select a highlight in the list and some text.", 4000)
            return
        if self._push(MoveHighlight(self.store, self.bus, highlight_id, *offsets)):
            self._collapse_selection()
            self.reader.view.select_highlight(highlight_id)
            self.highlight_panel.select_highlight(highlight_id)

    def delete_selected_highlight(self) -> None:
        highlight_id = self.selected_highlight_id()
        if highlight_id is None:
            self.statusBar().showMessage("Click a highlight to select it first.", 3000)
            return
        self.highlight_panel.select_highlight(highlight_id)
        self.highlight_panel.delete_selected()

    def _collapse_selection(self) -> None:
        cursor = self.reader.view.textCursor()
        cursor.clearSelection()
        self.reader.view.setTextCursor(cursor)

    def _push(self, command: HighlightCommand) -> bool:
        error = push_command(self.undo_stack, command)
        if error:
            self.statusBar().showMessage(error, 8000)
        return error is None

    # --- refreshing ------------------------------------------------------------------------

    def _on_changes(self, changes: Changes) -> None:
        self.model.on_changes(changes)
        if changes.releases:
            self.filters.set_sources(self.store)
        release = self.release
        if release is None:
            return
        if release.id in changes.releases or ANY_RELEASE in changes.releases:
            self.release = get_release(self.store, release.id)
            if self.release is None or self.release.content_hash != release.content_hash:
                self.show_release(self.release.id if self.release else None)
                return
        if release.id in changes.highlights or changes.tags:
            self.reader.view.repaint_highlights(highlights_of_release(self.store, release.id))

    def _poll_other_writers(self) -> None:
        """Another program (the CLI, a second window) wrote to the store: refresh everything."""
        version = self.store.data_version()
        if version == self._data_version:
            return
        self._data_version = version
        current = {self.release.id} if self.release else set()
        self.bus.announce(
            Changes(
                releases=frozenset({ANY_RELEASE, *current}),
                highlights=frozenset(current),
                tags=True,
            )
        )

    # --- the store ---------------------------------------------------------------------------

    def set_store(self, store: Store) -> None:
        """Point every view at another store; the old one is closed."""
        old, self.store = self.store, store
        self.undo_stack.clear()  # its commands refer to the old store
        self.release = None
        self.model.set_store(store)
        self.filters.set_sources(store)
        self.highlight_panel.set_store(store)
        self.excerpts_view.set_store(store)
        self.tag_panel.set_store(store)
        self.reader.show_release(None, [])
        self.actions_.show_earlier_versions(0)
        self._data_version = store.data_version()
        self._show_store_name()
        self._update_count()
        if old is not store:
            old.close()

    def _show_store_name(self) -> None:
        name = self.store.path.name if self.store.path else "in memory"
        self.setWindowTitle(f"{name} — Communiqué Desk")
        if self.store.path:
            settings.remember_store(self.store.path)

    # --- events --------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.actions_.import_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._live.stop()
        settings.save_window(self, {"main": self.splitter})
        super().closeEvent(event)
