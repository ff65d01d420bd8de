"""One column of the two-column reader: the reader's view, with the alignment painted on it.

Passages with no counterpart on the other side get a tint under their text and, in a
margin to the left of it, a bar and the words "only in A" (or B); the pair under the cursor
is outlined on both sides. The tints are translucent, so that the palette's own base shows
through them in the light and in the dark appearance alike, and they are drawn before the
text, so that highlights (the text's own backgrounds) and the letters lie over them.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QTextDocument,
)
from PySide6.QtWidgets import QWidget

from gui.text.positions import QtRange
from gui.widgets.reader_view import ReaderView
from store.releases import Release

# Translucent tints: amber for side A's passages alone, green for side B's (the pair under
# the cursor is outlined in the palette's selection blue); readable with
# dark ink on a light base and with light ink on a dark one.
ONLY_TINTS = (QColor(232, 163, 23, 64), QColor(38, 166, 120, 64))
ONLY_BARS = (QColor(214, 140, 0), QColor(20, 140, 95))
ONLY_LABELS = ("only in A", "only in B")
GUTTER_PADDING = 6


class AlignedReaderView(ReaderView):
    """A reader view of side ``side`` (0: A, 1: B) that paints the alignment given by
    :meth:`show_alignment` and the pair :meth:`emphasise` names."""

    def __init__(self, side: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setObjectName(f"sideBySideColumn{'AB'[side]}")
        self.setAccessibleName(f"Release text, side {'AB'[side]}")
        self.only: list[QtRange] = []
        self.emphasised: QtRange | None = None
        # HTML rendered on the dialog's worker, by the content hash of the text it shows:
        # a long release's rendering would hold the window's thread for a tenth of a second.
        self.prepared: dict[str, str] = {}
        self.gutter = PassageGutter(self)
        self._fit_gutter()

    def html_of(self, release: Release) -> str:
        prepared = self.prepared.get(release.content_hash)
        return prepared if prepared is not None else super().html_of(release)

    def show_alignment(self, only: list[QtRange]) -> None:
        """Mark these passages (sorted, Qt positions) as having no counterpart."""
        self.only = only
        self.viewport().update()
        self.gutter.update()

    def emphasise(self, span: QtRange | None) -> None:
        """Outline the passage of the pair under the cursor (None: no pair)."""
        if span != self.emphasised:
            self.emphasised = span
            self.viewport().update()
            self.gutter.update()

    # --- where passages are -------------------------------------------------------------

    def visible_range(self) -> tuple[int, int]:
        """Qt positions of the first and last characters the viewport shows."""
        layout = self.document().documentLayout()
        top = self.verticalScrollBar().value()
        fuzzy = Qt.HitTestAccuracy.FuzzyHit
        first = layout.hitTest(QPointF(0, top), fuzzy)
        bottom = QPointF(self.viewport().width(), top + self.viewport().height())
        last = layout.hitTest(bottom, fuzzy)
        return max(0, first), max(first, last) + 1

    def line_rects(self, span: QtRange) -> list[QRectF]:
        """The rectangles (viewport coordinates) of the lines that show ``span``, each cut
        to the span's ends."""
        document = self.document()
        layout = document.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        rects = []
        block = document.findBlock(span.start)
        while block.isValid() and block.position() < span.end:
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            base = block.position()
            for number in range(text_layout.lineCount()):
                line = text_layout.lineAt(number)
                left, right = base + line.textStart(), base + line.textStart() + line.textLength()
                if right <= span.start or left >= span.end:
                    continue
                x0 = line.cursorToX(max(span.start, left) - base)[0]
                x1 = line.cursorToX(min(span.end, right) - base)[0]
                rects.append(
                    QRectF(
                        origin.x() + min(x0, x1) + dx,
                        origin.y() + line.y() + dy,
                        abs(x1 - x0),
                        line.height(),
                    )
                )
            block = block.next()
        return rects

    def vertical_extent(self, span: QtRange) -> tuple[float, float]:
        """Document y of the top of ``span``'s first line and the bottom of its last."""
        return _y_of(self.document(), span.start, top=True), _y_of(
            self.document(), max(span.start, span.end - 1), top=False
        )

    # --- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        if self.only or self.emphasised is not None:
            painter = QPainter(self.viewport())
            first, last = self.visible_range()
            tint = ONLY_TINTS[self.side]
            for span in self.only:
                if span.end > first and span.start < last:
                    for rect in self.line_rects(span):
                        painter.fillRect(rect, tint)
            if self.emphasised is not None:
                outline = QColor(self.palette().color(QPalette.ColorRole.Highlight))
                fill = QColor(outline)
                fill.setAlpha(48)
                for rect in self.line_rects(self.emphasised):
                    painter.fillRect(rect, fill)
            painter.end()
        super().paintEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802
        # A right-click on a highlight selects it, so that the menu's Carry acts on it.
        found = self.highlight_at(self.cursorForPosition(event.pos()).position())
        if found is not None:
            self.select_highlight(found)
        super().contextMenuEvent(event)

    # --- the margin -------------------------------------------------------------------------

    def gutter_width(self) -> int:
        return self.fontMetrics().horizontalAdvance(ONLY_LABELS[0]) + 2 * GUTTER_PADDING + 4

    def _fit_gutter(self) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        rect = self.contentsRect()
        self.gutter.setGeometry(QRect(rect.left(), rect.top(), self.gutter_width(), rect.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit_gutter()

    def set_text_size(self, points: float) -> None:
        super().set_text_size(points)
        self._fit_gutter()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        super().scrollContentsBy(dx, dy)
        self.gutter.update()


class PassageGutter(QWidget):
    """The margin beside a column's text: a bar and a label by each passage that is only on
    this side, a bar by the pair under the cursor."""

    def __init__(self, view: AlignedReaderView) -> None:
        super().__init__(view)
        self.setObjectName("passageGutter")
        self.view = view

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        view = self.view
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.Base))
        first, last = view.visible_range()
        top = view.verticalScrollBar().value()
        bar_x = self.width() - 4
        ink = self.palette().color(QPalette.ColorRole.Text)
        painter.setPen(ink)
        height = self.height()
        for span in view.only:
            if span.end <= first or span.start >= last:
                continue
            upper, lower = view.vertical_extent(span)
            y0, y1 = int(upper - top), int(lower - top)
            if y1 < 0 or y0 > height:
                continue
            painter.fillRect(QRect(bar_x, y0, 3, max(2, y1 - y0)), ONLY_BARS[view.side])
            label = QRect(GUTTER_PADDING, max(0, y0), bar_x - GUTTER_PADDING - 2, y1 - max(0, y0))
            right_top = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop
            painter.drawText(label, right_top, ONLY_LABELS[view.side])
        if view.emphasised is not None:
            upper, lower = view.vertical_extent(view.emphasised)
            colour = self.palette().color(QPalette.ColorRole.Highlight)
            painter.fillRect(QRect(bar_x, int(upper - top), 3, max(2, int(lower - upper))), colour)
        painter.end()


def _y_of(document: QTextDocument, position: int, top: bool) -> float:
    """Document y of the top (or bottom) of the line showing the character at ``position``."""
    block = document.findBlock(position)
    if not block.isValid():
        return document.documentLayout().documentSize().height()
    rect = document.documentLayout().blockBoundingRect(block)
    line = block.layout().lineForTextPosition(position - block.position())
    if not line.isValid():
        return rect.top() if top else rect.bottom()
    return rect.top() + line.y() + (0 if top else line.height())
