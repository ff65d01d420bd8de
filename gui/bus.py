"""The one place where store changes are announced to the window.

Data flows one way: a view hands an operation to :class:`gui.operations.runner.Operations`,
the store returns a :class:`store.changes.Changes`, and the runner hands it to
:meth:`ChangeBus.announce`. Models and widgets listen to ``changed`` themselves and refresh
only if the change concerns them. Writes by another program arrive the same way, as
``Changes(elsewhere=True)``, announced by a :class:`StoreWatcher`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from store.changes import Changes
from store.db import Store

WATCH_MS = 500


class ChangeBus(QObject):
    changed = Signal(object)  # a store.changes.Changes

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)


class StoreWatcher(QObject):
    """Notices what other connections committed (``PRAGMA data_version``, twice a second)
    and announces it as ``Changes(elsewhere=True)``."""

    def __init__(self, store: Callable[[], Store], bus: ChangeBus, parent: QObject) -> None:
        super().__init__(parent)
        self._store, self._bus = store, bus
        self._version = store().data_version()
        self._timer = QTimer(self, interval=WATCH_MS)
        self._timer.timeout.connect(self.look)
        self._timer.start()

    def look(self) -> None:
        version = self._store().data_version()
        if version != self._version:
            self._version = version
            self._bus.announce(Changes(elsewhere=True))

    def restart(self) -> None:
        """Start again from the current store's state (after switching stores)."""
        self._version = self._store().data_version()

    def stop(self) -> None:
        self._timer.stop()
