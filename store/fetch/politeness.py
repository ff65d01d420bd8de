"""Politeness per host: one request at a time to a host, and a pause between two of them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class HostGate:
    """Shared by every thread of a fetch pass: ``with gate.turn(host):`` waits until no other
    request to ``host`` is in flight and ``delay`` seconds have passed since the last one
    ended, then holds the host for the request."""

    def __init__(self, delay: float) -> None:
        self._delay = delay
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._ended: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        host = host.lower()
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            wait = self._ended.get(host, -self._delay) + self._delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                self._ended[host] = time.monotonic()
