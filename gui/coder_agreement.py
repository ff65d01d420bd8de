"""Opening the Agreement dialog from the window (View ▸ Agreement…): one dialog beside the
window, its coders and topics read again each time it is asked for; a passage or release
double-clicked in it is read in the window's reader; Ctrl+Z and Ctrl+Shift+Z work in it as
in the window (a curation is undone from where it was made)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from gui.dialogs.agreement_dialog import AgreementDialog
from gui.operations.runner import Operations

ShowPassage = Callable[[int, int, int], None]


class CoderAgreement:
    def __init__(self, operations: Operations, show_passage: ShowPassage, parent: QWidget) -> None:
        self.ops, self.show_passage, self.parent = operations, show_passage, parent
        self.dialog: AgreementDialog | None = None
        self._shared_actions: tuple[QAction, ...] = ()

    def share_actions(self, actions: Iterable[QAction]) -> None:
        """Window actions whose keys also work in the dialog (undo and redo)."""
        self._shared_actions = tuple(actions)

    def show(self) -> AgreementDialog:
        if self.dialog is None:
            self.dialog = AgreementDialog(self.ops, self.parent)
            self.dialog.openPassage.connect(self.show_passage)
            self.dialog.addActions(list(self._shared_actions))
        dialog = self.dialog
        dialog.refresh()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog
