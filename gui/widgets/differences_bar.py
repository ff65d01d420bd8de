"""What differs between the two releases read side by side, as a short list above them:
the countries, people, numbers and topics one side has and the other lacks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from gui.widgets.aligned_reader_view import ONLY_BARS
from store.differences import Differences

KINDS = ("countries", "people", "numbers", "topics")
SHOWN = 6  # values of one kind named on the bar; the tooltip names them all


def side_line(values: dict[str, list[str]], shown: int = SHOWN) -> str:
    """One side's list as plain words, e.g. "countries Serbia, Kosovo; numbers 1,000"; empty
    when that side has nothing the other lacks.

    >>> side_line({"countries": ["Serbia", "Kosovo"], "numbers": ["1,000"], "people": []})
    'countries Serbia, Kosovo; numbers 1,000'
    """
    parts = []
    for kind in KINDS:
        found = values.get(kind) or []
        if not found:
            continue
        more = len(found) - shown
        named = ", ".join(found[:shown]) + (f" and {more} more" if more > 0 else "")
        parts.append(f"{kind} {named}")
    return "; ".join(parts)


class DifferencesBar(QLabel):
    """ "Only in A: …" and "Only in B: …", each marked with its side's colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("differencesBar")
        self.setAccessibleName("What differs between the two releases")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setContentsMargins(8, 4, 8, 4)
        self.lines: tuple[str, str] = ("", "")  # each side's list, as plain words
        self.show_pending()

    def show_pending(self) -> None:
        self.lines = ("", "")
        self.setText("<i>Comparing what each side names…</i>")
        self.setToolTip("")

    def show_failure(self, message: str) -> None:
        self.lines = ("", "")
        self.setText(html.escape(message))

    def show_differences(self, differences: Differences) -> None:
        self.lines = (side_line(differences.only_a), side_line(differences.only_b))
        if not any(self.lines):
            self.setText("Both name the same countries, people, numbers and topics.")
            self.setToolTip("")
            return
        rows = []
        for side, line in enumerate(self.lines):
            swatch = f'<span style="color:{ONLY_BARS[side].name()}">■</span>'
            words = html.escape(line) if line else "<i>nothing the other lacks</i>"
            rows.append(f"{swatch} <b>Only in {'AB'[side]}:</b> {words}")
        self.setText("<br>".join(rows))
        full = (side_line(differences.only_a, 1000), side_line(differences.only_b, 1000))
        self.setToolTip("\n".join(f"Only in {'AB'[s]}: {t or '—'}" for s, t in enumerate(full)))
