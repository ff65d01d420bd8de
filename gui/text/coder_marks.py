"""Colleagues' marks on the reader's document: each coder's highlights underlined in that
coder's colour and line style, over the topic colours :mod:`gui.text.highlight_paint` fills."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from gui.text.positions import QtRange


@dataclass(frozen=True)
class CoderMark:
    """How one colleague's highlights are underlined."""

    colour: QColor
    style: QTextCharFormat.UnderlineStyle

    def key(self) -> tuple[int, int]:
        return self.colour.rgba(), self.style.value


def paint_coder_marks(
    document: QTextDocument,
    marked: Iterable[tuple[QtRange, CoderMark]],
    within: list[QtRange] | None = None,
) -> None:
    """Underline each span with its coder's mark, in one edit block (with ``within``, only
    the spans that meet those ranges: the rest keep the marks painted before)."""
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for span, mark in marked:
        meets = within is None or any(span.start < r.end and r.start < span.end for r in within)
        if not meets:
            continue
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(mark.style)
        fmt.setUnderlineColor(mark.colour)
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    cursor.endEditBlock()
