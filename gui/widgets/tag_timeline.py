"""Counts per topic and the selected topics over time, drawn with QPainter.

PySide6-Essentials ships no QtCharts, and the picture wanted here is small: a bar list of how
many filtered excerpts carry each topic, and one line per selected topic across the months.
Both draw only from data they are given (:func:`timeline_data` fetches it through store
functions, off the GUI thread), so tests can check the data and the painting separately.
Ink comes from the palette, so light and dark themes both read; the pastel highlight
colours are darkened on a light background, where they would otherwise vanish.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QWidget

from gui.background.worker import StoreWorker
from store.db import Store
from store.excerpts import ExcerptFilter, TagCount, tag_counts, tag_counts_by_month
from store.tags import get_tag

EMPTY_CHART = "Select topics to see them over time"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@dataclass(frozen=True)
class Series:
    """One selected topic's excerpts per month (``"YYYY-MM"``), ready to draw."""

    tag_id: int
    name: str
    colour: str
    points: tuple[tuple[str, int], ...]


def clip_months(
    points: list[tuple[str, int]], since: str | None, until: str | None
) -> list[tuple[str, int]]:
    """Keep the months inside the filter's date range (bounds may be "2024" or "2024-05-17").

    >>> clip_months([("2023-12", 1), ("2024-01", 2), ("2024-06", 3)], "2024", "2024-05")
    [('2024-01', 2)]
    """
    low, high = (since or "")[:7], (until or "")[:7]
    return [
        (month, n)
        for month, n in points
        if (not low or month[: len(low)] >= low) and (not high or month[: len(high)] <= high)
    ]


def ink_for(colour: str, palette: QPalette) -> QColor:
    """A topic colour that stands out on the palette's base (pastels darken on white)."""
    drawn = QColor(colour)
    if _brightness(palette.color(QPalette.ColorRole.Base)) > 128 and _brightness(drawn) > 150:
        drawn = drawn.darker(150)
    return drawn


