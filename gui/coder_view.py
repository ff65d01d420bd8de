"""Whose highlights the window shows, how each colleague's are marked, and whether they may
be changed here (View ▸ Coders).

The analyst's own highlights are always shown and always editable; each colleague's can be
hidden (from the reader, the highlight panel and the Excerpts tab, never from the store)
and are read-only unless "Edit colleagues' highlights" is ticked: two analysts code
independently, and a stray Delete on a colleague's passage would change the very figures
their agreement is measured by. Each colleague's highlights carry a mark of their own in
the reader: an underline in their colour and line style, while the topic colour stays the
fill. The choices are remembered between sessions.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap, QTextCharFormat
from PySide6.QtWidgets import QMenu

from gui import settings
from gui.operations.runner import Operations
from gui.text.coder_marks import CoderMark
from store.coder_names import NO_CODER
from store.coders import list_coders
from store.highlights import Highlight

_Line = QTextCharFormat.UnderlineStyle
# Dark, far-apart colours (the fills are light topic colours) and six line styles: two
# colleagues never share both, and either alone tells them apart.
MARKS = (
    ("#c0392b", _Line.DashUnderline),
    ("#1f5fa8", _Line.DotLine),
    ("#6c3483", _Line.WaveUnderline),
    ("#0e6655", _Line.DashDotLine),
    ("#a04000", _Line.DashDotDotLine),
    ("#1b2631", _Line.SingleUnderline),
)


class CoderView(QObject):
    changed = Signal()  # the coders shown, or whether colleagues' highlights may be edited

    def __init__(self, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.hidden: frozenset[str] = settings.hidden_coders()
        self.edits_colleagues = settings.edits_colleagues_highlights()
        self._marks: dict[str, CoderMark] = {}

    # --- whose highlights are shown -------------------------------------------------------

    @property
    def you(self) -> str:
        return self.ops.store.coder

    def shows(self, coder: str) -> bool:
        return coder == self.you or coder not in self.hidden

    def shown(self, highlights: list[Highlight]) -> list[Highlight]:
        """The highlights of the coders shown."""
        if not self.hidden:
            return highlights
        return [h for h in highlights if self.shows(h.coder)]

    def hidden_names(self) -> tuple[str, ...]:
        """The coders hidden, yourself never among them (for the Excerpts filter)."""
        return tuple(sorted(self.hidden - {self.you}))

    def set_shown(self, coder: str, shown: bool) -> None:
        hidden = self.hidden - {coder} if shown else self.hidden | {coder}
        self._set(hidden, self.edits_colleagues)

    def show_all(self) -> None:
        self._set(frozenset(), self.edits_colleagues)

    # --- who may change them ----------------------------------------------------------------

    def set_edits_colleagues(self, on: bool) -> None:
        self._set(self.hidden, on)

    def may_edit(self, highlight: Highlight) -> bool:
        return self.edits_colleagues or highlight.coder == self.you

    def allows(self, highlight: Highlight | None) -> bool:
        """Whether a change to ``highlight`` may go ahead; says why not in the status bar."""
        if highlight is None or self.may_edit(highlight):
            return True
        self.ops.say(self.refusal(highlight), 8000)
        return False

    def refusal(self, highlight: Highlight) -> str:
        """Why a colleague's highlight was not changed, and how to allow it."""
        return (
            f"This highlight is {highlight.coder or NO_CODER}'s; colleagues' highlights are "
            "read-only (View ▸ Coders ▸ Edit colleagues' highlights allows changing them)."
        )

    # --- their marks ------------------------------------------------------------------------

    def mark_of(self, coder: str) -> CoderMark | None:
        """A colleague's mark in the reader; None for your own highlights (the fill alone)."""
        if coder == self.you:
            return None
        mark = self._marks.get(coder)
        if mark is None:
            colour, style = MARKS[len(self._marks) % len(MARKS)]
            mark = self._marks[coder] = CoderMark(QColor(colour), style)
        return mark

    # --- View ▸ Coders ------------------------------------------------------------------------

    def fill_menu(self, menu: QMenu) -> None:
        """The store's coders, each checkable (shown) with their mark's colour, then
        "Show all coders" and "Edit colleagues' highlights"."""
        menu.clear()
        coders = list_coders(self.ops.store)
        for coder in sorted(coders, key=lambda c: (c.name != self.you, c.label.casefold())):
            mine = coder.name == self.you
            words = f"{coder.label} (you)" if mine else coder.label
            plural = "" if coder.highlights == 1 else "s"
            action = menu.addAction(f"{words} — {coder.highlights:,} highlight{plural}")
            action.setCheckable(True)
            action.setChecked(self.shows(coder.name))
            action.setEnabled(not mine)  # your own highlights are always shown
            mark = self.mark_of(coder.name)
            if mark is not None:
                action.setIcon(_swatch(mark.colour))
            action.toggled.connect(lambda on, name=coder.name: self.set_shown(name, on))
        if not coders:
            menu.addAction("No highlights yet").setEnabled(False)
        menu.addSeparator()
        menu.addAction("Show all coders").triggered.connect(self.show_all)
        edit = menu.addAction("Edit colleagues' highlights")
        edit.setCheckable(True)
        edit.setChecked(self.edits_colleagues)
        edit.toggled.connect(self.set_edits_colleagues)

    def _set(self, hidden: frozenset[str], edits_colleagues: bool) -> None:
        if (hidden, edits_colleagues) == (self.hidden, self.edits_colleagues):
            return
        self.hidden, self.edits_colleagues = hidden, edits_colleagues
        settings.remember_hidden_coders(hidden)
        settings.remember_edits_colleagues_highlights(edits_colleagues)
        self.changed.emit()


def _swatch(colour: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(colour)
    return QIcon(pixmap)
