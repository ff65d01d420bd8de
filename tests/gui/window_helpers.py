"""Helpers shared by the window tests."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path


@contextmanager
def shown_window(qtbot, db_path: Path):
    """The real main window on a store, shown (offscreen) and closed with its store after."""
    from gui.app import build_window

    built = build_window(db_path)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    yield built
    built.close()
    built.store.close()
