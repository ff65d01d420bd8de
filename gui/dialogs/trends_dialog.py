"""The Trends dialog (Ctrl+Shift+T): phrases over time, by issuer, speaker or language.

Phrases are typed separated by commas ("Kyiv, Kiev"): punctuation between words never
counts in a phrase, so a comma can only end one. The release filters are the release list's
(``ReleaseFilters``, its search box aside). The trend is computed on a worker thread (it
reads every release holding a phrase); the chart shows occurrences, releases or the share,
the table each issuer's first and last use. The chart saves as PNG or SVG, the numbers as
CSV or XLSX.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.background.worker import StoreWorker
from gui.operations.runner import Operations
from gui.widgets.release_filters import ReleaseFilters
from gui.widgets.stem_words_box import StemWordsBox
from gui.widgets.trend_chart import MEASURES, TrendChart
from store.db import Store, StoreError
from store.export.base import ExportError
from store.export.trend_table import write_trend_table
from store.phrases import PhraseError
from store.releases import ReleaseFilter
from store.trends import (
    BY_CHOICES,
    PER_CHOICES,
    Trend,
    TrendCancelled,
    parse_phrases,
    phrase_trend,
)

FIRST_USE_COLUMNS = ("Phrase", "Issuer", "First used", "Last used", "Releases")


def phrases_typed(text: str) -> list[str]:
    """The phrases of the box, split at commas.

    >>> phrases_typed("Kyiv, Kiev ,, two-state solution")
    ['Kyiv', 'Kiev', 'two-state solution']
    """
    return [part.strip() for part in text.split(",") if part.strip()]


def choose_save_path(parent: QWidget, title: str, filters: str) -> Path | None:
    """The file the analyst chooses to save to (None: cancelled)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, "", filters)
    return Path(name) if name else None


