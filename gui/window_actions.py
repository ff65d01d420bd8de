"""The main window's menus, toolbar and the actions behind them.

Kept apart from ``gui.main_window`` (layout and wiring) because menus change for other
reasons: a new command, a shortcut, a dialog from another module. Dialogs that colleagues'
modules provide (import, about, tag picker) are looked up when needed; an action whose
dialog is not installed stays disabled rather than failing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolBar

from gui import settings
from gui.dialogs.about import show_about
from gui.dialogs.store_dialogs import choose_new_store, choose_store_to_open
from gui.dialogs.store_upgrade import open_store
from gui.dialogs.version_diff import VersionDiffDialog
from store.db import StoreError

if TYPE_CHECKING:
    from gui.main_window import MainWindow

STORE_FILTER = "Communiqué Desk stores (*.db *.sqlite *.sqlite3);;All files (*)"
ZOOM_STEPS = 2


class WindowActions:
    """Builds the menus and toolbar of a main window and carries out the file commands."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self._build_file_menu()
        self._build_edit_menu()
        self._build_view_menu()
        self._build_help_menu()
        self._build_toolbar()

    def _action(self, text: str, name: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        setattr(self, name, action)
        return action

    # --- menus ---------------------------------------------------------------------------------

    def _build_file_menu(self) -> None:
        menu = self.window.menuBar().addMenu("&File")
        menu.addAction(self._action("&Open store…", "actionOpenStore", self.open_store, "Ctrl+O"))
        menu.addAction(self._action("&New store…", "actionNewStore", self.new_store, "Ctrl+N"))
        self.recent_menu = menu.addMenu("Open &recent store")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        menu.addSeparator()
        tip = "Import release files (RSS/Atom feeds, pages, text, Markdown)"
        for text, name, slot, key in (
            ("&Import files…", "actionImport", self.import_files, "Ctrl+I"),
            ("Import &folder…", "actionImportFolder", self.import_folder, "Ctrl+Shift+I"),
        ):
            menu.addAction(self._action(text, name, slot, key, tip))
        export = self._action(
            "&Export…",
            "actionExport",
            self.export,
            "Ctrl+Shift+E",
            "Export the excerpts selected in the Excerpts tab, or all that its filters show",
        )
        menu.addAction(export)
        menu.addAction(self._action("&Back up store…", "actionBackup", self.backup))
        menu.addSeparator()
        menu.addAction(
            self._action("&Quit", "actionQuit", self.window.close, QKeySequence.StandardKey.Quit)
        )

    def _build_edit_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu("&Edit")
        self.actionUndo = window.undo_stack.createUndoAction(window, "&Undo")
        self.actionUndo.setObjectName("actionUndo")
        self.actionUndo.setShortcut(QKeySequence("Ctrl+Z"))
        self.actionRedo = window.undo_stack.createRedoAction(window, "&Redo")
        self.actionRedo.setObjectName("actionRedo")
        self.actionRedo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        menu.addActions([self.actionUndo, self.actionRedo])
        menu.addSeparator()
        highlight = self._action(
            "&Highlight selection",
            "actionHighlight",
            window.highlight_selection,
            "H",
            "Highlight the selected text with the selected topics (H; keys 1–9: topic 1–9)",
        )
        delete = self._action(
            "&Delete highlight",
            "actionDeleteHighlight",
            window.delete_selected_highlight,
            QKeySequence.StandardKey.Delete,
            "Delete the selected highlight",
        )
        # Delete acts only where a highlight can be selected, so the codebook keeps its own.
        delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.reader.view.addAction(delete)
        window.highlight_panel.addAction(delete)
        move = self._action(
            "&Move highlight to selection",
            "actionMoveHighlight",
            window.move_highlight_to_selection,
            "Ctrl+M",
            "Put the highlight selected in the list on the selected text (re-attach a lost one)",
        )
        menu.addActions([highlight, move, delete])
        menu.addSeparator()
        menu.addAction(self._action("&Find releases", "actionFind", self.focus_search, "Ctrl+F"))
        window.addActions([highlight, self.actionUndo, self.actionRedo])

    def _build_view_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu("&View")
        for dock_name in ("topics_dock", "highlights_dock"):
            dock = getattr(window, dock_name, None)
            if dock is not None:
                menu.addAction(dock.toggleViewAction())
        excerpts = self._action(
            "E&xcerpts",
            "actionShowExcerpts",
            lambda: window.show_excerpts(self.actionShowExcerpts.isChecked()),
            "Ctrl+E",
            "Tagged excerpts across releases, with counts per topic over time (Ctrl+E)",
        )
        excerpts.setCheckable(True)
        window.tabs.currentChanged.connect(
            lambda _i: excerpts.setChecked(window.tabs.currentWidget() is window.excerpts_view)
        )
        menu.addAction(excerpts)
        menu.addSeparator()
        reader = window.reader.view
        menu.addAction(
            self._action("Larger text", "actionZoomIn", lambda: reader.zoomIn(ZOOM_STEPS), "Ctrl++")
        )
        menu.addAction(
            self._action(
                "Smaller text", "actionZoomOut", lambda: reader.zoomOut(ZOOM_STEPS), "Ctrl+-"
            )
        )
        menu.addSeparator()
        compare = self._action(
            "&Compare versions…",
            "actionCompareVersions",
            self.compare_versions,
            "Ctrl+Shift+V",
            "How this release's wording changed between its versions (Ctrl+Shift+V)",
        )
        compare.setEnabled(False)  # until a release with earlier versions is shown
        menu.addAction(compare)

    def _build_help_menu(self) -> None:
        menu = self.window.menuBar().addMenu("&Help")
        about = self._action(
            "&About Communiqué Desk",
            "actionAbout",
            lambda: show_about(self.window, self.window.store.path),
        )
        menu.addAction(about)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main toolbar", self.window)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.addActions([self.actionHighlight, self.actionDeleteHighlight])
        bar.addSeparator()
        bar.addActions([self.actionUndo, self.actionRedo])
        bar.addSeparator()
        bar.addAction(self.actionImport)
        self.window.addToolBar(bar)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.window.store.path
        for path in settings.recent_stores():
            if current is not None and path.resolve() == current.resolve():
                continue
            action = self.recent_menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.switch_store(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No other recent stores").setEnabled(False)

    # --- commands ------------------------------------------------------------------------------

    def export(self) -> None:
        """Export what the Excerpts tab shows; the tab comes forward so the scope is seen."""
        self.window.show_excerpts()
        self.window.excerpts_view.export()

    def compare_versions(self) -> None:
        """Show how the current release's wording moved between two of its versions."""
        release = self.window.release
        if release is not None:
            VersionDiffDialog.show_for(self.window.store, release.id, self.window)

    def show_earlier_versions(self, count: int) -> None:
        """Offer the comparison only for a release that has been revised."""
        self.actionCompareVersions.setEnabled(count > 0)

    def focus_search(self) -> None:
        self.window.filters.search_box.setFocus()
        self.window.filters.search_box.selectAll()

    def open_store(self) -> None:
        path = choose_store_to_open(self.window)
        if path:
            self.switch_store(Path(path))

    def new_store(self) -> None:
        path = choose_new_store(self.window)
        if not path:
            return
        path = Path(path)
        existed = path.exists()
        # Never replace a file: an existing store is opened, anything else is refused whole.
        if self.switch_store(path) and existed:
            self.window.statusBar().showMessage(f"{path} already held a store; opened it.", 8000)

    def switch_store(self, path: Path) -> bool:
        """Open (or create) a store and point the window at it; explains a refusal."""
        try:
            store = open_store(path, self.window)
        except StoreError as error:
            QMessageBox.warning(self.window, "Cannot open the store", str(error))
            return False
        settings.remember_folder("store", path)
        self.window.set_store(store)
        self.window.statusBar().showMessage(f"Opened {path}", 5000)
        return True

    # The import dialog brings the whole ingest stack (trafilatura, dateparser, feedparser:
    # about 0.3 s); it is imported on first use so that the window opens without it.
    def import_files(self) -> None:
        from gui.dialogs.import_dialog import choose_import_paths

        self.import_paths([Path(p) for p in choose_import_paths(self.window)])

    def import_folder(self) -> None:
        from gui.dialogs.import_dialog import choose_import_paths

        self.import_paths([Path(p) for p in choose_import_paths(self.window, folder=True)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background (the import dialog's worker); then refresh the views."""
        from gui.dialogs.import_dialog import run_import

        store_path = self.window.store.path
        if not paths:
            return
        if store_path is None:  # an in-memory store cannot be opened by the worker thread
            self.window.statusBar().showMessage("Importing needs a store file.", 5000)
            return
        settings.remember_folder("import", paths[0])
        summary = run_import(store_path, [str(p) for p in paths], self.window)
        if summary is None:
            return
        self.window.bus.announce(summary.changes)
        self.window.statusBar().showMessage(
            f"Imported {summary.imported}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}, skipped {len(summary.skipped)}.",
            8000,
        )

    def backup(self) -> None:
        store = self.window.store
        stem = store.path.stem if store.path else "communique"
        # Dated names sort in order and never replace yesterday's backup by accident.
        dated = f"{stem}-backup-{dt.date.today().isoformat()}.db"
        suggestion = str(Path(settings.last_folder("backup")) / dated)
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Back up the store", suggestion, STORE_FILTER
        )
        if not name:
            return
        try:
            target = store.backup_to(name)
        except (StoreError, OSError) as error:
            QMessageBox.warning(self.window, "Backup failed", str(error))
            return
        settings.remember_folder("backup", target)
        self.window.statusBar().showMessage(f"Backed up to {target}", 6000)
