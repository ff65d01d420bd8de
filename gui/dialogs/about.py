"""The About box: what the program is, which version, which store, which Qt."""

from __future__ import annotations

import html
import importlib.metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.program_icon import program_icon

DISTRIBUTION = "communique-desk"
WHAT_IT_DOES = (
    "Communiqué Desk keeps official press releases and communiqués in one local store, "
    "lets analysts read them, highlight passages and tag them with the topics of a shared "
    "codebook, and exports the tagged excerpts for analysis. Nothing leaves this computer "
    "unless you export it."
)


def about_html(store_path: Path | None) -> str:
    """The box's text as rich text; every value from outside is escaped."""
    try:
        version = importlib.metadata.version(DISTRIBUTION)
        licence = importlib.metadata.metadata(DISTRIBUTION).get("License") or "MIT"
    except importlib.metadata.PackageNotFoundError:  # run from a checkout, not installed
        version, licence = "development version", "MIT"
    where = html.escape(str(store_path)) if store_path else "a store in memory (not saved)"
    return (
        f"<h3>Communiqué Desk {html.escape(version)}</h3>"
        f"<p>{html.escape(WHAT_IT_DOES)}</p>"
        f"<p><b>Store:</b> {where}</p>"
        f"<p><b>Qt</b> {html.escape(qVersion())} · <b>PySide</b> "
        f"{html.escape(PySide6.__version__)}</p>"
        f"<p>Licence: {html.escape(licence)}.</p>"
    )


def show_about(parent: QWidget | None, store_path: Path | None = None) -> None:
    """Show the box; without ``store_path`` the parent window's open store is named."""
    if store_path is None:
        store = getattr(parent, "store", None)
        store_path = getattr(store, "path", None)
    about_box(parent, store_path).exec()


def about_box(parent: QWidget | None, store_path: Path | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("About Communiqué Desk")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(store_path))
    icon = program_icon()
    box.setWindowIcon(icon)
    box.setIconPixmap(icon.pixmap(64, 64))
    return box
