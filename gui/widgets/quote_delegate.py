"""Draws an excerpt's quote cell: two lines, the quote in full ink, its context muted.

A quote is what an analyst recognises an excerpt by, and a one-line cell shows thirty
characters of it beside five other columns; two wrapped lines show a sentence. The text is
laid out with ``QTextLayout`` (two lines, the second elided) rather than a ``QTextDocument``
per cell, which would cost a parse on every repaint of every visible row.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from gui.models.excerpt_model import ExcerptModel

LINES = 2
PADDING = 4


def row_height(line_spacing: float) -> int:
    """The table's row height for two lines of quote."""
    return int(LINES * line_spacing) + 2 * PADDING


class QuoteDelegate(QStyledItemDelegate):
    """ "…context before **the quote** context after…" over two lines, elided at the end."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        parts = index.data(ExcerptModel.QuotePartsRole)
        if not parts:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(ink)
        muted.setAlphaF(0.55)
        rect = QRectF(opt.rect.adjusted(PADDING, PADDING, -PADDING, -PADDING))
        text, quote_start, quote_end = _joined(parts, opt, rect.width())
        painter.save()
        painter.setClipRect(opt.rect)
        painter.setPen(ink)
        _draw_lines(painter, opt.font, text, (quote_start, quote_end), ink, muted, rect)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), row_height(option.fontMetrics.lineSpacing()))


def _joined(parts: tuple[str, str, str], opt: QStyleOptionViewItem, width: float):
    """One string of context and quote, and where the quote lies in it. The context before
    is cut to a fifth of the first line, so the quote starts where the eye does."""
    before, quote, after = parts
    if before:
        room = max(int(width * 0.2), 20)
        before = opt.fontMetrics.elidedText(before, Qt.TextElideMode.ElideLeft, room) + " "
    start = len(before)
    return f"{before}{quote} {after}".rstrip(), start, start + len(quote)


def _draw_lines(painter, font: QFont, text: str, quote: tuple[int, int], ink, muted, rect):
    """Lay ``text`` out in ``LINES`` lines of ``rect``'s width; elide what does not fit."""
    first = _layout(text, font, quote, ink, muted)
    first.beginLayout()
    lines = []
    y = rect.top()
    for _ in range(LINES):
        line = first.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, y - rect.top()))
        y += line.height()
        lines.append(line)
    first.endLayout()
    last = lines[-1] if lines else None
    overflows = last is not None and last.textStart() + last.textLength() < _utf16(text, len(text))
    if not overflows:
        first.draw(painter, rect.topLeft())
        return
    # Draw all but the last line as laid out; the last one again, elided, from where it began.
    keep = len(lines) - 1
    for line in lines[:keep]:
        line.draw(painter, rect.topLeft())
    begin = _code_points(text, last.textStart())
    metrics = painter.fontMetrics()
    tail = metrics.elidedText(text[begin:], Qt.TextElideMode.ElideRight, int(rect.width()))
    shifted = (quote[0] - begin, quote[1] - begin)
    tail_layout = _layout(tail, font, shifted, ink, muted)
    tail_layout.beginLayout()
    line = tail_layout.createLine()
    line.setLineWidth(rect.width() + 50)  # elided already: never wrap again
    line.setPosition(QPointF(0, 0))
    tail_layout.endLayout()
    tail_layout.draw(painter, QPointF(rect.left(), rect.top() + last.position().y()))


def _utf16(text: str, index: int) -> int:
    """Qt counts UTF-16 units: an emoji flag or 𠀋 is two of them, one or two code points."""
    return len(text[:index].encode("utf-16-le")) // 2


def _code_points(text: str, units: int) -> int:
    """The code-point index of a UTF-16 position of ``text``."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _layout(text: str, font: QFont, quote: tuple[int, int], ink, muted) -> QTextLayout:
    """A layout of ``text`` with the quote (code-point offsets) in ink, the rest muted."""
    layout = QTextLayout(text, font)
    ranges = []
    for start, end, colour in ((0, quote[0], muted), (*quote, ink), (quote[1], len(text), muted)):
        start, end = _utf16(text, max(start, 0)), _utf16(text, min(end, len(text)))
        if end > start:
            fmt = QTextCharFormat()
            fmt.setForeground(colour)
            span = QTextLayout.FormatRange()
            span.start, span.length, span.format = start, end - start, fmt
            ranges.append(span)
    layout.setFormats(ranges)
    return layout
