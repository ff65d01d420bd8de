"""A trend's numbers saved as CSV and XLSX: the rows the trend has, guarded as every export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook
from trend_sample import build_trend_store

from store.db import Store
from store.export.base import ExportError
from store.export.trend_table import SERIES_COLUMNS, write_trend_table
from store.trends import phrase_trend


@pytest.fixture
def trend(store: Store, tmp_path: Path):
    build_trend_store(store, tmp_path)
    # Typed with a leading "=": the phrase is Kiev, the cell must never be a formula.
    return phrase_trend(store, ["=Kiev"], by="issuer", per="year")


def test_csv_has_the_series_and_no_formula(store, trend, out_dir) -> None:
    write_trend_table(store, trend, out_dir / "kiev.csv")
    with (out_dir / "kiev.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == SERIES_COLUMNS
    assert [row[:6] for row in rows[1:]] == [
        ["'=Kiev", "Ministry of Ruritania", "2022", "3", "2", "4"],
        ["'=Kiev", "Office of Graustark", "2022", "1", "1", "3"],
    ]


def test_xlsx_keeps_the_phrase_as_text_and_who_said_it_first(store, trend, out_dir) -> None:
    write_trend_table(store, trend, out_dir / "kiev.xlsx")
    book = load_workbook(out_dir / "kiev.xlsx")
    series = [[c.value for c in row] for row in book["Series"].iter_rows(min_row=2)]
    assert series[0][:3] == ["=Kiev", "Ministry of Ruritania", "2022"]
    assert book["Series"]["A2"].data_type == "s"
    first = [[c.value for c in row] for row in book["First use"].iter_rows(min_row=2)]
    assert [(row[1], row[2], row[4]) for row in first] == [
        ("Ministry of Ruritania", "2022-01-10", "2022-04-01"),
        ("Office of Graustark", "2022-01-15", "2022-01-15"),
    ]


def test_another_extension_is_refused_and_nothing_is_written(store, trend, out_dir) -> None:
    with pytest.raises(ExportError, match=r"\.csv or \.xlsx"):
        write_trend_table(store, trend, out_dir / "kiev.docx")
    assert list(out_dir.iterdir()) == []
