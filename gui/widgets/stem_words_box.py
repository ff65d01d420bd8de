"""The "Stem words" check box beside a phrase box (the concordance tab, the trends dialog):
ticked, a phrase's words match by their stems in each release's language; what the analyst
last chose is remembered (gui.settings)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from gui import settings

TOOLTIP = (
    "Match each word by its stem in the release's language: Sanktion finds Sanktionen, "
    'négociation finds négociations. A word in "quotes" is matched as written, and so are '
    "releases in a language with no stemmer, or with none."
)


class StemWordsBox(QCheckBox):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__("Stem words", parent)
        self.setObjectName(name)
        self.setAccessibleName("Stem words")
        self.setToolTip(TOOLTIP)
        self.setChecked(settings.stems_words())
        self.toggled.connect(settings.remember_stem_words)
