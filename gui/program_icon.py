"""The program's icon (a page with a highlighted passage), as the window and the About box
show it."""

from __future__ import annotations

from importlib.resources import as_file

from PySide6.QtGui import QIcon

from resources import ICON, shipped


def program_icon() -> QIcon:
    """The icon drawn from the shipped SVG, sharp at any size the desktop asks for."""
    with as_file(shipped(ICON)) as path:
        return QIcon(str(path))
