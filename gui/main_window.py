"""The main window: composes the list, the reader and the panels, and wires them together.

It owns layout and wiring only. Every analyst action is an operation
(:mod:`gui.operations`) run by one :class:`Operations` runner; every view listens to the bus
itself and redraws; the actions are a table (:mod:`gui.window_actions`) whose handlers are
named here. What the window adds of its own is the coordination of selections between
views (a row picked in the list is read, a highlight clicked in the reader is selected in
the panel) and the one place where words and refusals are shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui import settings
from gui.bus import StoreWatcher
from gui.coder_agreement import CoderAgreement
from gui.coder_choice import CoderChoice
from gui.coder_view import CoderView
from gui.comparing import Comparing
from gui.dialogs.about import show_about
from gui.dialogs.issuers_dialog import IssuersDialog
from gui.dialogs.keyboard_shortcuts import KeyboardShortcuts
from gui.dialogs.tag_picker import TagPicker
from gui.dialogs.trends_dialog import TrendsDialog
from gui.dialogs.version_diff import VersionDiffDialog
from gui.dialogs.where_else import WhereElseDialog
from gui.following import Following
from gui.highlighting import Highlighting
from gui.merging import ColleagueMerging
from gui.models.reading import Reading
from gui.models.release_list_model import ReleaseListModel
from gui.operations.highlights import TopicChoice
from gui.operations.runner import Operations
from gui.operations.store_files import StoreFiles
from gui.program_icon import program_icon
from gui.reading_comfort import APPEARANCE_ACTIONS, WIDTH_ACTIONS, ReadingComfort
from gui.release_corrections import ReleaseCorrections
from gui.statement_grouping import StatementGrouping
from gui.unread import UnreadMarking
from gui.widgets.concordance_view import ConcordanceView
from gui.widgets.excerpts_view import ExcerptsView
from gui.widgets.first_run import HighlightHint, StarterCodebookOffer
from gui.widgets.highlight_panel import HighlightPanel
from gui.widgets.reader_pane import ReaderPane
from gui.widgets.release_filters import ReleaseFilters
from gui.widgets.row_table_view import RowTableView
from gui.widgets.tag_panel import TagPanel
from gui.window_actions import WindowActions
from store.db import Store
from store.releases import Release


class MainWindow(QMainWindow):
    """List on the left, reader in the middle, topics and highlights docked on the right."""

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.ops = Operations(store, self)
        self.coder_choice = CoderChoice(self.ops, self)
        self.coders = CoderView(self.ops, self)
        self.reading = Reading(self.ops, self, coders=self.coders)
        self.setObjectName("mainWindow")
        self.setWindowIcon(program_icon())  # the title bar's, whichever application runs it
        self.setAcceptDrops(True)
        self._build_left()
        self._build_centre()
        self._build_docks()
        self.files = StoreFiles(self.ops, self)
        self.merging = ColleagueMerging(self.ops, self)
        self.corrections = ReleaseCorrections(self.ops, self.reading, self)
        self.issuers_dialog: IssuersDialog | None = None
        self.trends_dialog: TrendsDialog | None = None
        self.where_else_dialog: WhereElseDialog | None = None
        self.comparing = Comparing(
            self.ops, self.reading, self.release_list, self.reader.header, self
        )
        self.grouping = StatementGrouping(
            self.ops, self.reading, self.release_list, self.reader.header, self.filters
        )
        # Another language version named in the title block: read it (at its top).
        self.reader.header.versionRequested.connect(lambda rid: self.show_passage(rid, 0, 0))
        self.highlighting = Highlighting(
            self.ops,
            self.reading,
            self.reader.view,
            self.tag_panel,
            self.highlight_panel,
            self._ask_topics,
        )
        self.comfort = ReadingComfort(self.reader.view)
        self.coder_agreement = CoderAgreement(self.ops, self.show_passage, self)
        self.following = Following(self.ops, self)
        self.unread = UnreadMarking(self.ops, self.reading, self)
        self.window_actions = WindowActions(self, self._handlers(), self._menu_places())
        self.window_actions.follow_undo_stack(self.ops.undo_stack)
        self.coder_agreement.share_actions(
            self.window_actions[name] for name in ("actionUndo", "actionRedo")
        )
        for name in self.comfort.checked_actions():
            self.window_actions[name].setChecked(True)
        self.window_actions["actionMarkReadOnOpen"].setChecked(self.unread.marks_on_open)
        self.hint = HighlightHint(self.ops, self.window_actions["actionHighlight"], self)
        self.reader.add_above_text(self.hint)
        self._wire()
        self._show_coders()
        self.watcher = StoreWatcher(lambda: self.ops.store, self.ops.bus, self)
        self.resize(1400, 900)
        if not settings.restore_window(self, {"main": self.splitter}):
            self._first_run_layout()
        self._show_store_name()
        self._update_count()
        self.following.start()

    @property
    def store(self) -> Store:
        return self.ops.store

    @property
    def release(self) -> Release | None:
        """The release being read."""
        return self.reading.release

    # --- layout ---------------------------------------------------------------------------

    def _build_left(self) -> None:
        self.filters = ReleaseFilters(self.ops, self)
        self.model = ReleaseListModel(self.ops, self)
        self.model.set_filter(self.filters.current_filter())
        self.release_list = RowTableView(self)
        self.release_list.setObjectName("releaseList")
        self.release_list.setAccessibleName("Releases")
        self.release_list.setModel(self.model)
        self.release_list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows: two picked with Ctrl+click are compared side by side.
        self.release_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        for column, sample in ((0, "2022-11-25"), (1, "Department of State"), (3, "✎ 99")):
            header.resizeSection(column, fits(sample) + 28)
        header.setMinimumSectionSize(32)
        self._awaited_row: int | None = None  # selected while its page was being loaded
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
        self.reader = ReaderPane(self.reading, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([470, 600])
        self.splitter.setChildrenCollapsible(False)
        # Excerpts get a tab of the whole centre, not a pane beside the reader: six columns
        # of quotes and citations need the width the release list and reader share.
        self.excerpts_view = ExcerptsView(self.ops, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("centralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.splitter, "Releases")
        self.tabs.addTab(self.excerpts_view, "Excerpts")
        self.concordance_view = ConcordanceView(self.ops, self._ask_topics, parent=self)
        self.tabs.addTab(self.concordance_view, "Concordance")
        self.setCentralWidget(self.tabs)

    def _build_docks(self) -> None:
        self.highlight_panel = HighlightPanel(self.ops, self.reading, self)
        self.tag_panel = TagPanel(self.ops, self)
        self.starter_offer = StarterCodebookOffer(self.ops, self)
        topics = QWidget(self)
        layout = QVBoxLayout(topics)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.starter_offer)
        layout.addWidget(self.tag_panel, 1)
        self.topics_dock = self._dock("Topics", "topicsDock", topics)
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

    # --- the actions -----------------------------------------------------------------------

    def _handlers(self) -> dict[str, object]:
        """What each action of :data:`gui.window_actions.ACTIONS` does, by its name."""
        files, highlighting = self.files, self.highlighting
        comfort = self.comfort
        return {
            "actionOpenStore": files.open_store,
            "actionNewStore": files.new_store,
            "actionImport": files.import_files,
            "actionImportFolder": lambda: files.import_files(folder=True),
            "actionExport": self._export,
            "actionBackup": files.back_up,
            "actionSubscriptions": self.following.show_panel,
            "actionFetchNow": self.following.fetch_all_now,
            "actionMarkAllRead": self.unread.mark_all_read,
            "actionMarkUnread": lambda: self.unread.mark_unread(self._selected_release_ids()),
            "actionMarkReadOnOpen": lambda: self.unread.set_marks_on_open(
                self.window_actions["actionMarkReadOnOpen"].isChecked()
            ),
            "actionMergeStore": self.merging.ask,
            "actionQuit": self.close,
            "actionUndo": lambda: self.ops.undo(self),
            "actionRedo": lambda: self.ops.redo(self),
            "actionHighlight": highlighting.highlight_selection,
            "actionMoveHighlight": highlighting.move_to_selection,
            "actionDeleteHighlight": highlighting.delete_selected,
            "actionFind": self.filters.focus_search,
            "actionCorrectRelease": self.corrections.correct,
            "actionIssuers": self.show_issuers,
            "actionCoderName": self.coder_choice.ask,
            "actionTrends": self.show_trends,
            "actionShowExcerpts": lambda: self.show_excerpts(
                self.window_actions["actionShowExcerpts"].isChecked()
            ),
            "actionShowConcordance": self.show_concordance,
            "actionZoomIn": comfort.larger,
            "actionZoomOut": comfort.smaller,
            "actionZoomReset": comfort.normal_text_size,
            **{name: lambda w=width: comfort.set_width(w) for name, width in WIDTH_ACTIONS.items()},
            **{
                name: lambda look=look: comfort.set_appearance(look)
                for name, look in APPEARANCE_ACTIONS.items()
            },
            "actionSnapToWords": lambda: comfort.set_snap_to_words(
                self.window_actions["actionSnapToWords"].isChecked()
            ),
            **{
                f"actionApplyTopic{n}": lambda n=n: highlighting.apply_topic_number(n)
                for n in range(1, 10)
            },
            "actionCompareVersions": self._compare_versions,
            "actionWhereElse": self.where_else,
            "actionCompareSideBySide": self.comparing.compare_selected,
            "actionCounterparts": self.comparing.show_counterparts,
            "actionAgreement": self.coder_agreement.show,
            "actionSameStatement": self.grouping.join_selected,
            "actionNotSameStatement": self.grouping.leave_selected,
            "actionOneRowPerStatement": lambda: self.grouping.set_one_row_per_statement(
                self.window_actions["actionOneRowPerStatement"].isChecked()
            ),
            "actionShortcuts": lambda: KeyboardShortcuts.show_for(self),
            "actionAbout": lambda: show_about(self, self.store.path),
        }

    def _menu_places(self) -> dict[str, object]:
        def recent(menu: QMenu) -> None:
            submenu = menu.addMenu("Open &recent store")
            submenu.aboutToShow.connect(lambda: self.files.fill_recent(submenu))

        def docks(menu: QMenu) -> None:
            menu.addActions(
                [self.topics_dock.toggleViewAction(), self.highlights_dock.toggleViewAction()]
            )

        def coders(menu: QMenu) -> None:
            submenu = menu.addMenu("C&oders")
            submenu.aboutToShow.connect(lambda: self.coders.fill_menu(submenu))

        return {"@recent": recent, "@docks": docks, "@coders": coders}

    def _show_coders(self) -> None:
        """Colleagues' marks in the reader; the coders hidden left out of the Excerpts tab."""
        self.reader.view.coder_mark = self.coders.mark_of
        hide = lambda: self.excerpts_view.set_hidden_coders(self.coders.hidden_names())  # noqa: E731
        hide()
        self.coders.changed.connect(hide)
        self.ops.storeChanged.connect(lambda _store: hide())

    def _wire(self) -> None:
        """How the views follow each other's selections, and where words are shown."""
        actions = self.window_actions
        # Delete works where a highlight can be selected; the codebook keeps its own Delete.
        for widget in (self.reader.view, self.highlight_panel):
            widget.addAction(actions["actionDeleteHighlight"])
        # 1–9 only in the reader, where the selection they tag is (and digits typed
        # elsewhere, in the search box, stay digits).
        for n in range(1, 10):
            self.reader.view.addAction(actions[f"actionApplyTopic{n}"])
        self.reader.view.set_context_actions(
            [
                actions["actionHighlight"],
                actions["actionDeleteHighlight"],
                actions["actionWhereElse"],
            ]
        )
        self.reader.view.highlightClicked.connect(self._highlight_clicked_in_reader)
        self.reader.header.compareVersionsRequested.connect(self._compare_versions)
        self.reading.releaseRead.connect(
            lambda _release, _found, earlier: actions["actionCompareVersions"].setEnabled(
                earlier > 0
            )
        )
        actions["actionCompareVersions"].setEnabled(False)
        self.reading.releaseRead.connect(
            lambda release, *_: actions["actionWhereElse"].setEnabled(release is not None)
        )
        actions["actionWhereElse"].setEnabled(False)
        self.release_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.release_list.addAction(actions["actionCompareSideBySide"])
        self.release_list.addActions(
            [actions["actionSameStatement"], actions["actionNotSameStatement"]]
        )
        actions["actionOneRowPerStatement"].setChecked(self.filters.one_per_statement)
        self.reading.releaseRead.connect(
            lambda release, *_: actions["actionCounterparts"].setEnabled(release is not None)
        )
        actions["actionCounterparts"].setEnabled(False)
        self.reader.header.correctionRequested.connect(self.corrections.correct)
        self.reading.releaseRead.connect(
            lambda release, *_: actions["actionCorrectRelease"].setEnabled(release is not None)
        )
        actions["actionCorrectRelease"].setEnabled(False)
        self.tabs.currentChanged.connect(
            lambda _i: actions["actionShowExcerpts"].setChecked(
                self.tabs.currentWidget() is self.excerpts_view
            )
        )
        self.highlight_panel.highlightActivated.connect(self._highlight_activated_in_panel)
        self.tag_panel.filterReleasesByTags.connect(self.filters.set_tag_ids)
        self.excerpts_view.openExcerpt.connect(self.show_highlight)
        self.excerpts_view.exportRequested.connect(self._export)
        self.concordance_view.openPassage.connect(self.show_passage)
        self.filters.filterChanged.connect(self.model.set_filter)
        self.release_list.selectionModel().selectionChanged.connect(self._row_selected)
        self.release_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.release_list.addActions([actions["actionMarkUnread"], actions["actionMarkAllRead"]])
        self.model.dataChanged.connect(self._rows_arrived)
        self.model.modelReset.connect(self._forget_awaited_row)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._select_release_read)
        self.model.rowsInserted.connect(self._update_count)
        self.ops.failed.connect(lambda title, message: QMessageBox.warning(self, title, message))
        self.ops.said.connect(self.statusBar().showMessage)
        self.ops.storeChanged.connect(self._store_changed)

    def _ask_topics(self) -> TopicChoice | None:
        return TagPicker.ask(self.store, self)

    def _export(self) -> None:
        """Export what the Excerpts tab shows; the tab comes forward so the scope is seen."""
        self.show_excerpts()
        self.files.export(self.excerpts_view.export_source())

    def show_issuers(self) -> None:
        """The Issuers dialog, beside the window (one; shown again if already open)."""
        if self.issuers_dialog is None:
            self.issuers_dialog = IssuersDialog(self.ops, self)
        _bring_forward(self.issuers_dialog)

    def show_trends(self) -> None:
        """The Trends dialog, beside the window (one; shown again if already open), its
        phrase box ready for typing."""
        if self.trends_dialog is None:
            self.trends_dialog = TrendsDialog(self.ops, self)
        _bring_forward(self.trends_dialog)
        self.trends_dialog.phrase_box.setFocus()

    def _compare_versions(self) -> None:
        """Show how the current release's wording moved between two of its versions."""
        if self.release is not None:
            VersionDiffDialog.show_for(self.store, self.release.id, self)

    def where_else(self) -> None:
        """Where else the selected passage's wording appears (the whole release's when
        nothing is selected), in a dialog beside the window (one; asked again if open)."""
        if self.release is None:
            return
        if self.where_else_dialog is None:
            self.where_else_dialog = WhereElseDialog(self)
            self.where_else_dialog.openPassage.connect(self.show_passage)
        self.where_else_dialog.look_up(
            self.store, self.release.id, self.reader.view.selected_offsets()
        )
        _bring_forward(self.where_else_dialog)

    # --- the list and the reader ---------------------------------------------------------------

    def _update_count(self) -> None:
        if self.model.searching():
            self.count_label.setText("Searching…")
            return
        count = self.model.rowCount()
        plural = "s" if count != 1 else ""
        more = "" if self.model.counted_all() else "more than "
        noun = "statement" if self.model.release_filter.one_per_statement else "release"
        self.count_label.setText(f"{more}{count:,} {noun}{plural}")

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

    def _selected_release_ids(self) -> list[int]:
        rows = self.release_list.selectionModel().selectedRows()
        ids = (self.model.data(index, ReleaseListModel.ReleaseIdRole) for index in rows)
        return [release_id for release_id in ids if release_id is not None]

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
        self.reading.read(release_id)

    def _select_release_read(self) -> None:
        """After the list was queried again, select the release being read where its row is
        at hand, so that the arrow keys go on from it."""
        if self.release is not None and not self.model.searching():
            row = self.model.row_of(self.release.id)
            if row is not None:
                self.select_row(row)

    def select_row(self, row: int) -> None:
        """Select a row of the release list as a click would (that row alone: selectRow
        would extend the selection while the last key event held Ctrl or Shift)."""
        flags = QItemSelectionModel.SelectionFlag
        self.release_list.selectionModel().setCurrentIndex(
            self.model.index(row, 0), flags.ClearAndSelect | flags.Rows
        )

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

    def show_passage(self, release_id: int, start: int, end: int) -> None:
        """Open a release in the reader with ``text[start:end]`` selected and in view (what
        double-clicking a concordance line or a Where else? passage does)."""
        self.tabs.setCurrentWidget(self.splitter)
        row = self.model.row_of(release_id)
        if row is not None:
            self.select_row(row)
        if self.release is None or self.release.id != release_id:
            self.show_release(release_id)
        self.reader.view.select_passage(start, end)
        self.reader.view.setFocus()

    def show_concordance(self) -> None:
        """Bring the Concordance tab forward, its phrase box ready for typing."""
        self.tabs.setCurrentWidget(self.concordance_view)
        self.concordance_view.focus_phrase()

    def show_excerpts(self, shown: bool = True) -> None:
        """Bring the Excerpts tab forward (or, with ``shown=False``, the releases)."""
        self.tabs.setCurrentWidget(self.excerpts_view if shown else self.splitter)

    # --- the store ---------------------------------------------------------------------------

    def _store_changed(self, _store: Store) -> None:
        self.watcher.restart()
        self._show_store_name()
        self._update_count()

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
            self.files.import_paths(paths)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.watcher.stop()
        self.following.stop()
        settings.save_window(self, {"main": self.splitter})
        super().closeEvent(event)


def _bring_forward(dialog: QWidget) -> None:
    """Show a dialog that lives beside the window, in front and with the keyboard."""
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
