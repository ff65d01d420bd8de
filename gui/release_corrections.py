"""Correcting the release being read: its title block's values, or Ctrl+Shift+D.

The dialog gathers what the analyst changed; each changed value becomes one
:class:`gui.operations.issuers.CorrectRelease`, and all of them one step of the undo stack
(one Ctrl+Z takes back the whole correction). The title block redraws from the bus.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from gui.dialogs.correct_release import CorrectReleaseDialog
from gui.models.reading import Reading
from gui.operations.issuers import CorrectRelease
from gui.operations.runner import Operations
from store.issuers import list_issuers


class ReleaseCorrections:
    def __init__(self, operations: Operations, reading: Reading, parent: QWidget) -> None:
        self.ops, self.reading, self.parent = operations, reading, parent
        self.dialog: CorrectReleaseDialog | None = None  # the one open, if any

    def correct(self, field: str = "issuer") -> None:
        """Open the dialog on the release being read, ``field`` focused."""
        release, attribution = self.reading.release, self.reading.attribution
        if release is None or attribution is None:
            return
        names = [issuer.name for issuer in list_issuers(self.ops.store)]
        dialog = CorrectReleaseDialog(attribution, release.title, names, field, self.parent)
        dialog.corrected.connect(lambda changed, r=release: self._apply(r.id, r.title, changed))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _apply(self, release_id: int, title: str, changed: dict[str, str | None]) -> None:
        steps = [CorrectRelease(release_id, f, value, title) for f, value in changed.items()]
        self.ops.run_steps(f"Correct “{title[:40]}”", steps)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
