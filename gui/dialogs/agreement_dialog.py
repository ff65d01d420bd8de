"""The Agreement dialog (View ▸ Agreement…, Ctrl+Shift+G): how far two coders agree, per
topic, per release and overall (store.agreement), and where their passages of a topic meet.

Coder A and coder B are chosen (or every pair of the store's coders), and optionally one
topic. The figures are computed on a worker thread, off the window's thread, each time a
choice changes; the tables are models handed their rows whole. "Figures" shows percent
agreement, Cohen's kappa and Krippendorff's alpha with the four cells of each topic's
table, then one row per release compared; double-clicking a topic shows its passages under
"Overlap" (gui.widgets.overlap_view), double-clicking a release reads it. "Save report…"
writes CSV, XLSX or DOCX (store.export.agreement_report), also off the window's thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from itertools import combinations
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.background.job import BackgroundJob
from gui.models.text_rows_model import RowRole, TextRowsModel
from gui.operations.runner import Operations
from gui.widgets.overlap_view import OverlapView
from store.agreement import AgreementReport, Figures, agreement, coders_with_highlights
from store.coder_names import NO_CODER
from store.db import Store, StoreError
from store.export.agreement_report import release_names, write_agreement_report
from store.overlaps import Overlap, overlap
from store.topic_paths import topic_paths

FIGURE_HEADINGS = ("Units", "Both", "Only A", "Only B", "Neither", "Agree %", "Kappa", "Alpha")
RELEASE_HEADINGS = ("Release", "Date", "Units", "Agree %", "Kappa", "Alpha")
NUMBERS = (*FIGURE_HEADINGS, "Units")
REPORT_FILTERS = "Excel workbook (*.xlsx);;CSV (*.csv);;Word report (*.docx)"


class Reading(BackgroundJob):
    """One piece of the dialog's work (the coders, the figures, the passages, a report) on
    a worker of its own, as every long job of the window runs (gui.background.job)."""

    def __init__(self, store_path: Path, job: Callable[[Store], object], parent) -> None:
        super().__init__(store_path, parent)
        self._job = job

    def work(self, store: Store) -> object:
        return self._job(store)

    def failed(self, error: Exception) -> object:
        return _refusal(error)


def choose_report_path(parent: QWidget) -> Path | None:
    """The file the analyst saves the report to (None: cancelled); .xlsx unless named."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save the agreement report", "", REPORT_FILTERS)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in (".csv", ".xlsx", ".docx") else path.with_suffix(".xlsx")


