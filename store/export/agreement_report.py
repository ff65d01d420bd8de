"""Two coders' agreement (``store.agreement``) as a CSV, XLSX or DOCX file: what the
Agreement dialog shows and ``communique agreement --output`` writes.

CSV: one row per pair and scope (overall, each topic, each release) with the four cells and
the three figures. XLSX: the same rows in three sheets ("Overall", "Topics", "Releases").
DOCX: a report of its own (the briefing is a selection of excerpts, not of coders): per pair
a heading, the releases compared, a table of the topics and the overall figures, and a table
per release. A figure with nothing to measure is an empty cell (CSV, XLSX) or "–" (DOCX).
Text is guarded as every export's is; the file is written whole or not at all.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl import Workbook

from store.agreement import AgreementReport, Figures
from store.coder_names import NO_CODER
from store.db import Store
from store.export.base import ExportError, atomic_output, xml_safe
from store.export.csv_export import neutralise
from store.export.xlsx_export import _cell, _prepare

REPORT_FORMATS = ("csv", "xlsx", "docx")
FIGURE_COLUMNS = ("units", "both", "only_a", "only_b", "neither", "percent", "kappa", "alpha")
CSV_COLUMNS = ("coder_a", "coder_b", "scope", "tag", "release_id", "release_title", "date",
               *FIGURE_COLUMNS)  # fmt: skip
SHEETS = (
    ("Overall", ("coder_a", "coder_b", "releases_compared", *FIGURE_COLUMNS)),
    ("Topics", ("coder_a", "coder_b", "tag", *FIGURE_COLUMNS)),
    ("Releases", ("coder_a", "coder_b", "release_id", "release_title", "date", *FIGURE_COLUMNS)),
)


def write_agreement_report(store: Store, reports: Sequence[AgreementReport], path: Path) -> None:
    """Write the reports to ``path``, CSV, XLSX or DOCX by its extension."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in REPORT_FORMATS:
        raise ExportError(f"{path.name}: an agreement report is saved as .csv, .xlsx or .docx.")
    releases = release_names(store, {r.release_id for report in reports for r in report.releases})
    with atomic_output(store, path) as temporary:
        {"csv": _write_csv, "xlsx": _write_xlsx, "docx": _write_docx}[fmt](
            reports, releases, temporary
        )


def _figures(figures: Figures) -> list[object]:
    return [figures.units, figures.both, figures.only_a, figures.only_b, figures.neither,
            figures.percent, figures.kappa, figures.alpha]  # fmt: skip


def _rows(
    report: AgreementReport, releases: dict[int, tuple[str, str | None]]
) -> dict[str, list[list[object]]]:
    pair = [report.coder_a, report.coder_b]
    return {
        "Overall": [[*pair, report.releases_compared, *_figures(report.overall)]],
        "Topics": [[*pair, topic.tag, *_figures(topic.figures)] for topic in report.topics],
        "Releases": [
            [*pair, r.release_id, *releases.get(r.release_id, ("", None)), *_figures(r.figures)]
            for r in report.releases
        ],
    }


def _write_csv(reports, releases, out: Path) -> None:
    with out.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for report in reports:
            rows = _rows(report, releases)
            pair = rows["Overall"][0][:2]
            lines = [[*pair, "overall", "", "", "", "", *_figures(report.overall)]]
            lines += [[*row[:2], "topic", row[2], "", "", "", *row[3:]] for row in rows["Topics"]]
            lines += [[*row[:2], "release", "", *row[2:]] for row in rows["Releases"]]
            for line in lines:
                writer.writerow([neutralise(v) if isinstance(v, str) else v for v in line])


def _write_xlsx(reports, releases, out: Path) -> None:
    book = Workbook(write_only=True)
    all_rows = [_rows(report, releases) for report in reports]
    for title, columns in SHEETS:
        sheet = book.create_sheet(title)
        _prepare(sheet, columns, lambda c: 40 if c in ("tag", "release_title") else 12)
        for rows in all_rows:
            for row in rows[title]:
                sheet.append([_cell(sheet, value) for value in row])
    book.save(out)


def _shown(figures: Figures) -> list[str]:
    """The cells of a DOCX table row: counts with thousands marks, the figures rounded."""

    def rounded(value: float | None, digits: int) -> str:
        return "–" if value is None else f"{value:.{digits}f}"

    counts = (figures.units, figures.both, figures.only_a, figures.only_b, figures.neither)
    return [*(f"{count:,}" for count in counts), rounded(figures.percent, 1),
            rounded(figures.kappa, 3), rounded(figures.alpha, 3)]  # fmt: skip


TABLE_HEADINGS = ("units", "both", "only A", "only B", "neither", "agree %", "kappa", "alpha")


def _write_docx(reports, releases, out: Path) -> None:
    document = Document()
    document.core_properties.title = "Agreement between coders"
    document.add_heading("Agreement between coders", 0)
    document.add_paragraph(
        "Over the releases both coders coded, each character of their text a unit; for a "
        "topic a coder's value is 1 inside their highlights of it, else 0. A figure with "
        "nothing to measure is shown “–”."
    )
    for report in reports:
        a, b = (xml_safe(name or NO_CODER) for name in (report.coder_a, report.coder_b))
        document.add_heading(f"{a} and {b}", 1)
        document.add_paragraph(f"{report.releases_compared:,} releases coded by both.")
        rows = [(topic.tag, topic.figures) for topic in report.topics]
        _table(document, "Topic", [*rows, ("Overall", report.overall)])
        document.add_heading("Per release", 2)
        per_release = [
            (" · ".join(filter(None, releases.get(r.release_id, ("", None)))), r.figures)
            for r in report.releases
        ]
        _table(document, "Release", per_release)
    document.save(str(out))


def _table(document, first: str, rows: list[tuple[str, Figures]]) -> None:
    """A table of a name and the figures per row. python-docx writes the heading row; the
    others are made as WordprocessingML text and parsed at once (setting 100,000 cells one
    by one through python-docx took most of a minute)."""
    table = document.add_table(rows=1, cols=1 + len(TABLE_HEADINGS))
    table.style = "Light Grid Accent 1"
    for column, heading in enumerate((first, *TABLE_HEADINGS)):
        table.rows[0].cells[column].text = heading
    for start in range(0, len(rows), ROWS_PER_PARSE):
        body = "".join(
            "<w:tr>" + _cell_xml(name, "left") + "".join(_cell_xml(v, "right") for v in _shown(f))
            + "</w:tr>"
            for name, f in rows[start : start + ROWS_PER_PARSE]
        )  # fmt: skip
        for row in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
            table._tbl.append(row)


ROWS_PER_PARSE = 2_000


def _cell_xml(text: str, alignment: str) -> str:
    return (
        f'<w:tc><w:p><w:pPr><w:jc w:val="{alignment}"/></w:pPr><w:r>'
        f'<w:t xml:space="preserve">{escape(xml_safe(text))}</w:t></w:r></w:p></w:tc>'
    )


def release_names(store: Store, release_ids: set[int]) -> dict[int, tuple[str, str | None]]:
    ordered = sorted(release_ids)
    found: dict[int, tuple[str, str | None]] = {}
    for first in range(0, len(ordered), 500):
        chunk = ordered[first : first + 500]
        marks = ", ".join("?" * len(chunk))
        for release_id, title, date in store.conn.execute(
            f"SELECT id, title, date FROM releases WHERE id IN ({marks})", chunk
        ):
            found[release_id] = (title, date)
    return found
