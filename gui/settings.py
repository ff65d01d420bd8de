"""What the window remembers between sessions: layout, splitter sizes, recent stores.

Everything goes through ``QSettings`` under the application's organisation and name (set in
``gui.app``), so tests can point it at a temporary folder with ``QSettings.setPath``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 8


def _settings() -> QSettings:
    return QSettings()


def save_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """Geometry, docks and toolbars, and each named splitter's sizes."""
    settings = _settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    for name, splitter in splitters.items():
        settings.setValue(f"splitters/{name}", splitter.saveState())


def restore_window(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Put the layout back as it was; False when there was nothing to restore."""
    settings = _settings()
    geometry = settings.value("window/geometry")
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    state = settings.value("window/state")
    if isinstance(state, QByteArray):
        window.restoreState(state)
    for name, splitter in splitters.items():
        sizes = settings.value(f"splitters/{name}")
        if isinstance(sizes, QByteArray):
            splitter.restoreState(sizes)
    return isinstance(geometry, QByteArray)


def recent_stores() -> list[Path]:
    """Stores opened lately, most recent first, those that no longer exist left out."""
    value = _settings().value("stores/recent", [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(name) for name in names if Path(name).exists()]


def remember_store(path: Path) -> None:
    resolved = str(Path(path).resolve())
    names = [resolved] + [str(p) for p in recent_stores() if str(p) != resolved]
    _settings().setValue("stores/recent", names[:MAX_RECENT])


def last_folder(kind: str) -> str:
    """The folder a file dialog of this kind (import, store) last looked in."""
    return str(_settings().value(f"folders/{kind}", str(Path.home())))


def remember_folder(kind: str, path: str | Path) -> None:
    folder = Path(path)
    _settings().setValue(f"folders/{kind}", str(folder if folder.is_dir() else folder.parent))
