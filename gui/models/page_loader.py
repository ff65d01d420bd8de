"""Page queries run on a thread of their own, so that scrolling never waits for one.

A page deep in a million releases costs up to a quarter of a second (SQLite counts its
OFFSET row by row). The loader runs such queries on its own connection to the store file
(a connection is not shared between threads while another uses it) and hands each page back
through a queued signal. Requests wait in a short list, newest first: while the scroll bar
is dragged, the page the analyst stopped at is loaded before those the view passed on the
way, and pages it passed long ago are dropped (the view asks again if it shows them again).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from store.db import Store, StoreError

PageQuery = Callable[[Store], list]
MAX_WAITING = 8  # pages waiting to be loaded; the oldest request is dropped first
IDLE_SECONDS = 30  # the thread closes its connection and ends after this long unused

log = logging.getLogger(__name__)


class PageLoader(QObject):
    """Runs ``query(store)`` for each request on a worker thread; ``loaded(key, rows)``
    arrives in the thread the loader lives in. A query that fails gives no rows."""

    loaded = Signal(object, list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._waiting: dict[Hashable, tuple[Path, PageQuery]] = {}  # oldest first
        self._running: Hashable | None = None
        self._wakeup = threading.Condition()
        self._thread: threading.Thread | None = None

    def request(self, key: Hashable, path: Path, query: PageQuery) -> None:
        """Load a page (once: a page already waiting or being loaded is not asked twice)."""
        with self._wakeup:
            if key == self._running:
                return
            self._waiting.pop(key, None)
            self._waiting[key] = (path, query)
            while len(self._waiting) > MAX_WAITING:
                self._waiting.pop(next(iter(self._waiting)))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name="pages", daemon=True)
                self._thread.start()
            self._wakeup.notify()

    def forget(self) -> None:
        """Drop every waiting request (the list they were for is gone)."""
        with self._wakeup:
            self._waiting.clear()

    def _next(self) -> tuple[Hashable, Path, PageQuery] | None:
        with self._wakeup:
            if not self._waiting:
                self._wakeup.wait(IDLE_SECONDS)
            if not self._waiting:
                self._thread = None
                return None
            key, (path, query) = self._waiting.popitem()  # the newest
            self._running = key
            return key, path, query

    def _work(self) -> None:
        store: Store | None = None
        try:
            while (job := self._next()) is not None:
                key, path, query = job
                try:
                    if store is None or store.path != path:
                        if store is not None:
                            store.close()
                        store = None
                        store = Store(path)
                    rows = query(store)
                except (sqlite3.Error, StoreError) as error:
                    log.warning("A page of the list could not be read: %s", error)
                    rows = []
                with self._wakeup:
                    self._running = None
                self.loaded.emit(key, rows)
        except RuntimeError:  # the loader was deleted with its list: nobody waits
            with self._wakeup:
                self._thread = None
        finally:
            if store is not None:
                store.close()