def _brightness(colour: QColor) -> float:
    """Perceived brightness, 0–255: HSL lightness calls saturated yellow "medium"."""
    return 0.299 * colour.red() + 0.587 * colour.green() + 0.114 * colour.blue()


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2, 4, 6 or 8 × 10ⁿ at or above ``value`` (at least 1): an axis top
    whose quarters are round numbers (60: 15, 30, 45), without wasting half the height.

    >>> [nice_ceiling(n) for n in (3, 7, 55)]
    [4, 8, 60]
    """
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 4, 6, 8, 10) if step * power >= value)


class TagCountBars(QWidget):
    """Topic swatch, name, a bar and the count, most used first. Clicking a row emits
    ``tagClicked`` so the view can filter by that topic."""

    tagClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagCountBars")
        self.setAccessibleName("Excerpts per topic")
        self.counts: list[TagCount] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)

    def set_counts(self, counts: list[TagCount]) -> None:
        self.counts = list(counts)
        self.setToolTip("\n".join(f"{c.name}: {c.count:,}" for c in self.counts))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(250, 170)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        row = int(event.position().y()) // self._row_height() - 1  # row 0 is the heading
        if 0 <= row < len(self.counts):
            self.tagClicked.emit(self.counts[row].tag_id)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette, metrics = self.palette(), self.fontMetrics()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        line = self._row_height()
        width = self.width() - 8
        painter.setPen(text)
        painter.drawText(QRectF(4, 0, width, line), Qt.AlignmentFlag.AlignVCenter, "Per topic")
        painter.setPen(muted)
        if not self.counts:
            painter.drawText(
                QRectF(4, line, width, line), Qt.AlignmentFlag.AlignVCenter, "No tagged excerpts"
            )
            return
        fits = max(1, self.height() // line - 1)
        shown = self.counts if len(self.counts) <= fits else self.counts[: fits - 1]
        top = max(c.count for c in self.counts)
        number_width = metrics.horizontalAdvance(f"{top:,}") + 6
        name_width = min(max(metrics.horizontalAdvance(c.name) for c in shown) + 2, width * 0.45)
        swatch = metrics.height() - 4
        bar_left = 4 + swatch + 6 + name_width + 6
        bar_room = max(10.0, width - bar_left - number_width)
        for row, count in enumerate(shown, start=1):
            y = row * line
            colour = QColor(count.colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(4, y + (line - swatch) / 2, swatch, swatch), 2, 2)
            painter.setPen(text)
            name = metrics.elidedText(count.name, Qt.TextElideMode.ElideRight, int(name_width) + 2)
            painter.drawText(
                QRectF(4 + swatch + 6, y, name_width, line), Qt.AlignmentFlag.AlignVCenter, name
            )
            bar = QColor(ink_for(count.colour, palette))
            bar.setAlpha(170)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(bar)
            length = max(2.0, bar_room * count.count / top)
            painter.drawRoundedRect(QRectF(bar_left, y + 4, length, line - 8), 2, 2)
            painter.setPen(text)
            painter.drawText(
                QRectF(bar_left + length + 4, y, number_width, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"{count.count:,}",
            )
        if len(shown) < len(self.counts):
            painter.setPen(muted)
            rest = len(self.counts) - len(shown)
            painter.drawText(
                QRectF(4, (len(shown) + 1) * line, width, line),
                Qt.AlignmentFlag.AlignVCenter,
                f"…and {rest} more topic{'s' if rest != 1 else ''}",
            )


class TagChart(QWidget):
    """One line per selected topic over the months, with axes and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagChart")
        self.setAccessibleName("Selected topics over time")
        self.series: list[Series] = []
        self.empty_text = EMPTY_CHART
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_series(self, series: list[Series], empty_text: str = EMPTY_CHART) -> None:
        self.series = list(series)
        self.empty_text = empty_text
        self.update()

    def months(self) -> list[str]:
        return [month for month, _ in self.series[0].points] if self.series else []

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(520, 170)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        months = self.months()
        if not months:
            painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        metrics = self.fontMetrics()
        line = metrics.height()
        legend_bottom = self._draw_legend(painter, text)
        top_value = nice_ceiling(max(n for s in self.series for _, n in s.points))
        left = metrics.horizontalAdvance(f"{top_value:,}") + 10
        plot = QRectF(left, legend_bottom + line / 2, self.width() - left - 10, 0)
        plot.setBottom(self.height() - 2 * line - 6)
        if plot.height() < 20 or plot.width() < 40:
            return
        grid = QColor(text)
        grid.setAlpha(45)
        for step in range(5):  # four intervals: 0, ¼, ½, ¾, top
            value = top_value * step / 4
            y = plot.bottom() - plot.height() * step / 4
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if value == int(value):
                painter.setPen(text)
                label = QRectF(0, y - line / 2, left - 6, line)
                painter.drawText(label, Qt.AlignmentFlag.AlignRight, f"{int(value):,}")
        slot = plot.width() / len(months)

        def x_of(i: int) -> float:
            return plot.left() + slot * (i + 0.5)

        self._draw_month_axis(painter, months, plot, x_of, slot, text)
        for series in self.series:
            colour = ink_for(series.colour, palette)
            painter.setPen(QPen(colour, 2.2))
            points = [
                QPointF(x_of(i), plot.bottom() - plot.height() * n / top_value)
                for i, (_, n) in enumerate(series.points)
            ]
            painter.drawPolyline(points)
            if slot >= 6:  # dots only where the months are far enough apart to tell them
                painter.setBrush(colour)
                for point in points:
                    painter.drawEllipse(point, 2.5, 2.5)

    def _draw_legend(self, painter: QPainter, text: QColor) -> float:
        """Swatch and name of each series along the top, wrapping; returns its bottom."""
        metrics = self.fontMetrics()
        line = metrics.height()
        x, y = 8.0, 2.0
        for series in self.series:
            name = metrics.elidedText(series.name, Qt.TextElideMode.ElideRight, 180)
            width = 14 + 4 + metrics.horizontalAdvance(name) + 14
            if x + width > self.width() and x > 8:
                x, y = 8.0, y + line + 2
            painter.setPen(QPen(ink_for(series.colour, self.palette()), 3))
            painter.drawLine(QPointF(x, y + line / 2), QPointF(x + 14, y + line / 2))
            painter.setPen(text)
            painter.drawText(QRectF(x + 18, y, width, line), Qt.AlignmentFlag.AlignVCenter, name)
            x += width
        return y + line

    def _draw_month_axis(self, painter, months, plot, x_of, slot, text) -> None:
        """Month names where they fit (every n-th), and the year under each January and
        under the first month, so a reader always knows which year a point is in."""
        metrics = self.fontMetrics()
        line = metrics.height()
        painter.setPen(QPen(text, 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        label_width = metrics.horizontalAdvance("May") + 8
        every = next(n for n in (1, 2, 3, 4, 6, 12, 24, 60) if n * slot >= label_width or n == 60)
        year_width = metrics.horizontalAdvance("2024") + 8
        last_year_x = -year_width
        for i, month in enumerate(months):
            year, number = month[:4], int(month[5:7])
            x = x_of(i)
            if every < 12 and (number - 1) % every == 0:
                painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
                box = QRectF(x - label_width / 2, plot.bottom() + 3, label_width, line)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, MONTHS[number - 1])
            if (number == 1 or i == 0) and x - last_year_x >= year_width:
                row = plot.bottom() + 3 + (line if every < 12 else 0)
                box = QRectF(x - year_width / 2, row, year_width, line)
                painter.drawText(box, Qt.AlignmentFlag.AlignCenter, year)
                last_year_x = x


class TagTimeline(QWidget):
    """The bar list beside the chart, fed from the excerpts view's filter."""

    tagClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagTimeline")
        self.bars = TagCountBars(self)
        self.chart = TagChart(self)
        self.bars.tagClicked.connect(self.tagClicked)
        self._loader = StoreWorker(self, name="timeline")
        self._loader.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self._asked = self._answered = 0  # numbers of the filters asked for and shown
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.bars, 2)
        layout.addWidget(self.chart, 5)

    @property
    def pending(self) -> bool:
        """Whether the counts for the latest filter are still being queried."""
        return self._answered != self._asked

    def show_filter(self, store: Store, flt: ExcerptFilter) -> None:
        """Show the counts and chart of a filter (see :func:`timeline_data`). They are
        queried off the GUI thread (they read every excerpt the filter passes), and until they come
        the earlier ones stay; a store kept in memory (tests) is queried here."""
        self._asked += 1
        if store.path is None:
            self._show(self._asked, timeline_data(store, flt))
            return
        self._loader.forget()
        self._loader.request(self._asked, store.path, partial(timeline_data, flt=flt))

    def _arrived(self, asked: int, answer: list) -> None:
        if asked == self._asked:  # else a later filter was asked for meanwhile
            self._show(asked, answer)

    def _show(self, asked: int, answer: list) -> None:
        self._answered = asked
        # A query that failed (the store went away) shows nothing rather than waiting.
        counts, series, empty_text = answer or ([], [], EMPTY_CHART)
        self.bars.set_counts(counts)
        self.chart.set_series(series, empty_text)


def timeline_data(store: Store, flt: ExcerptFilter) -> list:
    """[the bars' counts, the chart's series, the chart's text when it has none]: counts for
    the whole filter; the chart for its topics over the months in its date range
    (``tag_counts_by_month`` counts across every source and text)."""
    counts = tag_counts(store, flt)
    if not flt.tag_ids:
        return [counts, [], EMPTY_CHART]
    # Only the ticked topics' names and colours: list_tags counts every topic's excerpts.
    tags = {t: tag for t in flt.tag_ids if (tag := get_tag(store, t)) is not None}
    by_month = tag_counts_by_month(store, flt.tag_ids, flt.include_child_tags)
    series = [
        Series(tag_id, tags[tag_id].name, tags[tag_id].colour, tuple(points))
        for tag_id, points in by_month.items()
        if tag_id in tags
    ]
    series = [
        Series(s.tag_id, s.name, s.colour, tuple(clip_months(list(s.points), flt.since, flt.until)))
        for s in series
    ]
    dated = [s for s in series if s.points]
    return [counts, dated, "No dated excerpts for these topics in this period"]
