"""Long store work (imports, exports) run in a worker thread, so the window never freezes.

A job opens its own store connection in the worker (an SQLite connection must not cross
threads) inside :meth:`BackgroundJob.work`; the GUI thread hears of the outcome through
``finished(result)`` once the thread has ended and that connection is closed.
"""

from __future__ import annotations

import gc
import sys
import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal

# While a job runs Python (saving releases, writing spreadsheet cells), the window's thread
# waits for the GIL each time it comes back from Qt, up to the switch interval each time
# (5 ms by default) and many times an event-loop pass: a probe of a 100,000-excerpt XLSX
# export saw ten gaps of 60-120 ms with the window's thread neither running nor waiting for
# a core. At 1 ms one such gap was left. The interval matters only while two threads want
# the GIL, so it is not set back.
JOB_SWITCH_INTERVAL = 0.001
# A job's own objects grow to millions (a briefing's excerpts, a spreadsheet's rows), and
# each full pass of the cyclic collector over them held the GIL, so froze the window, for
# 60-190 ms (a 100,000-excerpt DOCX export). While a job runs the collector keeps to its
# young generations, where short-lived cycles (an exception and its frames) are still found;
# full passes come back when the last job has ended.
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


class _Worker(QObject):
    """Lives in the worker thread and runs the job there."""

    done = Signal(object)

    def __init__(self, job: BackgroundJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self.done.emit(self._job.work())


class BackgroundJob(QObject):
    """Runs :meth:`work` once in a worker thread; ``result`` holds what it returned."""

    finished = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_requested = threading.Event()
        self.result: object | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    def work(self) -> object:  # pragma: no cover - abstract
        """Runs in the worker thread; returns the outcome and never raises."""
        raise NotImplementedError

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"A {type(self).__name__} runs once; make a new one.")
        self._thread = QThread(self)
        self._thread.setObjectName(type(self).__name__)
        self._worker = _Worker(self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        sys.setswitchinterval(min(sys.getswitchinterval(), JOB_SWITCH_INTERVAL))
        _hold_full_collections()
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next check (safe from any thread)."""
        self.cancel_requested.set()

    def is_running(self) -> bool:
        return self._thread is not None and self.result is None

    def _on_done(self, result: object) -> None:
        self._thread.quit()
        self._thread.wait()
        _allow_full_collections()
        self._worker.deleteLater()
        self.result = result
        self.finished.emit(result)
