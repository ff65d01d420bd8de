"""A phrase trend as lines over the periods, drawn with QPainter on the screen, a PNG or an SVG.

PySide6-Essentials ships no QtCharts; the picture wanted is the Excerpts timeline's (its
axis top, grid and pastel-safe ink come from ``gui.widgets.tag_timeline``): one line per
phrase and key over the periods, with the periods as labelled slots (months, quarters or
years alike). :func:`paint_trend` draws on any painter, so the view, ``QImage`` (PNG) and
``QSvgGenerator`` (SVG, in PySide6-Essentials' QtSvg) get the same picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QWidget

from gui.widgets.tag_timeline import ink_for, nice_ceiling
from store.trends import Trend, periods_between

Measure = Literal["occurrences", "releases", "share"]
MEASURES: dict[Measure, str] = {
    "occurrences": "Occurrences",
    "releases": "Releases holding it",
    "share": "Share of the releases",
}
# Distinct hues that stay apart on light and dark backgrounds (ink_for darkens pastels).
COLOURS = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
)  # fmt: skip
MAX_LINES = len(COLOURS)  # more lines than colours cannot be told apart: the table has them all
EMPTY_TEXT = "Type phrases (Kyiv, Kiev) and press Enter to see them over time"


@dataclass(frozen=True)
class Line:
    """One phrase's use by one key: a value for each period it has one in."""

    label: str
    colour: str
    values: dict[str, float]


def chart_lines(trend: Trend, measure: Measure) -> tuple[list[str], list[Line], int]:
    """(every period from the first to the last, silent ones too, in order; the lines of
    the most used phrase–key pairs; how many lines are left out).

    A share exists only where the key issued releases; a count is 0 in any other period.
    """
    used = sorted({p.period for p in trend.series})
    periods = periods_between(used[0], used[-1]) if used else []
    pairs: dict[tuple[str, str | None], dict[str, float]] = {}
    totals: dict[tuple[str, str | None], int] = {}
    for p in trend.series:
        pair = (p.phrase, p.key)
        pairs.setdefault(pair, {})[p.period] = (
            p.share if measure == "share" else getattr(p, measure)
        )
        totals[pair] = totals.get(pair, 0) + p.releases
    most_used = set(sorted(pairs, key=lambda pair: -totals[pair])[:MAX_LINES])
    shown = [pair for pair in pairs if pair in most_used]  # in the trend's order
    lines = []
    for number, (phrase, key) in enumerate(shown):
        values = pairs[(phrase, key)]
        if measure != "share":
            values = {period: values.get(period, 0) for period in periods}
        label = f"“{phrase}”" + (f" — {key}" if key else "")
        lines.append(Line(label, COLOURS[number], values))
    return periods, lines, len(pairs) - len(shown)


