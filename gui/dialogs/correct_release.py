"""Correcting who issued a release, who spoke, its date and its language: a small dialog.

The title block's values open it (the one clicked has the keyboard focus); it shows the four
values as they are, with where each came from, and gives back those the analyst changed.
A field emptied is a value taken away. The dialog is opened window-modal without blocking
(``open``): what it gives back arrives through ``corrected``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from store.attribution import FIELDS, Attribution

ORIGINS = {
    "source": "as the source gives it",
    "text": "found in the text",
    "detected": "detected from the text",
    "analyst": "set by hand",
}
LABELS = {"issuer": "&Issuer", "speaker": "&Speaker", "date": "&Date", "language": "&Language"}
HINTS = {
    "issuer": "the issuer's name; a new name makes a new issuer",
    "speaker": "who spoke, if not the issuer",
    "date": "YYYY-MM-DD",
    "language": "a code such as en, fr or de",
}


class CorrectReleaseDialog(QDialog):
    """The four values of one release, each in its own line."""

    corrected = Signal(dict)  # field → the new value, or None to take it away

    def __init__(
        self,
        attribution: Attribution,
        title: str,
        issuer_names: list[str],
        focus: str = "issuer",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("correctReleaseDialog")
        self.setWindowTitle("Correct release details")
        self.setMinimumWidth(440)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._was = {field: getattr(attribution, field) or "" for field in FIELDS}
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: 600")
        form = QFormLayout()
        self.edits: dict[str, QLineEdit] = {}
        for field in FIELDS:
            edit = QLineEdit(self._was[field], self)
            edit.setObjectName(f"correct_{field}")
            edit.setAccessibleName(field.capitalize())
            edit.setPlaceholderText(HINTS[field])
            edit.setClearButtonEnabled(True)
            origin = attribution.origins.get(field)
            edit.setToolTip(ORIGINS.get(origin, "not known") if self._was[field] else "not known")
            self.edits[field] = edit
            form.addRow(LABELS[field], edit)
        completer = QCompleter(issuer_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edits["issuer"].setCompleter(completer)
        note = QLabel("A correction is kept when the release is imported or cleaned again.", self)
        note.setWordWrap(True)
        note.setEnabled(False)  # secondary words, in the palette's disabled text colour
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        focused = self.edits.get(focus, self.edits["issuer"])
        focused.setFocus()
        focused.selectAll()

    def changes(self) -> dict[str, str | None]:
        """The values the analyst changed: the new text, or None for one emptied."""
        changed: dict[str, str | None] = {}
        for field, edit in self.edits.items():
            now = " ".join(edit.text().split())
            if now != " ".join(self._was[field].split()):
                changed[field] = now or None
        return changed

    def accept(self) -> None:
        changed = self.changes()
        super().accept()
        if changed:
            self.corrected.emit(changed)
