"""A worker thread with its own connection to the store file, running the jobs asked of it.

A job is ``job(store)``; it runs on the worker's thread, on a connection the worker opened
there (an SQLite connection is not shared between threads while another uses it), and its
result comes back as ``done(key, result)``. Requests wait in a short list, newest first:
while the scroll bar is dragged, the page the analyst stopped at is loaded before those the
view passed on the way, and pages it passed long ago are dropped (the view asks again if it
shows them again). A job that raises, or a store that cannot be opened, gives what the
request's ``failed(error)`` makes of the error (by default no rows).

The connection is kept while requests come, for the same store file, and closed when the
thread has been idle ``idle_seconds``; the thread ends then and starts again at the next
request.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Hashable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from store.db import Store, StoreError

Job = Callable[[Store], object]
Failed = Callable[[Exception], object]
MAX_WAITING = 8  # requests waiting to be run; the oldest is dropped first
IDLE_SECONDS = 30  # the thread closes its connection and ends after this long unused

log = logging.getLogger(__name__)


def no_rows(error: Exception) -> list:
    """What a query of a list gives when it fails: no rows (the list shows none)."""
    if isinstance(error, (sqlite3.Error, StoreError)):
        log.warning("A page of the list could not be read: %s", error)
    else:
        log.error("A query of the list failed", exc_info=error)
    return []


class StoreWorker(QObject):
    """Runs ``job(store)`` for each request on a thread of its own; ``done(key, result)`` is
    emitted from that thread, so connect it queued to reach a slot on the GUI thread.

    ``connect(path)`` opens the worker's connection (``Store`` unless told otherwise).
    """

    done = Signal(object, object)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        name: str = "store worker",
        idle_seconds: float = IDLE_SECONDS,
        connect: Callable[[Path], Store] = Store,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._idle_seconds = idle_seconds
        self._connect = connect
        self._waiting: dict[Hashable, tuple[Path, Job, Failed]] = {}  # oldest first
        self._running: Hashable | None = None
        self._wakeup = threading.Condition()
        self._thread: threading.Thread | None = None  # None while no thread runs
        self._last_thread: threading.Thread | None = None  # to wait for, until it has ended

    def request(self, key: Hashable, path: Path, job: Job, failed: Failed = no_rows) -> None:
        """Run a job (once: a key already waiting or running is not asked twice). A key is
        any value but None: a generation number, a page's (generation, number)."""
        with self._wakeup:
            if key == self._running:
                return
            self._waiting.pop(key, None)
            self._waiting[key] = (path, job, failed)
            while len(self._waiting) > MAX_WAITING:
                self._waiting.pop(next(iter(self._waiting)))
            if self._thread is None:
                self._thread = threading.Thread(target=self._work, name=self._name, daemon=True)
                self._last_thread = self._thread
                self._thread.start()
            self._wakeup.notify()

    def forget(self) -> None:
        """Drop every waiting request (the list they were for is gone)."""
        with self._wakeup:
            self._waiting.clear()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the thread has ended and closed its connection (at once when it is
        idle with ``idle_seconds=0``, the way a long job's worker is made), or ``timeout``
        seconds have passed; whether it has ended."""
        with self._wakeup:
            thread = self._last_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _next(self) -> tuple[Hashable, Path, Job, Failed] | None:
        with self._wakeup:
            if not self._waiting:
                self._wakeup.wait(self._idle_seconds)
            if not self._waiting:
                self._thread = None
                return None
            key, (path, job, failed) = self._waiting.popitem()  # the newest
            self._running = key
            return key, path, job, failed

    def _work(self) -> None:
        store: Store | None = None
        try:
            while (request := self._next()) is not None:
                key, path, job, failed = request
                try:
                    if store is None or store.path != path:
                        if store is not None:
                            store.close()
                        store = None
                        store = self._connect(path)
                    result = job(store)
                except Exception as error:  # never a traceback in a thread nobody watches
                    result = failed(error)
                with self._wakeup:
                    self._running = None
                self.done.emit(key, result)
        except RuntimeError:  # the worker was deleted with its owner: nobody waits
            with self._wakeup:
                self._thread = None
        finally:
            if store is not None:
                store.close()
