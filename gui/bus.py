"""The one place where store changes are announced to the window.

Data flows one way: a view calls a store operation (directly or through an undo command),
the operation returns a :class:`store.changes.Changes`, and the caller hands it to
:meth:`ChangeBus.announce`. Models and widgets listen to ``changed`` and refresh only if
the change concerns them.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from store.changes import Changes


class ChangeBus(QObject):
    changed = Signal(object)  # a store.changes.Changes

    def announce(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)
