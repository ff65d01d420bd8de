"""The followed folders, watched while the window is open.

A file saved, copied or moved into a followed folder (or a folder inside it) makes that
folder's subscription due at once: ``folderChanged(subscription_id)`` is emitted on the GUI
thread once the folder has been quiet for ``QUIET_MS``, so that a file written in several
steps, or a hundred files copied together, give one import rather than a hundred. The events
come from watchdog's own thread (inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows); only a signal crosses to the window's thread.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

QUIET_MS = 1500  # how long a folder stays quiet before what arrived in it is imported
_WRITTEN = (FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileClosedEvent)


class _Handler(FileSystemEventHandler):
    """Runs on watchdog's thread: names the subscription whose folder a file arrived in."""

    def __init__(self, subscription_id: int, touched: Signal) -> None:
        self._id, self._touched = subscription_id, touched

    def on_any_event(self, event: FileSystemEvent) -> None:
        if isinstance(event, _WRITTEN) and not _hidden(event):
            self._touched.emit(self._id)


def _hidden(event: FileSystemEvent) -> bool:
    """An editor's or a download's temporary file (``.name.swp``, ``~$name``): the file it
    becomes is seen when it is renamed."""
    name = Path(str(getattr(event, "dest_path", "") or event.src_path)).name
    return name.startswith((".", "~")) or name.endswith((".part", ".crdownload", ".tmp"))


class FolderWatch(QObject):
    """Watches the folders it is given (``watch``) and says which subscription's folder
    received files, debounced."""

    folderChanged = Signal(int)  # noqa: N815 (Qt's style) - a subscription id
    _touched = Signal(int)  # from watchdog's thread, queued to the GUI thread

    def __init__(self, parent: QObject | None = None, quiet_ms: int = QUIET_MS) -> None:
        super().__init__(parent)
        self._quiet_ms = quiet_ms
        self._observer: Observer | None = None
        self._folders: dict[int, Path] = {}
        self._timers: dict[int, QTimer] = {}
        self._touched.connect(self._restart_timer, Qt.ConnectionType.QueuedConnection)

    def folders(self) -> dict[int, Path]:
        """The folders watched now, by subscription id."""
        return dict(self._folders)

    def watch(self, folders: Iterable[tuple[int, Path]]) -> None:
        """Watch exactly these folders from now on (a folder that no longer exists, or
        cannot be read, is left out: its subscription's fetch says why)."""
        wanted = {sid: Path(path) for sid, path in folders if Path(path).is_dir()}
        if wanted == self._folders:
            return
        self.stop()
        self._folders = wanted
        if not wanted:
            return
        observer = Observer()
        observer.daemon = True
        for subscription_id, folder in wanted.items():
            try:
                observer.schedule(
                    _Handler(subscription_id, self._touched), str(folder), recursive=True
                )
            except OSError:  # unreadable, or the system's watch limit reached
                del self._folders[subscription_id]
        observer.start()
        self._observer = observer

    def stop(self) -> None:
        """Stop watching (the window closes, or the store changes)."""
        for timer in self._timers.values():
            timer.stop()
        self._timers.clear()
        self._folders = {}
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=2)
            self._observer = None

    def _restart_timer(self, subscription_id: int) -> None:
        if subscription_id not in self._folders:
            return  # an event still on its way from a folder no longer watched
        timer = self._timers.get(subscription_id)
        if timer is None:
            timer = QTimer(self, singleShot=True, interval=self._quiet_ms)
            timer.timeout.connect(lambda sid=subscription_id: self.folderChanged.emit(sid))
            self._timers[subscription_id] = timer
        timer.start()