class AgreementDialog(QDialog):
    openPassage = Signal(int, int, int)  # release id, start, end (code points)

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self.setObjectName("agreementDialog")
        self.setWindowTitle("Agreement between coders")
        self.resize(1100, 760)
        self.reports: list[AgreementReport] = []
        self._asked = self._answered = 0
        self._overlap_asked = self._overlap_answered = 0
        self._choices_asked = self._choices_answered = 0
        self._saving = False
        self._running: dict[str, Reading] = {}  # by kind, kept alive until it has finished
        self._waiting: dict[str, tuple[object, Callable[[Store], object]]] = {}

        self.coder_a = self._choices("agreementCoderA", "Coder A")
        self.coder_b = self._choices("agreementCoderB", "Coder B")
        self.every_pair = QCheckBox("Every pair", self)
        self.every_pair.setObjectName("agreementEveryPair")
        self.every_pair.toggled.connect(self._pair_mode)
        self.topic = self._choices("agreementTopic", "Topic")
        self.save_button = QPushButton("Save report…", self)
        self.save_button.setObjectName("saveAgreementReport")
        self.save_button.clicked.connect(self.save_report)
        self.summary = QLabel(self)
        self.summary.setObjectName("agreementSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.topic_model = TextRowsModel(("Topic", *FIGURE_HEADINGS), NUMBERS, self)
        self.topic_table = _table(self, self.topic_model, "agreementTopics", "Figures per topic")
        self.topic_table.doubleClicked.connect(self._show_topic_overlap)
        self.release_model = TextRowsModel(RELEASE_HEADINGS, NUMBERS, self)
        self.release_table = _table(
            self, self.release_model, "agreementReleases", "Figures per release"
        )
        self.release_table.doubleClicked.connect(self._read_release)
        self.overlap_view = OverlapView(operations, self)
        self.overlap_view.openPassage.connect(self.openPassage)

        choices = QHBoxLayout()
        for words, box in (("Coder A", self.coder_a), ("Coder B", self.coder_b)):
            choices.addWidget(QLabel(words, self))
            choices.addWidget(box, 1)
        choices.addWidget(self.every_pair)
        choices.addWidget(QLabel("Topic", self))
        choices.addWidget(self.topic, 2)
        choices.addWidget(self.save_button)
        figures = QSplitter(Qt.Orientation.Vertical, self)
        figures.addWidget(self.topic_table)
        figures.addWidget(self.release_table)
        figures.setSizes([320, 260])
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("agreementTabs")
        self.tabs.addTab(figures, "&Figures")
        self.tabs.addTab(self.overlap_view, "&Overlap")
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        operations.storeChanged.connect(lambda _store: self.refresh() if self.isVisible() else None)

    def _choices(self, name: str, words: str) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setAccessibleName(words)
        box.currentIndexChanged.connect(lambda _index: self.compute())
        return box

    @property
    def pending(self) -> bool:
        """Whether figures, passages or a report asked for are still being worked out."""
        return (
            self._choices_answered != self._choices_asked
            or self._answered != self._asked
            or self._overlap_answered != self._overlap_asked
            or self._saving
        )

    def refresh(self) -> None:
        """Read the store's coders and topics again, off the window's thread (finding the
        coders reads every highlight), then the figures."""
        self._choices_asked += 1
        self._run(("choices", self._choices_asked), _coders_and_topics)

    def _show_choices(self, asked: int, answer: tuple[list[str], list[tuple[int, str]]] | str):
        """The coders and topics read, kept as chosen where they still exist."""
        if asked != self._choices_asked:
            return
        self._choices_answered = asked
        coders, topics = answer if not isinstance(answer, str) else ([], [])
        chosen = (self.coder_a.currentData(), self.coder_b.currentData(), self.topic.currentData())
        boxes = (self.coder_a, self.coder_b, self.topic)
        for box in boxes:
            box.blockSignals(True)
            box.clear()
        for coder in coders:
            for box in (self.coder_a, self.coder_b):
                box.addItem(coder or NO_CODER, coder)
        self.topic.addItem("All topics", None)
        for tag_id, path in topics:
            self.topic.addItem(path, tag_id)
        for box, value, fallback in zip(boxes, chosen, (0, 1, 0), strict=True):
            found = box.findData(value) if value is not None else -1
            box.setCurrentIndex(found if found >= 0 else min(fallback, box.count() - 1))
            box.blockSignals(False)
        self.overlap_view.suggest_curator(self.ops.store.coder)
        self.compute()

    def pairs(self) -> list[tuple[str, str]]:
        """The pairs of coders chosen: A and B, or every pair of the store's coders."""
        if self.every_pair.isChecked():
            coders = [self.coder_a.itemData(i) for i in range(self.coder_a.count())]
            return list(combinations(coders, 2))
        a, b = self.coder_a.currentData(), self.coder_b.currentData()
        return [(a, b)] if a is not None and b is not None and a != b else []

    def compute(self) -> None:
        """The figures of the pairs and topic chosen, and the chosen topic's passages, off
        the window's thread."""
        self._asked += 1
        self._overlap_asked += 1
        pairs, tag_id = self.pairs(), self.topic.currentData()
        if not pairs:
            few = self.coder_a.count() < 2
            self._show_figures(
                self._asked,
                "Agreement needs two coders; this store holds the highlights of "
                f"{self.coder_a.count()} (File ▸ Merge brings a colleague's)."
                if few
                else "Choose two different coders.",
            )
            self._show_overlap(self._overlap_asked, "Choose two coders and a topic.")
            return
        self.summary.setText("Counting…")
        tag_ids = [tag_id] if tag_id is not None else None
        self._run(self._asked, partial(_figures, pairs=pairs, tag_ids=tag_ids))
        if len(pairs) == 1 and tag_id is not None:
            self.overlap_view.summary.setText("Finding the passages…")
            self._run(("overlap", self._overlap_asked), partial(_passages, pair=pairs[0],
                                                                  tag_id=tag_id))  # fmt: skip
        else:
            why = "every pair" if len(pairs) > 1 else "all topics"
            self._show_overlap(
                self._overlap_asked,
                f"The overlap is of two coders and one topic (not {why}): choose a topic "
                "above, or double-click one under Figures.",
            )

    def _run(self, key: object, job: Callable[[Store], object]) -> None:
        """Run ``job`` off the window's thread; its answer comes to :meth:`_arrived`. One job
        of each kind runs at a time: asked again meanwhile, only the latest waits its turn
        (choices changed quickly do not pile up figures nobody will see)."""
        if self.ops.store.path is None:  # a store in memory (tests) is counted here
            self._arrived(key, job(self.ops.store))
            return
        kind = _kind(key)
        if kind in self._running:
            self._waiting[kind] = (key, job)
            return
        reading = Reading(self.ops.store.path, job, self)
        self._running[kind] = reading
        reading.finished.connect(lambda answer: self._finished(kind, key, answer))
        reading.start()

    def _finished(self, kind: str, key: object, answer: object) -> None:
        del self._running[kind]
        self._arrived(key, answer)
        if kind in self._waiting:
            self._run(*self._waiting.pop(kind))

    def _arrived(self, key: object, answer: object) -> None:
        if isinstance(key, tuple) and key[0] == "report":
            self._saved(answer)
        elif isinstance(key, tuple) and key[0] == "choices":
            self._show_choices(key[1], answer)
        elif isinstance(key, tuple):
            self._show_overlap(key[1], answer)
        else:
            self._show_figures(key, answer)

    def _show_figures(self, asked: int, answer: Tables | str) -> None:
        if asked != self._asked:
            return  # other figures were asked for meanwhile
        self._answered = asked
        tables = answer if isinstance(answer, Tables) else Tables([])
        self.reports = tables.reports
        coders = ["Coders"] if len(tables.reports) > 1 else []
        self.topic_model.show_rows(
            tables.topic_rows, tables.topic_ids, columns=[*coders, "Topic", *FIGURE_HEADINGS]
        )
        self.release_model.show_rows(
            tables.release_rows, tables.release_ids, columns=[*coders, *RELEASE_HEADINGS]
        )
        for table in (self.topic_table, self.release_table):
            _fit_columns(table)
        self.save_button.setEnabled(bool(tables.reports))
        self.summary.setText(answer if isinstance(answer, str) else _summary(tables.reports))

    def _show_overlap(self, asked: int, answer: Overlap | str) -> None:
        if asked != self._overlap_asked:
            return
        self._overlap_answered = asked
        if isinstance(answer, Overlap):
            self.overlap_view.show_overlap(answer)
        else:
            self.overlap_view.show_overlap(None, answer)

    def _pair_mode(self, every: bool) -> None:
        self.coder_a.setEnabled(not every)
        self.coder_b.setEnabled(not every)
        self.compute()

    def _show_topic_overlap(self, index: QModelIndex) -> None:
        """A topic double-clicked under Figures: its passages, under Overlap."""
        tag_id = index.data(RowRole)
        if tag_id is None:
            return
        if self.every_pair.isChecked():
            self.every_pair.setChecked(False)
        self.topic.setCurrentIndex(self.topic.findData(tag_id))
        self.tabs.setCurrentWidget(self.overlap_view)

    def _read_release(self, index: QModelIndex) -> None:
        self.openPassage.emit(index.data(RowRole), 0, 0)

    def save_report(self) -> None:
        """The figures shown, saved as CSV, XLSX or DOCX (a file the analyst names)."""
        if not self.reports or self._saving:
            return
        path = choose_report_path(self)
        if path is None:
            return
        job = partial(_report_saved, reports=self.reports, path=path)
        self._saving = True
        self.summary.setText(f"Saving the report as {path}…")
        self._run(("report", path), job)

    def _saved(self, answer: str) -> None:
        self._saving = False
        self.summary.setText(answer)


def _kind(key: object) -> str:
    """A job's kind: "figures" (a number), or the first word of its key."""
    return key[0] if isinstance(key, tuple) else "figures"


def _coders_and_topics(store: Store) -> tuple[list[str], list[tuple[int, str]]]:
    topics = sorted(topic_paths(store).items(), key=lambda item: item[1].casefold())
    return coders_with_highlights(store), topics


@dataclass
class Tables:
    """The figures of the pairs asked for, and the rows of the dialog's two tables (made on
    the worker: twelve thousand releases' rows would hold the window's thread)."""

    reports: list[AgreementReport]
    topic_rows: list[list[str]] = field(default_factory=list)
    topic_ids: list[int | None] = field(default_factory=list)  # None: a pair's overall row
    release_rows: list[list[str]] = field(default_factory=list)
    release_ids: list[int] = field(default_factory=list)


def _figures(store: Store, pairs: list[tuple[str, str]], tag_ids: list[int] | None) -> Tables:
    reports = [agreement(store, a, b, tag_ids) for a, b in pairs]
    names = release_names(store, {r.release_id for report in reports for r in report.releases})
    tables = Tables(reports)
    for report in reports:
        pair = [f"{_name(report.coder_a)} – {_name(report.coder_b)}"] if len(reports) > 1 else []
        tables.topic_rows.append([*pair, "Overall", *_cells(report.overall)])
        tables.topic_ids.append(None)
        for topic in report.topics:
            tables.topic_rows.append([*pair, topic.tag, *_cells(topic.figures)])
            tables.topic_ids.append(topic.tag_id)
        for release in report.releases:
            title, date = names.get(release.release_id, (str(release.release_id), None))
            cells = _cells(release.figures)
            tables.release_rows.append([*pair, title, date or "–", cells[0], *cells[5:]])
            tables.release_ids.append(release.release_id)
    return tables


def _passages(store: Store, pair: tuple[str, str], tag_id: int) -> Overlap:
    return overlap(store, pair[0], pair[1], tag_id)


def _report_saved(store: Store, reports: list[AgreementReport], path: Path) -> str:
    try:
        write_agreement_report(store, reports, path)
    except StoreError as error:
        return str(error)
    return f"Saved the report as {path}."


def _refusal(error: Exception) -> str:
    return f"Could not be worked out: {error}"


def _name(coder: str) -> str:
    return coder or NO_CODER


def _cells(figures: Figures) -> list[str]:
    def rounded(value: float | None, digits: int) -> str:
        return "–" if value is None else f"{value:.{digits}f}"

    counts = (figures.units, figures.both, figures.only_a, figures.only_b, figures.neither)
    return [*(f"{count:,}" for count in counts), rounded(figures.percent, 1),
            rounded(figures.kappa, 3), rounded(figures.alpha, 3)]  # fmt: skip


def _summary(reports: list[AgreementReport]) -> str:
    if len(reports) > 1:
        return f"{len(reports)} pairs of coders; each pair's overall row comes first."
    (report,) = reports
    cells = _cells(report.overall)
    return (
        f"{_name(report.coder_a)} and {_name(report.coder_b)}: "
        f"{report.releases_compared:,} releases coded by both. Overall: agree {cells[5]} %, "
        f"kappa {cells[6]}, alpha {cells[7]} over {cells[0]} units (characters × topics)."
    )


def _table(parent: QWidget, model: TextRowsModel, name: str, words: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setAccessibleName(words)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setStretchLastSection(False)
    return table


# Widths by column heading: the figures narrow, the name of a topic or release taking the rest.
WIDTHS = {"Coders": 150, "Date": 90, **dict.fromkeys(NUMBERS, 78)}


def _fit_columns(table: QTableView) -> None:
    """Widths from the headings alone (measuring thousands of rows would hold the thread)."""
    header = table.horizontalHeader()
    for column in range(table.model().columnCount()):
        width = WIDTHS.get(table.model().headerData(column, Qt.Orientation.Horizontal))
        if width is None:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, width)
