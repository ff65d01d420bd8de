"""The per-topic bars and the chart over time: the data they draw, and that they draw it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from test_excerpts_view import build_excerpt_store, tick

from gui.operations.runner import Operations
from gui.widgets import tag_timeline
from gui.widgets.excerpts_view import ExcerptsView
from gui.widgets.tag_timeline import (
    EMPTY_CHART,
    Series,
    TagChart,
    TagTimeline,
    clip_months,
    ink_for,
    nice_ceiling,
)
from store.db import Store
from store.excerpts import ExcerptFilter
from tests.gui.stale_answers import Delivered, HeldQuery


@pytest.fixture
def sample(db_path: Path):
    return build_excerpt_store(db_path)


class _Settling:
    """The view, whose counts and chart follow a filter change one event-loop turn later:
    ``view.timeline`` waits for them."""

    def __init__(self, qtbot, view: ExcerptsView) -> None:
        self._qtbot, self._view = qtbot, view

    @property
    def timeline(self):
        self._qtbot.waitUntil(lambda: not self._view.timeline_pending, timeout=2000)
        return self._view.timeline

    def __getattr__(self, name: str):
        return getattr(self._view, name)


@pytest.fixture
def view(qtbot, db_path: Path, sample):
    with Store(db_path) as store:
        shown = ExcerptsView(Operations(store))
        qtbot.addWidget(shown)
        shown.resize(1100, 700)
        shown.show()
        yield _Settling(qtbot, shown)
        shown.close()


def paints(widget) -> QImage:
    image = widget.grab().toImage()
    assert not image.isNull()
    return image


def test_bars_count_each_topic_for_the_filter(view, sample) -> None:
    counts = {c.name: c.count for c in view.timeline.bars.counts}
    assert counts == {"Ukraine": 3, "Économie": 2, "Security": 2, "NATO": 1}
    view.source_box.setCurrentIndex(view.source_box.findData("Farnesina"))
    counts = {c.name: c.count for c in view.timeline.bars.counts}
    assert counts == {"Ukraine": 2, "NATO": 1, "Économie": 1}
    paints(view.timeline.bars)


def test_chart_is_empty_until_topics_are_ticked(view) -> None:
    assert view.timeline.chart.series == [] and view.timeline.chart.empty_text == EMPTY_CHART
    paints(view.timeline.chart)


def test_months_run_from_first_to_last_with_zeros(view, sample) -> None:
    tick(view, "Ukraine")
    [series] = view.timeline.chart.series
    assert series.name == "Ukraine" and series.colour == "#f5c518"
    assert series.points == (("2022-11", 1), ("2022-12", 0), ("2023-01", 0), ("2023-02", 2))


def test_two_topics_share_one_axis_and_children_count_for_the_parent(view) -> None:
    tick(view, "Security", "Économie")
    chart = view.timeline.chart
    months = chart.months()
    assert months[0] == "2021-06" and months[-1] == "2023-02" and len(months) == 21
    by_name = {s.name: dict(s.points) for s in chart.series}
    assert [s.points[0][0] for s in chart.series] == ["2021-06", "2021-06"]
    # Security with its sub-topics: maritime (2021-06), NATO and support (2022-11),
    # the flag, the two paragraphs (2023-02-24) and the deep one (2023-02-10).
    assert by_name["Security"]["2021-06"] == 1
    assert by_name["Security"]["2022-11"] == 2
    assert by_name["Security"]["2023-02"] == 3
    assert by_name["Économie"]["2023-02"] == 1 and by_name["Économie"]["2022-11"] == 1
    image = paints(chart)
    assert image.width() > 100


def test_the_date_range_clips_the_months(view) -> None:
    tick(view, "Security")
    view.since_edit.setDate(QDate(2022, 1, 1))
    [series] = view.timeline.chart.series
    # The chart starts at the bound the analyst set, zeros included, and ends at the data.
    assert series.points[0] == ("2022-01", 0) and series.points[-1] == ("2023-02", 3)
    assert dict(series.points)["2022-11"] == 2 and "2021-06" not in dict(series.points)


def test_clip_and_axis_helpers() -> None:
    points = [("2023-12", 1), ("2024-01", 2), ("2024-06", 3)]
    assert clip_months(points, "2024", None) == [("2024-01", 2), ("2024-06", 3)]
    assert clip_months(points, None, "2024-05-31") == [("2023-12", 1), ("2024-01", 2)]
    assert [nice_ceiling(n) for n in (0, 1, 3, 7, 12, 51, 100)] == [1, 1, 4, 8, 20, 60, 100]


def test_lines_are_drawn_in_the_topics_colours(qtbot) -> None:
    chart = TagChart()
    qtbot.addWidget(chart)
    chart.resize(500, 220)
    points = tuple((f"2024-{m:02d}", m % 3) for m in range(1, 13))
    chart.set_series([Series(1, "Trade", "#ff0000", points)])
    image = paints(chart)
    drawn = ink_for("#ff0000", chart.palette()).rgb()
    found = any(
        image.pixelColor(x, y).rgb() == drawn
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    assert found


def test_a_dark_palette_keeps_topic_colours_and_light_text(qtbot) -> None:
    from PySide6.QtGui import QPalette

    dark = QPalette()
    dark.setColor(QPalette.ColorRole.Base, QColor("#1f1f1f"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    assert ink_for("#f5c518", dark) == QColor("#f5c518")  # pastel stays bright on dark
    light = QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    assert ink_for("#f5c518", light).lightness() < QColor("#f5c518").lightness()
    assert ink_for("#336699", light) == QColor("#336699")  # dark enough already


def test_clicking_a_bar_ticks_its_topic(qtbot, view, sample) -> None:
    bars = view.timeline.bars
    first = bars.counts[0]
    row_y = int(bars.fontMetrics().height() + 6) * 1 + 5
    qtbot.mouseClick(bars, Qt.MouseButton.LeftButton, pos=QPoint(20, row_y))
    assert view.topics.checked_ids() == [first.tag_id]
    assert view.current_filter().tag_ids == (first.tag_id,)


def test_timeline_data_without_a_view(qtbot, store, sample) -> None:
    timeline = TagTimeline()
    timeline.show_filter(store, ExcerptFilter(tag_ids=(sample["tags"]["NATO"],)))
    assert timeline.pending  # queried off the GUI thread
    qtbot.waitUntil(lambda: not timeline.pending)
    [series] = timeline.chart.series
    assert series.points == (("2022-11", 1),)
    assert [c.name for c in timeline.bars.counts] == ["NATO"]
    timeline.deleteLater()


def test_only_the_latest_filter_is_shown_and_the_earlier_counts_stay_meanwhile(
    qtbot, store, sample, monkeypatch
) -> None:
    timeline = TagTimeline()
    timeline.show_filter(store, ExcerptFilter())
    qtbot.waitUntil(lambda: not timeline.pending)
    every = [c.name for c in timeline.bars.counts]
    assert len(every) > 1
    nato = sample["tags"]["NATO"]
    # The Ukraine counts are being queried when the analyst picks NATO instead.
    held = HeldQuery(tag_timeline.timeline_data)
    monkeypatch.setattr(tag_timeline, "timeline_data", held)
    delivered = Delivered(timeline._loader.done)
    timeline.show_filter(store, ExcerptFilter(tag_ids=(sample["tags"]["Ukraine"],)))
    assert held.wait_for_call(1)
    timeline.show_filter(store, ExcerptFilter(tag_ids=(nato,)))
    held.let_one()  # the Ukraine counts come back, stale
    qtbot.waitUntil(lambda: len(delivered.keys) == 1)
    assert timeline.pending
    assert [c.name for c in timeline.bars.counts] == every  # until the latest answer comes
    assert held.wait_for_call(2)
    held.let_one()
    qtbot.waitUntil(lambda: len(delivered.keys) == 2)
    assert not timeline.pending
    assert [c.name for c in timeline.bars.counts] == ["NATO"]
    assert [s.tag_id for s in timeline.chart.series] == [nato]
    timeline.deleteLater()
