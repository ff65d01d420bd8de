"""The operations on files that undo cannot take back: import, export, back up, and
opening, creating or switching the store.

Each asks what it needs (a file name, a folder) through its dialog, runs, announces what it
changed on the bus and reports a refusal through the runner, as the undoable operations do.
Imports and exports run in a worker thread behind their progress dialog; the window waits
on neither.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from gui import settings
from gui.dialogs.store_dialogs import choose_new_store, choose_store_to_open
from gui.dialogs.store_upgrade import open_store
from gui.operations.runner import Operations
from store.db import StoreError
from store.excerpts import Excerpt, ExcerptFilter

STORE_FILTER = "Communiqué Desk stores (*.db *.sqlite *.sqlite3);;All files (*)"


class StoreFiles:
    """File operations on behalf of a window (``parent`` owns their dialogs)."""

    def __init__(self, operations: Operations, parent: QWidget) -> None:
        self.ops, self.parent = operations, parent

    # --- the store -------------------------------------------------------------------------

    def open_store(self) -> None:
        path = choose_store_to_open(self.parent)
        if path:
            self.switch_store(Path(path))

    def new_store(self) -> None:
        path = choose_new_store(self.parent)
        if not path:
            return
        path = Path(path)
        existed = path.exists()
        # Never replace a file: an existing store is opened, anything else is refused whole.
        if self.switch_store(path) and existed:
            self.ops.say(f"{path} already held a store; opened it.", 8000)

    def switch_store(self, path: Path) -> bool:
        """Open (or create) a store and work on it from now on; explains a refusal."""
        try:
            store = open_store(path, self.parent)
        except StoreError as error:
            self.ops.report("Cannot open the store", str(error))
            return False
        settings.remember_folder("store", path)
        self.ops.set_store(store)
        self.ops.say(f"Opened {path}", 5000)
        return True

    def fill_recent(self, menu: QMenu) -> None:
        """The recent stores other than the open one, each opening on click."""
        menu.clear()
        current = self.ops.store.path
        for path in settings.recent_stores():
            if current is not None and path.resolve() == current.resolve():
                continue
            action = menu.addAction(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.switch_store(p))
        if menu.isEmpty():
            menu.addAction("No other recent stores").setEnabled(False)

    def back_up(self) -> None:
        store = self.ops.store
        stem = store.path.stem if store.path else "communique"
        # Dated names sort in order and never replace yesterday's backup by accident.
        dated = f"{stem}-backup-{dt.date.today().isoformat()}.db"
        suggestion = str(Path(settings.last_folder("backup")) / dated)
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Back up the store", suggestion, STORE_FILTER
        )
        if not name:
            return
        try:
            target = store.backup_to(name)
        except (StoreError, OSError) as error:
            self.ops.report("Backup failed", str(error))
            return
        settings.remember_folder("backup", target)
        self.ops.say(f"Backed up to {target}", 6000)

    # --- releases in, excerpts out ---------------------------------------------------------

    # The import dialog brings the whole ingest stack (trafilatura, dateparser, feedparser:
    # several tenths of a second); it is imported on first use so the window opens without it.
    def import_files(self, folder: bool = False) -> None:
        from gui.dialogs.import_dialog import choose_import_paths

        self.import_paths([Path(p) for p in choose_import_paths(self.parent, folder=folder)])

    def import_paths(self, paths: list[Path]) -> None:
        """Import in the background (the import dialog's worker), then announce the changes."""
        from gui.dialogs.import_dialog import run_import

        store_path = self.ops.store.path
        if not paths:
            return
        if store_path is None:  # an in-memory store cannot be opened by the worker thread
            self.ops.say("Importing needs a store file.", 5000)
            return
        settings.remember_folder("import", paths[0])
        summary = run_import(store_path, [str(p) for p in paths], self.parent)
        if summary is None:
            return
        self.ops.announce(summary.changes)
        self.ops.say(
            f"Imported {summary.imported}, updated {summary.updated}, "
            f"unchanged {summary.unchanged}, skipped {len(summary.skipped)}.",
            8000,
        )

    def export(self, source: ExcerptFilter | list[Excerpt]) -> None:
        """Ask for a file and export ``source`` (the excerpts a filter gives, or a selection)."""
        from gui.dialogs.export_dialog import ExportTarget, result_message, run_export

        store_path = self.ops.store.path
        if store_path is None:
            self.ops.report("Export", "A store held in memory cannot be exported.")
            return
        target = ExportTarget.ask(self.parent)
        if target is None:
            return
        result = run_export(self.parent, store_path, target, source)
        if result.error:
            self.ops.report("Export failed", result.error)
            return
        self.ops.say(result_message(result), 10000)
