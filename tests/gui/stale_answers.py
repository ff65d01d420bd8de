"""Helpers for proving that an answer computed for an earlier request is never shown.

A test holds each query on the worker until it lets it through: the earlier request's query
is under way when the later request is made, so its answer is surely computed and sent. The
test waits until that stale answer has been handled in the GUI thread and looks at what is
shown (still the earlier view), and only then lets the latest query answer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot


class HeldQuery:
    """Wraps a store query so that each call waits on the worker thread until the test lets
    it through (:meth:`let_one`), and the test can wait until a call is under way."""

    def __init__(self, query: Callable) -> None:
        self._query = query
        self._calls = 0
        self._called = threading.Condition()
        self._gate = threading.Semaphore(0)

    def __call__(self, *args, **kwargs):
        with self._called:
            self._calls += 1
            self._called.notify_all()
        # A test that failed before letting the call through must not leave it waiting.
        self._gate.acquire(timeout=10)
        return self._query(*args, **kwargs)

    def wait_for_call(self, number: int) -> bool:
        """Whether the ``number``-th call is under way (waiting at most a few seconds)."""
        with self._called:
            return self._called.wait_for(lambda: self._calls >= number, timeout=5)

    def let_one(self) -> None:
        self._gate.release()


class Delivered(QObject):
    """The keys of the answers a worker's ``done`` signal delivered to the GUI thread.

    Connected after the view's own slot, so a key is listed once the view has handled it.
    """

    def __init__(self, done) -> None:
        super().__init__()
        self.keys: list[object] = []
        done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _arrived(self, key: object, _answer: object) -> None:
        self.keys.append(key)
