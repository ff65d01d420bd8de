"""Choosing a store file to open or to create; the window does the opening."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from store.db import default_store_path

STORE_FILTER = "Communiqué Desk stores (*.db);;All files (*)"


def default_folder() -> Path:
    """Where stores live unless the analyst says otherwise (the platform's user data folder)."""
    return default_store_path().parent


def choose_store_to_open(parent: QWidget | None = None) -> Path | None:
    """An existing store file, or None when the analyst cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Open a store", str(default_folder()), STORE_FILTER
    )
    return Path(name) if name else None


def choose_new_store(parent: QWidget | None = None) -> Path | None:
    """Where to create a new store (``.db`` added when missing), or None when cancelled.

    The dialog asks before replacing an existing file; the window should still refuse to
    overwrite a file that is not a store (``Store`` raises ``NotAStore`` and leaves it).
    """
    suggestion = default_folder() / "communique.db"
    name, _ = QFileDialog.getSaveFileName(parent, "New store", str(suggestion), STORE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix else path.with_suffix(".db")
