"""What the analyst does to subscriptions from the window: follow, test, preview a rule,
pause and resume, star, unfollow.

Following an address and testing one reach the web (following guesses a feed from a
sitemap by fetching it), so both run on a worker thread of their own and answer through
signals; the newest question wins (a preview asked again while the last one is on its way
replaces it). Pausing, starring and unfollowing are one small write each, saved at once; a
refusal is reported through the runner, as every operation's is. None of these is undoable:
a subscription is not the analyst's text, and unfollowing asks first.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal

from gui import settings
from gui.background.worker import StoreWorker
from gui.operations.runner import Operations
from store.db import Store, StoreError


@dataclass(frozen=True)
class FollowRequest:
    """What the panel's form says to follow."""

    target: str
    issuer: str | None = None
    language: str | None = None
    every: int = 3600
    select: str | None = None
    pattern: str | None = None
    kind: str | None = None  # None: guessed (a folder, a feed, a sitemap; a rule: a listing)


class SubscriptionEdits(QObject):
    """Follows, tests and changes subscriptions on behalf of the Subscriptions panel."""

    followed = Signal(object)  # the new store.subscriptions.Subscription
    feedsOffered = Signal(str, list)  # noqa: N815 - a page's address, its FoundFeeds
    tested = Signal(object, object)  # the FollowRequest tested, its store.fetch.TestResult
    refused = Signal(str)  # one sentence: why following or testing did not work
    changed = Signal()  # a subscription was paused, resumed, starred or unfollowed

    def __init__(self, operations: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self._asked = 0
        self._worker = StoreWorker(self, name="subscriptions", idle_seconds=5)
        self._worker.done.connect(self._answered, Qt.ConnectionType.QueuedConnection)

    # --- off the window's thread -----------------------------------------------------------

    def follow(self, request: FollowRequest) -> bool:
        """Follow what the form says (on the worker); False when there is no store file."""
        fetch_settings = settings.fetch_settings()

        def job(store: Store):
            from store.subscriptions import follow

            return (
                "followed",
                follow(
                    store,
                    request.target,
                    kind=request.kind,
                    issuer=request.issuer,
                    language=request.language,
                    every=request.every,
                    select=request.select,
                    pattern=request.pattern,
                    settings=fetch_settings,
                ),
            )

        return self._ask(job)

    def test(self, request: FollowRequest) -> bool:
        """What following ``request`` would take now, nothing stored (the Test button, and
        the preview of a listing page's rule)."""
        fetch_settings = settings.fetch_settings()

        def job(_store: Store):
            from store.fetch import test_subscription

            result = test_subscription(
                request.target, fetch_settings, select=request.select, pattern=request.pattern
            )
            return ("tested", request, result)

        return self._ask(job)

    def _ask(self, job) -> bool:
        path = self.ops.store.path
        if path is None:
            self.refused.emit("Following needs a store file, not one held in memory.")
            return False
        self._asked += 1
        self._worker.forget()
        self._worker.request(self._asked, path, job, failed=lambda error: ("failed", error))
        return True

    def _answered(self, asked: int, answer: tuple) -> None:
        if asked != self._asked:
            return  # a newer question was asked meanwhile
        what, *values = answer
        if what == "followed":
            self.followed.emit(values[0])
        elif what == "tested":
            self.tested.emit(*values)
        else:
            self._refused(values[0])

    def _refused(self, error: Exception) -> None:
        from store.subscriptions import NotAFeed

        if isinstance(error, NotAFeed):
            self.feedsOffered.emit(str(error), list(error.feeds))
        elif isinstance(error, (StoreError, OSError, ValueError)):
            self.refused.emit(str(error))
        else:
            self.refused.emit(f"That did not work: {error}")

    # --- small writes, at once ---------------------------------------------------------------

    def set_paused(self, subscription_id: int, paused: bool) -> None:
        from store.subscriptions import set_paused

        self._write("Pause", set_paused, subscription_id, paused)

    def set_starred(self, subscription_id: int, starred: bool) -> None:
        from store.subscriptions import set_starred

        self._write("Star", set_starred, subscription_id, starred)

    def unfollow(self, subscription_id: int) -> None:
        from store.subscriptions import unfollow

        self._write("Unfollow", unfollow, subscription_id)

    def _write(self, title: str, write, *args) -> None:
        try:
            write(self.ops.store, *args)
        except StoreError as error:
            self.ops.report(title, str(error))
        self.changed.emit()
