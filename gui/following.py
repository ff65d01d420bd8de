"""The window's side of following: the Subscriptions panel, fetching on schedule, the
followed folders watched, and a desktop notice when a starred subscription brings releases.

The window makes one :class:`Following`, starts it once shown, and stops it when it closes;
its menu entries call :meth:`show_panel` and :meth:`fetch_all_now`. Everything else happens
here: a folder that received files is fetched (its new and changed files imported, off the
window's thread) once it has been quiet a moment; the folders watched follow the
subscriptions (followed, paused, resumed, unfollowed, here or by another program).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from gui.background.fetch_job import PassResult
from gui.background.folder_watch import FolderWatch
from gui.desktop_notice import DesktopNotice
from gui.fetch_schedule import FetchSchedule
from gui.operations.runner import Operations
from store.changes import Changes


class Following(QObject):
    def __init__(self, operations: Operations, window: QMainWindow) -> None:
        super().__init__(window)
        self.ops, self.window = operations, window
        self.schedule = FetchSchedule(operations, self)
        self.folder_watch = FolderWatch(self)
        self.notice = DesktopNotice(window)
        self.panel = None  # the Subscriptions dialog, made when first shown
        self.folder_watch.folderChanged.connect(lambda sid: self.schedule.fetch_now([sid]))
        self.schedule.passFinished.connect(self._pass_finished)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self.watch_folders())

    def start(self) -> None:
        """Fetch what is due soon and on schedule; watch the followed folders."""
        self.schedule.start()
        self.watch_folders()

    def stop(self) -> None:
        self.schedule.stop()
        self.folder_watch.stop()

    def show_panel(self) -> None:
        """The Subscriptions panel beside the window (one; shown again if already open),
        its address box ready for typing."""
        if self.panel is None:
            from gui.dialogs.subscriptions_dialog import SubscriptionsDialog

            self.panel = SubscriptionsDialog(self.ops, self.schedule, self.window)
            self.panel.edits.changed.connect(self.watch_folders)
            self.panel.edits.followed.connect(lambda _subscription: self.watch_folders())
        self.panel.show()
        self.panel.raise_()
        self.panel.activateWindow()
        self.panel.address_box.setFocus()

    def fetch_all_now(self) -> None:
        self.schedule.fetch_now(None)

    def watch_folders(self) -> None:
        """Watch the folders followed and not paused, and no other."""
        if self.ops.store.path is None:
            self.folder_watch.stop()
            return
        from store.subscriptions import following

        self.folder_watch.watch(
            (s.id, Path(s.url))
            for s in following(self.ops.store)
            if s.kind == "folder" and not s.paused
        )

    def _on_changes(self, changes: Changes) -> None:
        if changes.elsewhere:  # another program may have followed or unfollowed one
            self.watch_folders()

    def _pass_finished(self, result: PassResult) -> None:
        from store.subscriptions import get_subscription

        brought = []
        for outcome in result.outcomes:
            count = len(outcome.new_release_ids)
            if not count:
                continue
            subscription = get_subscription(self.ops.store, outcome.subscription_id)
            if subscription is not None and subscription.starred:
                name = subscription.issuer or subscription.url
                brought.append(f"{name}: {count} new release{'s' if count != 1 else ''}")
        if brought:
            self.notice.tell("New releases", "\n".join(brought))
