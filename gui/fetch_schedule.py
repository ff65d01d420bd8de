"""Fetching on schedule while the window is open: one pass at a time, off the window's thread.

Every ``CHECK_MS`` (and soon after the window opens) the schedule asks the store which
subscriptions are due and, if any are and no pass is running, starts a
:class:`gui.background.fetch_job.FetchPassJob` for them. "Fetch now" and a followed
folder that received files ask for a pass too; asked while one runs, they wait for it to end
and go next (never two passes at once; the store's claim on each subscription keeps a cron
run and the window apart). The status bar counts the pass's steps ("Fetching 3 of 12
subscriptions…") and says what it brought; the views hear of the new releases as after an
import, on the bus.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from gui import settings
from gui.background.fetch_job import FetchPassJob, PassResult
from gui.operations.runner import Operations
from store.changes import Changes
from store.db import Store

CHECK_MS = 60_000  # how often the store is asked which subscriptions are due
FIRST_CHECK_MS = 3_000  # the first look, once the window has painted
STOP_WAIT_SECONDS = 5.0  # how long closing the window waits for a cancelled pass to end


class FetchSchedule(QObject):
    """Runs fetch passes for a window; ``passFinished(result)`` after each one."""

    passStarted = Signal()  # noqa: N815 (Qt's style)
    passFinished = Signal(object)  # noqa: N815 - a PassResult

    def __init__(self, operations: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.job: FetchPassJob | None = None
        self._waiting_ids: set[int] = set()  # asked for while a pass ran
        self._waiting_all = False
        self._waiting_due = False
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.fetch_due)
        self._first = QTimer(self, singleShot=True, interval=FIRST_CHECK_MS)
        self._first.timeout.connect(self.fetch_due)
        operations.storeChanged.connect(self._store_changed)

    def start(self) -> None:
        """Look for due subscriptions soon, then every ``CHECK_MS``."""
        self._first.start()
        self._timer.start()

    def running(self) -> bool:
        return self.job is not None

    # --- asking for a pass ------------------------------------------------------------------

    def fetch_due(self) -> None:
        """Fetch the subscriptions that are due, if any (after the running pass, if one is)."""
        if self.ops.store.path is None:
            return
        if self.job is not None:
            self._waiting_due = True
            return
        from store.subscriptions import due  # the store's side of fetching, on first use

        if due(self.ops.store):
            self._start(ids=None, every_one=False)

    def fetch_now(self, ids: list[int] | None = None) -> None:
        """Fetch these subscriptions now, due or not (None: every one)."""
        if self.ops.store.path is None:
            self.ops.say("Fetching needs a store file.", 5000)
            return
        if self.job is not None:
            if ids is None:
                self._waiting_all = True
            else:
                self._waiting_ids.update(ids)
            self.ops.say("A fetch pass is running; yours comes next.", 4000)
            return
        self._start(ids=ids, every_one=ids is None)

    def _start(self, *, ids: list[int] | None, every_one: bool) -> None:
        job = FetchPassJob(
            self.ops.store.path,
            settings.fetch_settings(),
            ids=sorted(ids) if ids is not None else None,
            every_one=every_one,
            parent=self,
        )
        job.progress.connect(self._say_progress)
        job.finished.connect(self._finished)
        self.job = job
        self.passStarted.emit()
        job.start()

    # --- a pass under way and done -----------------------------------------------------------

    def _say_progress(self, done: int, total: int, _url: str) -> None:
        if self.job is not None and total:
            step = min(done + 1, total)
            noun = "subscription" if total == 1 else "subscriptions"
            self.ops.say(f"Fetching {step} of {total} {noun}…", 0)

    def _finished(self, result: PassResult) -> None:
        job, self.job = self.job, None
        if job is not None:
            job.deleteLater()
        new_ids = frozenset(i for o in result.outcomes for i in o.new_release_ids)
        if any(o.imported or o.updated for o in result.outcomes):
            # The worker's connection wrote them: every view reads again, as after an import.
            self.ops.announce(Changes(releases=new_ids, elsewhere=True))
        self.ops.say(pass_summary(result), 8000)
        self.passFinished.emit(result)
        self._next_waiting()

    def _next_waiting(self) -> None:
        if self._waiting_all:
            self._waiting_all = self._waiting_due = False
            self._waiting_ids.clear()
            self._start(ids=None, every_one=True)
        elif self._waiting_ids:
            ids, self._waiting_ids = sorted(self._waiting_ids), set()
            self._start(ids=ids, every_one=False)
        elif self._waiting_due:
            self._waiting_due = False
            self.fetch_due()

    def stop(self) -> None:
        """Stop looking, cancel the running pass and wait for it to let go of the store
        (the window closes, or works on another store from now on)."""
        self._timer.stop()
        self._first.stop()
        self._waiting_ids.clear()
        self._waiting_all = self._waiting_due = False
        job, self.job = self.job, None
        if job is not None:
            job.finished.disconnect(self._finished)
            job.cancel()
            # A cancelled pass ends at its next read (a fifth of a second at most while it
            # waits on its fetches); the bound keeps a stuck disk from holding the window.
            # What the pass saved is saved whole, one transaction per subscription.
            job.wait(STOP_WAIT_SECONDS)

    def _store_changed(self, _store: Store) -> None:
        self.stop()
        self.start()


def pass_summary(result: PassResult) -> str:
    """The status bar's words once a pass is done.

    >>> from types import SimpleNamespace as Outcome
    >>> pass_summary(PassResult([Outcome(status="ok", imported=3, updated=1),
    ...                          Outcome(status="error", imported=0, updated=0)]))
    'Fetched 2 subscriptions: 3 new releases, 1 updated; 1 failed (Subscriptions… says why).'
    """
    if result.error:
        return result.error
    outcomes = result.outcomes
    if not outcomes:
        return "No subscription was due."
    new = sum(o.imported for o in outcomes)
    updated = sum(o.updated for o in outcomes)
    failed = sum(1 for o in outcomes if o.status == "error")
    noun = "subscription" if len(outcomes) == 1 else "subscriptions"
    words = f"Fetched {len(outcomes)} {noun}: {new} new release{'s' if new != 1 else ''}"
    if updated:
        words += f", {updated} updated"
    if failed:
        words += f"; {failed} failed (Subscriptions… says why)"
    return words + "."