class TrendsDialog(QDialog):
    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setObjectName("trendsDialog")
        self.setWindowTitle("Trends")
        self.resize(980, 720)
        self.trend: Trend | None = None
        self._asked = self._answered = 0
        self._worker = StoreWorker(self, name="trends")
        self._worker.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

        self.phrase_box = QLineEdit(self)
        self.phrase_box.setObjectName("trendPhrases")
        self.phrase_box.setAccessibleName("Phrases to follow")
        self.phrase_box.setPlaceholderText("Phrases, separated by commas: Kyiv, Kiev")
        self.phrase_box.returnPressed.connect(self.compute)
        self.stem_box = StemWordsBox("trendStem", self)
        self.stem_box.toggled.connect(lambda _on: self.compute())
        self.by_box = self._choices("trendBy", "By", BY_CHOICES)
        self.per_box = self._choices("trendPer", "Per", PER_CHOICES)
        self.measure_box = QComboBox(self)
        self.measure_box.setObjectName("trendMeasure")
        self.measure_box.setAccessibleName("Show")
        for measure, words in MEASURES.items():
            self.measure_box.addItem(words, measure)
        self.measure_box.currentIndexChanged.connect(self._redraw)
        self.filters = ReleaseFilters(operations, self)
        self.filters.search_box.hide()  # the phrases are the search here
        self.filters.filterChanged.connect(lambda _flt: self.compute())

        self.message = QLabel(self)
        self.message.setObjectName("trendMessage")
        self.message.setWordWrap(True)
        self.chart = TrendChart(self)
        self.first_uses = QTableWidget(0, len(FIRST_USE_COLUMNS), self)
        self.first_uses.setObjectName("trendFirstUses")
        self.first_uses.setAccessibleName("First and last use per issuer")
        self.first_uses.setHorizontalHeaderLabels(FIRST_USE_COLUMNS)
        self.first_uses.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.first_uses.verticalHeader().hide()
        header = self.first_uses.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.save_chart_button = QPushButton("Save chart…", self)
        self.save_chart_button.setObjectName("saveTrendChart")
        self.save_chart_button.clicked.connect(self.save_chart)
        self.save_numbers_button = QPushButton("Save numbers…", self)
        self.save_numbers_button.setObjectName("saveTrendNumbers")
        self.save_numbers_button.clicked.connect(self.save_numbers)

        row = QHBoxLayout()
        row.addWidget(self.phrase_box, 4)
        row.addWidget(self.stem_box)
        for words, box in (("By", self.by_box), ("per", self.per_box), ("show", self.measure_box)):
            row.addWidget(QLabel(words, self))
            row.addWidget(box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_chart_button)
        buttons.addWidget(self.save_numbers_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.chart)
        split.addWidget(self.first_uses)
        split.setSizes([420, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.filters)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self._show(None, "")

    def _choices(self, name: str, words: str, values: tuple[str, ...]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(words)
        for value in values:
            box.addItem(value, value)
        box.currentIndexChanged.connect(lambda _i: self.compute())
        return box

    @property
    def pending(self) -> bool:
        """Whether the trend last asked for is still being computed."""
        return self._answered != self._asked

    def compute(self) -> None:
        """The trend of the phrases typed, by the choices and filters shown, off the window's
        thread; a phrase that cannot be looked for is said at once."""
        texts = phrases_typed(self.phrase_box.text())
        if not texts:
            self._show(None, "")
            return
        try:
            parse_phrases(texts, self.stem_box.isChecked())
        except PhraseError as error:
            self._show(None, str(error))
            return
        within = dataclasses.replace(self.filters.current_filter(), query="", as_you_type=False)
        self._asked += 1
        asked = self._asked
        job = partial(
            _trend_or_refusal,
            phrases=texts,
            by=self.by_box.currentData(),
            per=self.per_box.currentData(),
            within=within,
            stem=self.stem_box.isChecked(),
            # A trend still being counted when another is asked for stops (read across
            # threads: an int attribute, replaced whole).
            should_cancel=lambda: asked != self._asked,
        )
        self.message.setText("Counting…")
        if self.ops.store.path is None:  # a store in memory (tests) is counted here
            self._arrived(self._asked, job(self.ops.store))
            return
        self._worker.forget()
        self._worker.request(self._asked, self.ops.store.path, job, failed=str)

    def _arrived(self, asked: int, answer: Trend | str) -> None:
        if asked != self._asked:
            return  # a later trend was asked for meanwhile
        self._answered = asked
        if isinstance(answer, Trend):
            self._show(answer, _summary(answer))
        else:
            self._show(None, answer)

    def _show(self, trend: Trend | None, message: str) -> None:
        self.trend = trend
        self.message.setText(message)
        self._redraw()
        uses = trend.first_uses if trend else []
        self.first_uses.setRowCount(len(uses))
        for row, use in enumerate(uses):
            values = (f"“{use.phrase}”", use.issuer, use.first_date, use.last_date, use.releases)
            for column, value in enumerate(values):
                item = QTableWidgetItem(f"{value:,}" if isinstance(value, int) else value)
                self.first_uses.setItem(row, column, item)
        for button in (self.save_chart_button, self.save_numbers_button):
            button.setEnabled(bool(trend and trend.series))

    def _redraw(self) -> None:
        self.chart.show_trend(self.trend, self.measure_box.currentData(), self.message.text())

    def save_chart(self) -> None:
        path = choose_save_path(self, "Save the chart", "PNG picture (*.png);;SVG drawing (*.svg)")
        if path is None:
            return
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_suffix(".png")
        try:
            self.chart.save_picture(path)
        except OSError as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Saved the chart as {path}.")

    def save_numbers(self) -> None:
        if self.trend is None:
            return
        path = choose_save_path(self, "Save the numbers", "CSV (*.csv);;Excel workbook (*.xlsx)")
        if path is None:
            return
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".csv")
        try:
            write_trend_table(self.ops.store, self.trend, path)
        except (ExportError, OSError) as error:
            self.message.setText(str(error))
            return
        self.message.setText(f"Saved the numbers as {path}.")


def _trend_or_refusal(
    store: Store,
    phrases: list[str],
    by: str,
    per: str,
    within: ReleaseFilter,
    stem: bool,
    should_cancel: Callable[[], bool],
) -> Trend | str:
    """The trend, or the one sentence that says why there is none (run on the worker)."""
    try:
        return phrase_trend(
            store, phrases, by=by, per=per, within=within, should_cancel=should_cancel, stem=stem
        )  # type: ignore[arg-type]
    except (PhraseError, StoreError) as error:
        return str(error)
    except TrendCancelled:
        return "A later trend was asked for."  # never shown: that one's answer is awaited


def _summary(trend: Trend) -> str:
    """What the message line says of a trend: nothing found, and the undated left out."""
    said = [f"No dated release holds “{p}”." for p, _ in trend.undated.items()
            if not any(point.phrase == p and point.releases for point in trend.series)]  # fmt: skip
    said += [
        f"{count:,} undated release{'s' if count != 1 else ''} holding “{p}” left out."
        for p, count in trend.undated.items()
        if count
    ]
    return " ".join(said)
