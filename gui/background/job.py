"""Long store work (imports, exports, an upgrade) run on a worker thread, so the window never
freezes.

A job runs once, as the one request of a :class:`gui.background.worker.StoreWorker` of its
own, on that worker's connection to ``store_path`` (opened by :meth:`BackgroundJob.open_store`);
the GUI thread hears of the outcome through ``finished(result)`` once the thread has ended
and that connection is closed.
"""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal

from gui.background.worker import StoreWorker
from store.db import Store

# While a job runs Python (saving releases, writing spreadsheet cells), the window's thread
# waits for the GIL each time it comes back from Qt, up to the switch interval each time
# (5 ms by default) and many times an event-loop pass, so the window stalled with its thread
# neither running nor waiting for a core (docs/performance.md has the probe). The interval
# matters only while two threads want the GIL, so it is not set back.
JOB_SWITCH_INTERVAL = 0.001
# A job's own objects grow to millions (a briefing's excerpts, a spreadsheet's rows), and
# each full pass of the cyclic collector over them held the GIL, so froze the window, for
# longer than the window may stall (docs/performance.md). While a job runs the collector
# keeps to its young generations, where short-lived cycles (an exception and its frames)
# are still found; full passes come back when the last job has ended.
_NO_FULL_PASSES = 1_000_000_000
_jobs_running = 0
_full_pass_threshold = 0


def _hold_full_collections() -> None:
    global _jobs_running, _full_pass_threshold
    if _jobs_running == 0:
        young, middle, _full_pass_threshold = gc.get_threshold()
        gc.set_threshold(young, middle, _NO_FULL_PASSES)
    _jobs_running += 1


def _allow_full_collections() -> None:
    global _jobs_running
    _jobs_running -= 1
    if _jobs_running == 0:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _full_pass_threshold)


class BackgroundJob(QObject):
    """Runs :meth:`work` once on a worker thread; ``result`` holds what it returned (or what
    :meth:`failed` made of the error that stopped it)."""

    finished = Signal(object)

    def __init__(self, store_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store_path = Path(store_path)
        self.cancel_requested = threading.Event()
        self.result: object | None = None
        self._worker: StoreWorker | None = None

    def work(self, store: Store) -> object:  # pragma: no cover - abstract
        """Runs on the worker thread, on its connection; returns the outcome."""
        raise NotImplementedError

    def failed(self, error: Exception) -> object:  # pragma: no cover - abstract
        """The outcome when the store could not be opened or :meth:`work` raised (on the
        worker thread): one sentence for the analyst, never a traceback."""
        raise NotImplementedError

    def open_store(self, path: Path) -> Store:
        """Open the worker's connection (on the worker thread)."""
        return Store(path)

    def start(self) -> None:
        if self._worker is not None:
            raise RuntimeError(f"A {type(self).__name__} runs once; make a new one.")
        self._worker = StoreWorker(
            self, name=type(self).__name__, idle_seconds=0, connect=self.open_store
        )
        self._worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        sys.setswitchinterval(min(sys.getswitchinterval(), JOB_SWITCH_INTERVAL))
        _hold_full_collections()
        self._worker.request(type(self).__name__, self.store_path, self.work, self.failed)

    def run_and_wait(self) -> object:
        """Start the job and wait for its result, the GUI's events running meanwhile (a
        dialog shown for the job keeps painting; only the caller waits)."""
        loop = QEventLoop()
        self.finished.connect(loop.quit)
        self.start()
        if self.result is None:
            loop.exec()
        return self.result

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker thread has ended and let go of the store (after
        :meth:`cancel`, when the window closes), or ``timeout`` seconds have passed; at once
        when the job never started. Whether it has ended."""
        if self._worker is not None:
            return self._worker.wait(timeout)
        return True

    def cancel(self) -> None:
        """Ask the work to stop at its next check (safe from any thread)."""
        self.cancel_requested.set()

    def _on_done(self, _key: str, result: object) -> None:
        self._worker.wait()
        _allow_full_collections()
        self.result = result
        self.finished.emit(result)
