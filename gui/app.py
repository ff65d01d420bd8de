"""The application: the window on a store, as ``communique`` opens it with no command.

``open_window`` runs the window until it is closed (the command line, ``cli.main``, imports
this module only then); ``build_window`` makes the window without an event loop, so tests
and scripts can drive it.
"""

from __future__ import annotations

import gc
import sys
from importlib.resources import as_file
from importlib.resources.abc import Traversable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.dialogs.store_upgrade import open_store
from gui.main_window import MainWindow
from gui.program_icon import program_icon
from resources import DESKTOP_ID, SAMPLES, shipped
from store import attribution_upgrade, health
from store.db import Store, StoreError

APP_NAME = "Communiqué Desk"
ORGANISATION = "communique-desk"


def build_window(db_path: str | Path) -> MainWindow:
    """Open the store at ``db_path`` and return the window on it (not shown, no event loop).

    Raises :class:`StoreError` when the store cannot be opened.
    """
    return MainWindow(attribution_upgrade.open_store(db_path))


def import_samples_if_empty(store: Store, samples: Traversable | None = None) -> int:
    """Give a first-time user real releases to read: import the shipped samples into an
    empty store. Returns how many releases were imported."""
    from store.releases import count_releases  # local: only the first run needs them

    samples = samples if samples is not None else shipped(SAMPLES)
    if count_releases(store) or not samples.is_dir():
        return 0
    from store.imports.pipeline import import_paths

    with as_file(samples) as folder:
        return import_paths(store, [Path(folder)]).imported


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the names QSettings uses, high-DPI rounding and Fusion style."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APP_NAME)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setStyle("Fusion")  # follows the system's light or dark palette on every platform
    app.setDesktopFileName(DESKTOP_ID)  # the desktop matches the window to its entry
    app.setWindowIcon(program_icon())
    return app


def open_window(db_path: Path) -> None:
    """Show the window on a store and run until it is closed; a refused store exits 1."""
    app = application()
    try:
        store = open_store(db_path)
    except StoreError as error:
        QMessageBox.critical(None, APP_NAME, str(error))
        sys.exit(1)
    # Checked before the window is built: a damaged store may not even let it be built.
    note = "" if health.was_closed_cleanly(db_path) else check_after_unclean_exit(store)
    health.mark_open(db_path)
    try:
        import_samples_if_empty(store)
    except Exception as error:  # noqa: BLE001 - samples are a courtesy; never block opening
        print(f"communique: the sample releases were not imported ({error}).", file=sys.stderr)
    window = MainWindow(store)
    # Everything alive now (modules, Qt wrappers) lives as long as the program: keep it out
    # of the collector's full passes, each of which holds the GIL over this whole heap and
    # froze the window while an import ran in its worker thread.
    gc.freeze()
    window.show()
    if note:
        window.statusBar().showMessage(note, 15000)
    code = app.exec()
    store.close()
    health.mark_closed(db_path)
    sys.exit(code)


def check_after_unclean_exit(store: Store) -> str:
    """After a crash or power cut, run SQLite's quick check; warn if it finds problems.

    Returns the note for the status bar: an analyst who saw the crash wants to know that
    the store was checked, and how it came out.
    """
    problems = health.quick_check(store)
    if problems:
        shown = "\n".join(problems[:10]) + ("\n…" if len(problems) > 10 else "")
        QMessageBox.warning(
            None,
            APP_NAME,
            "The store was not closed cleanly last time, and SQLite's quick check found "
            f"problems in it:\n\n{shown}\n\nMake a copy with “communique backup” before "
            "changing anything, and run “communique check” for the full report.",
        )
    verdict = "ok" if not problems else f"{len(problems)} problem(s) found"
    return f"The store was not closed cleanly last time; quick check: {verdict}"
