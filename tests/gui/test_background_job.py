"""Background jobs (imports, exports) leave the window's thread the GIL."""

from __future__ import annotations

import gc
import threading

from gui.dialogs.background_job import BackgroundJob


class _WaitingJob(BackgroundJob):
    """A job that notes whether the collector's full passes were held while it ran."""

    def __init__(self) -> None:
        super().__init__()
        self.go = threading.Event()

    def work(self) -> int:
        self.go.wait(10)
        return gc.get_threshold()[2]


def test_the_collector_makes_no_full_pass_until_the_last_job_has_ended(qtbot) -> None:
    """A full pass over a job's million objects held the GIL, and froze the window, for up
    to 0.2 s; young collections go on (they find an exception's cycles as before)."""
    usual = gc.get_threshold()
    first, second = _WaitingJob(), _WaitingJob()
    first.start()
    second.start()
    first.go.set()
    qtbot.waitUntil(lambda: first.result is not None)
    assert gc.get_threshold()[:2] == usual[:2] and gc.get_threshold()[2] > 10**6
    second.go.set()
    qtbot.waitUntil(lambda: second.result is not None)
    assert first.result > 10**6 and second.result > 10**6
    assert gc.get_threshold() == usual
