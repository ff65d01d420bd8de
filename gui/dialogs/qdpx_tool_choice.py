"""Which tool a REFI-QDA project is for: the "For:" choice the export asks after a ``.qdpx``.

MAXQDA, ATLAS.ti and NVivo each read line breaks, positions and folder names their own way
(``store.refi_qda_tools``); "Any tool" writes the project as it always was. The choice is
the same as ``communique export --for``.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from store.refi_qda_tools import PLAIN, TOOLS

# (key for write_export's for_tool, what the analyst sees), "Any tool" first.
CHOICES = [("", "Any tool (LF line breaks, positions in code points)")] + [
    (key, convention.label) for key, convention in TOOLS.items()
]


class QdpxToolChoice(QDialog):
    """A "For:" combo and OK/Cancel; :meth:`ask` gives the chosen key or None."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export a REFI-QDA project")
        self.combo = QComboBox()
        for key, label in CHOICES:
            self.combo.addItem(label, key)
        intro = QLabel(
            "Each QDA suite reads line breaks and positions its own way; choose the one "
            "that will open this project."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("For:", self.combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.combo.setFocus()

    def chosen(self) -> str:
        return self.combo.currentData() or PLAIN.key

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        """The tool's key ("" for any tool), or None when the analyst cancels."""
        dialog = cls(parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
