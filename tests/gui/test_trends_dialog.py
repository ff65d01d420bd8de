"""The Trends dialog driven as an analyst drives it: Ctrl+Shift+T, phrases typed, Enter,
the choices changed from the keyboard, the chart and the numbers saved by clicking
(the store: tests/trend_sample.py)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton
from trend_sample import build_trend_store
from window_helpers import shown_window

from gui.dialogs import trends_dialog
from gui.dialogs.trends_dialog import TrendsDialog
from store.db import Store

SHOTS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screens"


@pytest.fixture
def trend_window(qtbot, db_path: Path, tmp_path: Path):
    with Store(db_path) as store:
        build_trend_store(store, tmp_path)
    with shown_window(qtbot, db_path) as built:
        yield built


def open_trends(qtbot, window) -> TrendsDialog:
    qtbot.keyClick(
        window,
        Qt.Key.Key_T,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: (
            window.findChild(TrendsDialog) is not None
            and window.findChild(TrendsDialog).isVisible()
        )
    )
    dialog = window.findChild(TrendsDialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.phrase_box)
    return dialog


def follow(qtbot, dialog: TrendsDialog, text: str) -> None:
    box = dialog.findChild(QLineEdit, "trendPhrases")
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)


def choose(qtbot, dialog: TrendsDialog, name: str, value: str) -> None:
    """Pick a value of a choice box from the keyboard (focus it, type the first letters)."""
    box = dialog.findChild(QComboBox, name)
    box.setFocus()
    while box.currentData() != value:
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)


def test_two_phrases_by_issuer_give_lines_and_who_said_it_first(qtbot, trend_window) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, "Kyiv, Kiev")
    labels = [line.label for line in dialog.chart.lines]
    assert labels == [
        "“Kyiv” — Ministry of Ruritania",
        "“Kyiv” — Office of Graustark",
        "“Kiev” — Ministry of Ruritania",
        "“Kiev” — Office of Graustark",
    ]
    table = dialog.first_uses
    rows = [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]
    assert ["“Kyiv”", "Ministry of Ruritania", "2022-02-05", "2022-04-01", "2"] in rows
    assert ["“Kiev”", "Office of Graustark", "2022-01-15", "2022-01-15", "1"] in rows
    assert "1 undated release holding “Kyiv” left out." in dialog.message.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "trends-dialog.png"))


def test_share_per_quarter_for_all_releases(qtbot, trend_window) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, "Kiev")
    choose(qtbot, dialog, "trendBy", "none")
    choose(qtbot, dialog, "trendPer", "quarter")
    choose(qtbot, dialog, "trendMeasure", "share")
    (line,) = dialog.chart.lines
    # Q1: a1 and b1 of the six dated releases; Q2: a4, the only one.
    assert line.values == {"2022-Q1": 2 / 6, "2022-Q2": 1.0}
    assert dialog.chart.periods == ["2022-Q1", "2022-Q2"]


def test_a_filter_changes_the_trend(qtbot, trend_window) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, "Kyiv")
    speaker = dialog.filters.speaker_box
    speaker.setFocus()
    qtbot.keyClicks(speaker, "Spokesperson")
    qtbot.keyClick(speaker, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.pending and len(dialog.chart.lines) == 1, timeout=10_000)
    assert dialog.chart.lines[0].label == "“Kyiv” — Office of Graustark"


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [("?!;-", "punctuation alone is none"), ("word " * 70, "at most 64 words")],
)
def test_bad_phrases_are_one_sentence_and_no_chart(qtbot, trend_window, typed, sentence) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, typed)
    assert sentence in dialog.message.text()
    assert dialog.chart.lines == [] and sentence in dialog.chart.empty_text
    assert not dialog.findChild(QPushButton, "saveTrendChart").isEnabled()


def test_odd_phrases_are_answered(qtbot, trend_window) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, '"Kiev, ' + "k" * 5000)
    assert [line.label for line in dialog.chart.lines][0].startswith('“"Kiev”')
    assert "No dated release holds “" + "k" * 5000 + "”." in dialog.message.text()


def test_chart_saves_as_png_and_svg_and_numbers_as_csv_and_xlsx(
    qtbot, trend_window, tmp_path, monkeypatch
) -> None:
    dialog = open_trends(qtbot, trend_window)
    follow(qtbot, dialog, "Kyiv, Kiev")
    chosen: list[Path] = []
    monkeypatch.setattr(trends_dialog, "choose_save_path", lambda *_: chosen.pop(0))
    out = tmp_path / "saved"
    out.mkdir()
    chosen += [out / "chart.png", out / "chart.svg"]
    for _ in range(2):
        qtbot.mouseClick(dialog.findChild(QPushButton, "saveTrendChart"), Qt.MouseButton.LeftButton)
    picture = QImage(str(out / "chart.png"))
    assert picture.width() == 1200 and not picture.isNull()
    svg = (out / "chart.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "Ministry of Ruritania" in svg
    chosen += [out / "numbers.csv", out / "numbers.xlsx"]
    for _ in range(2):
        qtbot.mouseClick(
            dialog.findChild(QPushButton, "saveTrendNumbers"), Qt.MouseButton.LeftButton
        )
    with (out / "numbers.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(dialog.trend.series)
    assert {
        "phrase": "Kiev", "key": "Ministry of Ruritania", "period": "2022-01",
        "occurrences": "2", "releases": "1", "releases_in_period": "2", "share": "0.5",
    } in rows  # fmt: skip
    from openpyxl import load_workbook

    book = load_workbook(out / "numbers.xlsx", read_only=True)
    assert book.sheetnames == ["Series", "First use"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    picture.save(str(SHOTS / "trend-chart.png"))
