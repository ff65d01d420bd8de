"""The one worker thread: newest requests first, errors as answers; long jobs leave the
window's thread the GIL."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from gui.background.job import BackgroundJob
from gui.background.worker import MAX_WAITING, StoreWorker
from store.db import Store


class _WaitingJob(BackgroundJob):
    """A job that notes whether the collector's full passes were held while it ran."""

    def __init__(self, store_path: Path) -> None:
        super().__init__(store_path)
        self.go = threading.Event()

    def work(self, store: Store) -> int:
        self.go.wait(10)
        return gc.get_threshold()[2]

    def failed(self, error: Exception) -> int:
        return -1


def test_the_collector_makes_no_full_pass_until_the_last_job_has_ended(qtbot, db_path) -> None:
    """A full pass over a job's million objects held the GIL, and froze the window, for up
    to 0.2 s; young collections go on (they find an exception's cycles as before)."""
    Store(db_path).close()
    usual = gc.get_threshold()
    first, second = _WaitingJob(db_path), _WaitingJob(db_path)
    first.start()
    second.start()
    first.go.set()
    qtbot.waitUntil(lambda: first.result is not None)
    assert gc.get_threshold()[:2] == usual[:2] and gc.get_threshold()[2] > 10**6
    second.go.set()
    qtbot.waitUntil(lambda: second.result is not None)
    assert first.result > 10**6 and second.result > 10**6
    assert gc.get_threshold() == usual


def test_requests_waiting_run_newest_first_and_the_oldest_are_dropped(qtbot, db_path) -> None:
    """While the scroll bar is dragged, the page the analyst stopped at comes first."""
    Store(db_path).close()
    worker = StoreWorker()
    answered: list[int] = []
    worker.done.connect(lambda key, _rows: answered.append(key), Qt.ConnectionType.DirectConnection)
    started, busy = threading.Event(), threading.Event()
    worker.request(0, db_path, lambda store: (started.set(), busy.wait(10)))
    assert started.wait(10)
    for key in range(1, MAX_WAITING + 3):
        worker.request(key, db_path, lambda store: [])
    busy.set()
    qtbot.waitUntil(lambda: len(answered) == MAX_WAITING + 1)
    assert answered == [0, *range(MAX_WAITING + 2, 2, -1)]


def test_a_job_that_fails_answers_what_its_failed_says(qtbot, tmp_path) -> None:
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database " * 100)
    worker = StoreWorker()
    with qtbot.waitSignal(worker.done, timeout=10_000) as done:
        worker.request("page", not_a_store, lambda store: ["a row"])
    assert done.args == ["page", []]
    with qtbot.waitSignal(worker.done, timeout=10_000) as done:
        worker.request("count", not_a_store, len, failed=str)
    assert "is not a Communiqué Desk store" in done.args[1]
