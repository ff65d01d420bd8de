"""Read and unread from the window: opening a release marks it read (View ▸ *Mark releases
read when opened*, on unless turned off), *Mark all read* and *Mark unread*.

A release a subscription brought is unread until then (:mod:`store.unread`); the list shows
it bold, the *New* filter lists only those, and the issuer filter counts them. Every change
is a store write announced on the bus, so the list, the filters and their counts agree.
Marking is not undoable: it is the analyst's place in the news, not their work.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from gui import settings
from gui.models.reading import Reading
from gui.operations.runner import Operations
from store.db import StoreError
from store.releases import Release


class UnreadMarking(QObject):
    def __init__(self, operations: Operations, reading: Reading, parent: QObject | None = None):
        super().__init__(parent)
        self.ops = operations
        self.marks_on_open = settings.marks_read_on_open()
        reading.releaseRead.connect(self._release_opened)

    def set_marks_on_open(self, on: bool) -> None:
        """Whether opening a release marks it read from now on (remembered)."""
        self.marks_on_open = on
        settings.remember_marks_read_on_open(on)

    def _release_opened(self, release: Release | None, *_details) -> None:
        if release is not None and self.marks_on_open and release.unread:
            self.mark_read([release.id])

    def mark_read(self, release_ids: list[int]) -> None:
        from store.unread import mark_read

        self._write(mark_read, release_ids)

    def mark_unread(self, release_ids: list[int]) -> None:
        from store.unread import mark_unread

        if release_ids:
            self._write(mark_unread, release_ids)
            count = len(release_ids)
            self.ops.say(f"Marked {count} release{'s' if count != 1 else ''} unread.", 4000)

    def mark_all_read(self) -> None:
        from store.unread import mark_all_read

        changes = self._write(mark_all_read)
        if changes is not None:
            count = len(changes.releases)
            self.ops.say(f"Marked {count:,} release{'s' if count != 1 else ''} read.", 4000)

    def _write(self, write, *args):
        try:
            changes = write(self.ops.store, *args)
        except StoreError as error:
            self.ops.report("Read and unread", str(error))
            return None
        self.ops.announce(changes)
        return changes
