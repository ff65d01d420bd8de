"""One fetch pass over the subscriptions, run on a worker thread while the window is open.

The pass is the store's own (:func:`store.fetch.fetch_pass`, the one ``communique fetch``
runs): it claims each subscription before fetching it, so a cron run at the same moment
never fetches one twice. Here it only runs off the window's thread, says how far it has got
(``progress(done, total, url)``, queued to the GUI thread) and stops between subscriptions
when cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from gui.background.job import BackgroundJob
from store.db import Store


@dataclass(frozen=True)
class PassResult:
    """What a pass brought: each subscription's outcome, or why the pass could not run."""

    outcomes: list = field(default_factory=list)  # store.fetch.FetchOutcome, in fetch order
    error: str | None = None


class FetchPassJob(BackgroundJob):
    """``ids``: only these subscriptions, due or not; ``every_one``: all of them; neither:
    those that are due."""

    progress = Signal(int, int, str)

    def __init__(
        self,
        store_path: Path,
        fetch_settings: object,
        *,
        ids: list[int] | None = None,
        every_one: bool = False,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(store_path, parent)
        self.fetch_settings = fetch_settings
        self.ids = ids
        self.every_one = every_one

    def work(self, store: Store) -> PassResult:
        # The fetcher brings its HTTP client and every parser: imported when first used,
        # so the window opens without them.
        from store.fetch import fetch_pass

        outcomes = fetch_pass(
            self.store_path,
            ids=self.ids,
            every_one=self.every_one,
            settings=self.fetch_settings,
            progress=self._progress,
            cancelled=self.cancel_requested.is_set,
        )
        return PassResult(outcomes=list(outcomes))

    def _progress(self, done: int, total: int, url: str = "") -> None:
        self.progress.emit(done, total, str(url or ""))

    def failed(self, error: Exception) -> PassResult:
        return PassResult(error=f"The fetch pass stopped: {error}")
