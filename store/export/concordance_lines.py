"""Concordance lines to CSV or XLSX: one row per occurrence, for a spreadsheet.

Columns, under these stable names: ``release_id, date, issuer, left, match, right, start,
end, topics`` (``topics`` joins the names of the topics already covering the line with
``"; "``; ``start``/``end`` are code points of the release's text). Cells are guarded
against formulas as the excerpt CSV guards them, and the file is written whole or not at all.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

from store.concordance import ConcordanceLine
from store.db import Store
from store.export.base import ExportError, atomic_output, xml_safe
from store.export.csv_export import neutralise

COLUMNS = ("release_id", "date", "issuer", "left", "match", "right", "start", "end", "topics")
LINE_FORMATS = ("csv", "xlsx")


def line_row(line: ConcordanceLine) -> list[object]:
    """A line's cells in COLUMNS order, text guarded against formulas."""
    return [
        line.release_id,
        neutralise(line.date),
        neutralise(line.issuer),
        neutralise(line.left),
        neutralise(line.match),
        neutralise(line.right),
        line.start,
        line.end,
        neutralise("; ".join(line.topics)),
    ]


def write_lines(store: Store, lines: Iterable[ConcordanceLine], path: Path) -> int:
    """Write the lines to ``path`` (CSV or XLSX by its extension); returns how many."""
    fmt = Path(path).suffix.lower().lstrip(".")
    if fmt not in LINE_FORMATS:
        raise ExportError(f"{Path(path).name}: concordance lines are saved as .csv or .xlsx.")
    written = 0
    with atomic_output(store, Path(path)) as temporary:
        if fmt == "csv":
            with temporary.open("w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(COLUMNS)
                for line in lines:
                    writer.writerow(line_row(line))
                    written += 1
        else:
            book = Workbook(write_only=True)
            sheet = book.create_sheet("Concordance")
            sheet.append(list(COLUMNS))
            for line in lines:
                sheet.append([xml_safe(c) if isinstance(c, str) else c for c in line_row(line)])
                written += 1
            book.save(temporary)
    return written