class TrendChart(QWidget):
    """The chart of the trend shown, in the chosen measure."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.setAccessibleName("Phrases over time")
        self.periods: list[str] = []
        self.lines: list[Line] = []
        self.left_out = 0
        self.measure: Measure = "occurrences"
        self.empty_text = EMPTY_TEXT
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def show_trend(self, trend: Trend | None, measure: Measure, empty_text: str = "") -> None:
        self.measure = measure
        if trend is None or not trend.series:
            self.periods, self.lines, self.left_out = [], [], 0
            self.empty_text = empty_text or EMPTY_TEXT
        else:
            self.periods, self.lines, self.left_out = chart_lines(trend, measure)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(640, 300)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        paint_trend(painter, QRectF(self.rect()), self.palette(), self)
        painter.end()

    def save_picture(self, path: Path, width: int = 1200, height: int = 600) -> None:
        """Save the chart as PNG or SVG (by the extension), drawn at that size on white."""
        size = QSize(width, height)
        palette = QPalette(self.palette())
        for role, colour in ((QPalette.ColorRole.Base, "#ffffff"),
                             (QPalette.ColorRole.Window, "#ffffff"),
                             (QPalette.ColorRole.WindowText, "#202020"),
                             (QPalette.ColorRole.Text, "#202020")):  # fmt: skip
            palette.setColor(role, QColor(colour))
        if path.suffix.lower() == ".svg":
            device = QSvgGenerator()
            device.setFileName(str(path))
            device.setSize(size)
            device.setViewBox(QRectF(0, 0, size.width(), size.height()))
            device.setTitle("Phrases over time")
        else:
            device = QImage(size, QImage.Format.Format_ARGB32)
            device.fill(QColor("#ffffff"))
        painter = QPainter(device)
        painter.setFont(self.font())
        paint_trend(painter, QRectF(0, 0, size.width(), size.height()), palette, self)
        painter.end()
        if isinstance(device, QImage) and not device.save(str(path), "PNG"):
            raise OSError(f"Cannot write {path}.")


def paint_trend(painter: QPainter, area: QRectF, palette: QPalette, chart: TrendChart) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    text = palette.color(QPalette.ColorRole.WindowText)
    metrics = painter.fontMetrics()
    line = metrics.height()
    if not chart.periods:
        painter.setPen(palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                         chart.empty_text)  # fmt: skip
        return
    legend_bottom = _draw_legend(painter, area, palette, chart)
    share = chart.measure == "share"
    top = max((v for ln in chart.lines for v in ln.values.values()), default=0)
    # At least 4 (or 4%), so that the grid's quarters are whole numbers; a share's axis
    # ends near its largest value, or shares of a few percent would lie flat on the floor.
    if share:
        top_value = min(1.0, max(4, nice_ceiling(math.ceil(top * 100))) / 100)
    else:
        top_value = float(max(4, nice_ceiling(math.ceil(top))))
    labels = [_value_label(top_value * step / 4, share) for step in range(5)]
    left = area.left() + max(metrics.horizontalAdvance(label) for label in labels) + 10
    plot = QRectF(left, legend_bottom + line, area.right() - left - 12, 0)
    plot.setBottom(area.bottom() - 2 * line - 4)
    if plot.height() < 20 or plot.width() < 40:
        return
    grid = QColor(text)
    grid.setAlpha(45)
    for step, label in enumerate(labels):
        y = plot.bottom() - plot.height() * step / 4
        painter.setPen(QPen(grid, 1))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(text)
        painter.drawText(QRectF(area.left(), y - line / 2, left - area.left() - 6, line),
                         Qt.AlignmentFlag.AlignRight, label)  # fmt: skip
    slot = plot.width() / len(chart.periods)
    x_of = {period: plot.left() + slot * (i + 0.5) for i, period in enumerate(chart.periods)}
    _draw_period_axis(painter, chart.periods, plot, x_of, slot, text)
    for series in chart.lines:
        colour = ink_for(series.colour, palette)
        painter.setPen(QPen(colour, 2.2))
        painter.setBrush(colour)
        run: list[QPointF] = []
        for period in [*chart.periods, None]:  # None ends the last run
            value = series.values.get(period) if period else None
            if value is None:
                if len(run) > 1:
                    painter.drawPolyline(run)
                if slot >= 6:
                    for point in run:
                        painter.drawEllipse(point, 2.5, 2.5)
                run = []
                continue
            run.append(QPointF(x_of[period], plot.bottom() - plot.height() * value / top_value))


def _value_label(value: float, share: bool) -> str:
    whole = round(value * 100 if share else value, 6).is_integer()
    if share:
        return f"{value:.0%}" if whole else f"{value:.1%}"
    return f"{value:,.0f}" if whole else f"{value:,.1f}"


def _draw_legend(painter: QPainter, area: QRectF, palette: QPalette, chart: TrendChart) -> float:
    """Swatch and label of each line along the top, wrapping; returns its bottom."""
    metrics = painter.fontMetrics()
    line = metrics.height()
    x, y = area.left() + 8, area.top() + 2
    title = MEASURES[chart.measure]
    bold = QFont(painter.font())
    bold.setBold(True)
    painter.save()
    painter.setFont(bold)
    painter.setPen(palette.color(QPalette.ColorRole.WindowText))
    painter.drawText(QRectF(x, y, area.width() - 16, line), Qt.AlignmentFlag.AlignLeft, title)
    painter.restore()
    y += line + 2
    labels = [(ln.label, ln.colour) for ln in chart.lines]
    if chart.left_out:
        labels.append((f"…and {chart.left_out} more in the table", ""))
    for label, colour in labels:
        label = metrics.elidedText(label, Qt.TextElideMode.ElideRight, 320)
        width = 18 + metrics.horizontalAdvance(label) + 16
        if x + width > area.right() and x > area.left() + 8:
            x, y = area.left() + 8, y + line + 2
        if colour:
            painter.setPen(QPen(ink_for(colour, palette), 3))
            painter.drawLine(QPointF(x, y + line / 2), QPointF(x + 14, y + line / 2))
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.drawText(QRectF(x + 18, y, width, line), Qt.AlignmentFlag.AlignVCenter, label)
        x += width
    return y + line


def _draw_period_axis(painter, periods, plot, x_of, slot, text) -> None:
    """Every n-th period's label, n the fewest that keeps labels from overlapping."""
    metrics = painter.fontMetrics()
    painter.setPen(QPen(text, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    label_width = max(metrics.horizontalAdvance(p) for p in periods) + 10
    every = max(1, -(-int(label_width) // max(1, int(slot))))
    for i, period in enumerate(periods):
        if i % every:
            continue
        x = x_of[period]
        painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 3))
        box = QRectF(x - label_width / 2, plot.bottom() + 4, label_width, metrics.height())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, period)
