"""The analyst's name as coder in the window: remembered between sessions, asked for from
Edit ▸ Your Name as Coder…, and given to every store the window opens (workers included), so
that each highlight and codebook change carries it (store.coders)."""

from __future__ import annotations

from contextlib import suppress

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from gui import settings
from gui.operations.runner import Operations
from store.coder_names import CoderError, choose_coder


class CoderChoice:
    def __init__(self, ops: Operations, parent: QWidget) -> None:
        self.ops, self.parent = ops, parent
        remembered = settings.coder_name()
        if remembered:
            with suppress(CoderError):  # a hand-edited setting: the default name stays
                self._use(remembered)

    def ask(self) -> None:
        """Ask the analyst for the name their highlights carry from now on."""
        name, given = QInputDialog.getText(
            self.parent,
            "Your name as coder",
            "Highlights and codebook changes you make from now on carry this name\n"
            "(colleagues' stores merged into yours keep theirs):",
            QLineEdit.EchoMode.Normal,
            self.ops.store.coder,
        )
        if not given:
            return
        try:
            cleaned = self._use(name)
        except CoderError as error:
            self.ops.report("Your name as coder", str(error))
            return
        settings.remember_coder_name(cleaned)
        self.ops.say(f"Your highlights from now on carry the name “{cleaned}”.")

    def _use(self, name: str) -> str:
        cleaned = choose_coder(name)
        self.ops.store.coder = cleaned
        return cleaned
