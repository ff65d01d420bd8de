"""The two columns scroll together, their aligned passages kept level.

Scrolling one column (wheel, bar, keys) moves the other so that the counterpart of the
passage at the reading line (a third of the way down) stands at the same height on the
screen: inside a
pair, the same share of the way through each side's passage; between pairs (a passage only
on one side), the share of the way from one pair to the next. The other side is asked for
the places of a few passages only, near the reading line, so that a long text is laid out
no further than the analyst has read.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QObject, QPoint, QPointF, Qt

from gui.text.aligned_passages import A, AlignedPassages, B, ShownPair
from gui.widgets.aligned_reader_view import AlignedReaderView

READING_LINE = 1 / 3  # of the viewport's height: where the eye reads, and level is kept


class LevelScrolling(QObject):
    """Keeps ``columns`` level along ``passages.level`` (see :meth:`set_passages`)."""

    def __init__(
        self, columns: tuple[AlignedReaderView, AlignedReaderView], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.columns = columns
        self._level: list[ShownPair] = []
        self._starts: tuple[list[int], list[int]] = ([], [])
        self._following = False  # while one column is moved to follow the other
        for side, column in enumerate(columns):
            column.verticalScrollBar().valueChanged.connect(lambda _value, s=side: self.follow(s))

    def set_passages(self, passages: AlignedPassages | None) -> None:
        self._level = passages.level if passages is not None else []
        self._starts = tuple([p.spans[s].start for p in self._level] for s in (A, B))

    def follow(self, leader: int) -> None:
        """Move the other column so that it is level with column ``leader``."""
        if self._following or not self._level:
            return
        bar = self.columns[B - leader].verticalScrollBar()
        mine = self.columns[leader].verticalScrollBar()
        # At either end of one text, the other is at its end too: both titles' first lines,
        # or both last lines, are read together.
        if mine.value() == mine.minimum():
            target = bar.minimum()
        elif mine.value() == mine.maximum():
            target = bar.maximum()
        else:
            target = self.level_with(leader)
        if target is None:
            return
        self._following = True
        try:
            bar.setValue(round(target))
        finally:
            self._following = False

    def level_with(self, leader: int) -> float | None:
        """The scroll value of the other column that makes it level with ``leader``."""
        view, other = self.columns[leader], self.columns[B - leader]
        line = view.viewport().height() * READING_LINE
        reading_y = view.verticalScrollBar().value() + line
        position = (
            view.document()
            .documentLayout()
            .hitTest(QPointF(0, reading_y), Qt.HitTestAccuracy.FuzzyHit)
        )
        if position < 0:
            return None
        index = bisect_right(self._starts[leader], position) - 1
        pair = self._level[index] if index >= 0 else None
        if pair is not None and position < pair.spans[leader].end:
            mine = view.vertical_extent(pair.spans[leader])
            theirs = other.vertical_extent(pair.spans[B - leader])
        else:
            # Between two level pairs: from the end of one to the start of the next.
            after = self._level[index + 1] if index + 1 < len(self._level) else None
            mine = (
                view.vertical_extent(pair.spans[leader])[1] if pair else 0.0,
                view.vertical_extent(after.spans[leader])[0] if after else _height(view),
            )
            theirs = (
                other.vertical_extent(pair.spans[B - leader])[1] if pair else 0.0,
                other.vertical_extent(after.spans[B - leader])[0] if after else _height(other),
            )
        share = (reading_y - mine[0]) / (mine[1] - mine[0]) if mine[1] > mine[0] else 0.0
        share = min(1.0, max(0.0, share))
        their_y = theirs[0] + share * (theirs[1] - theirs[0])
        # Level on the screen: the title blocks above the two texts may differ in height.
        window = view.window()
        lower_by = (
            other.viewport().mapTo(window, QPoint(0, 0)).y()
            - view.viewport().mapTo(window, QPoint(0, 0)).y()
        )
        return their_y - (line - lower_by)


def _height(view: AlignedReaderView) -> float:
    return view.document().documentLayout().documentSize().height()
