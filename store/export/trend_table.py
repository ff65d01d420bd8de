"""A phrase trend's numbers as a CSV or XLSX file: what the Trends view's chart shows.

CSV: one row per phrase, key and period (the columns of ``communique trend --json``).
XLSX: that sheet ("Series") and "First use" (each issuer's first and last release holding
each phrase). Text is guarded as every export's is: a CSV cell never begins like a formula
(``neutralise``), an XLSX text cell is a string cell; the file is written whole or not at all
(``atomic_output``).
"""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from store.db import Store
from store.export.base import ExportError, atomic_output
from store.export.csv_export import neutralise
from store.export.xlsx_export import _cell, _prepare
from store.trends import Trend

SERIES_COLUMNS = (
    "phrase", "key", "period", "occurrences", "releases", "releases_in_period", "share",
)  # fmt: skip
FIRST_USE_COLUMNS = (
    "phrase", "issuer", "first_date", "first_release_id", "last_date", "last_release_id",
    "releases",
)  # fmt: skip
TABLE_FORMATS = ("csv", "xlsx")


def _series_rows(trend: Trend) -> list[list[object]]:
    return [
        [p.phrase, p.key, p.period, p.occurrences, p.releases, p.releases_in_period, p.share]
        for p in trend.series
    ]


def _first_use_rows(trend: Trend) -> list[list[object]]:
    return [
        [u.phrase, u.issuer, u.first_date, u.first_release_id, u.last_date,
         u.last_release_id, u.releases]
        for u in trend.first_uses
    ]  # fmt: skip


def write_trend_table(store: Store, trend: Trend, path: Path) -> None:
    """Write the trend's numbers to ``path``, CSV or XLSX by its extension."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in TABLE_FORMATS:
        raise ExportError(f"{Path(path).name}: a trend's numbers are saved as .csv or .xlsx.")
    with atomic_output(store, Path(path)) as temporary:
        if fmt == "csv":
            _write_csv(trend, temporary)
        else:
            _write_xlsx(trend, temporary)


def _write_csv(trend: Trend, out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(SERIES_COLUMNS)
        for row in _series_rows(trend):
            writer.writerow([neutralise(v) if isinstance(v, str) else v for v in row])


def _write_xlsx(trend: Trend, out: Path) -> None:
    book = Workbook(write_only=True)
    for title, columns, rows in (
        ("Series", SERIES_COLUMNS, _series_rows(trend)),
        ("First use", FIRST_USE_COLUMNS, _first_use_rows(trend)),
    ):
        sheet = book.create_sheet(title)
        _prepare(sheet, columns, lambda column: 40 if column in ("phrase", "key", "issuer") else 14)
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    book.save(out)
