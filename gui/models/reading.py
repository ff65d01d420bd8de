"""The release being read, kept in step with the store.

The reader, the highlights panel and the *Compare versions* action show this one release.
:class:`Reading` reads it (text, highlights, how many earlier versions it has) and listens
to the bus itself: a revision or a write by another program reads it again
(``releaseRead``), a change to its highlights or to the codebook reads its highlights again
(``highlightsRead``), a correction of its issuer, speaker, date or language, or a change to
issuers, reads who said it again (``attributionRead``). The views listen to these signals
and never reload each other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gui.coder_view import CoderView
from gui.operations.runner import Operations
from store.attribution import Attribution, release_attribution
from store.changes import Changes
from store.highlights import Highlight, highlights_of_release
from store.releases import Release, get_release, release_versions


class Reading(QObject):
    releaseRead = Signal(object, list, int)  # Release or None, its highlights, earlier versions
    highlightsRead = Signal(list)  # the release's highlights, read again after a change
    attributionRead = Signal(object)  # its Attribution, read again after a correction

    def __init__(
        self,
        operations: Operations,
        parent: QObject | None = None,
        coders: CoderView | None = None,
    ) -> None:
        super().__init__(parent)
        self.ops = operations
        # Whose highlights are shown (the window's View ▸ Coders); None: everyone's.
        self.coders = coders
        if coders is not None:
            coders.changed.connect(self._read_highlights)
        self.release: Release | None = None
        self.highlights: list[Highlight] = []
        self.attribution: Attribution | None = None  # who said it, when, and in what language
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(lambda _store: self.read(None))

    def read(self, release_id: int | None) -> None:
        """Read a release (None: none) and tell the views."""
        store = self.ops.store
        self.release = get_release(store, release_id) if release_id is not None else None
        found = self._highlights_of(self.release.id) if self.release else []
        # A revision changes the content hash, so _on_changes comes back here: fresh count.
        earlier = len(release_versions(store, self.release.id)) if self.release else 0
        self.highlights = found
        self.attribution = release_attribution(store, self.release.id) if self.release else None
        self.releaseRead.emit(self.release, found, earlier)

    def _on_changes(self, changes: Changes) -> None:
        release = self.release
        if release is None:
            return
        if release.id in changes.releases or changes.elsewhere:
            fresh = get_release(self.ops.store, release.id)
            if fresh is None or fresh.content_hash != release.content_hash:
                self.read(fresh.id if fresh else None)
                return
            self.release = fresh
        if release.id in changes.releases or changes.issuers or changes.elsewhere:
            attribution = release_attribution(self.ops.store, release.id)
            if attribution != self.attribution:
                self.attribution = attribution
                self.attributionRead.emit(attribution)
        if release.id in changes.highlights or changes.tags or changes.elsewhere:
            self._read_highlights()

    def _read_highlights(self) -> None:
        if self.release is not None:
            self.highlights = self._highlights_of(self.release.id)
            self.highlightsRead.emit(self.highlights)

    def _highlights_of(self, release_id: int) -> list[Highlight]:
        found = highlights_of_release(self.ops.store, release_id)
        return self.coders.shown(found) if self.coders is not None else found
