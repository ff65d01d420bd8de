"""The window's appearance: the system's palette, a light one or a dark one.

The dark palette is the one the README's dark screenshots are rendered with
(``scripts/render_screens.py --dark``), so what the analyst chooses is what the pictures show.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

APPEARANCES = ("system", "light", "dark")


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (QPalette.ColorRole.Window, "#2b2b2b"),
        (QPalette.ColorRole.WindowText, "#e6e6e6"),
        (QPalette.ColorRole.Base, "#1f1f1f"),
        (QPalette.ColorRole.AlternateBase, "#262626"),
        (QPalette.ColorRole.Text, "#e6e6e6"),
        (QPalette.ColorRole.Button, "#333333"),
        (QPalette.ColorRole.ButtonText, "#e6e6e6"),
        (QPalette.ColorRole.Highlight, "#3d6ea8"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
        (QPalette.ColorRole.Link, "#8ab4f8"),
        (QPalette.ColorRole.PlaceholderText, "#8a8a8a"),
        (QPalette.ColorRole.ToolTipBase, "#333333"),
        (QPalette.ColorRole.ToolTipText, "#e6e6e6"),
    ):
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette


def light_palette() -> QPalette:
    """Fusion's own light palette, whatever the system's colour scheme."""
    return QStyleFactory.create("Fusion").standardPalette()


def apply_appearance(name: str) -> None:
    """Give the whole application the palette of ``name`` (one of :data:`APPEARANCES`);
    "system" gives back the platform's own palette."""
    app = QApplication.instance()
    if name == "dark":
        app.setPalette(dark_palette())
    elif name == "light":
        app.setPalette(light_palette())
    else:
        app.setPalette(QPalette())  # nothing set: every colour is the platform's again
