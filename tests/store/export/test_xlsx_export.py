"""XLSX read back with openpyxl: both sheets, header, widths, string cells, codebook fills."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from export_sample import FORMULA_QUOTE, Sample
from openpyxl.worksheet import _writer as openpyxl_writer

from store.excerpts import ExcerptFilter
from store.export import ExportCancelled, write_export
from store.export.csv_export import COLUMNS
from store.releases import get_release


def _rows(sheet) -> list[dict[str, object]]:
    values = list(sheet.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_excerpts_sheet_reads_back_exactly(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "excerpts.xlsx"
    assert write_export(sample.store, "xlsx", path, ExcerptFilter()) == 6
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Excerpts", "Codebook"]
    sheet = book["Excerpts"]
    assert tuple(cell.value for cell in sheet[1]) == COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width == 80  # the quote column is wide
    rows = {row["highlight_id"]: row for row in _rows(sheet)}
    two = rows[sample.highlights["two_paragraphs"]]
    text = get_release(sample.store, sample.readout).text
    assert two["quote"] == "resilience.\n\nLa Sécurité européenne — الأمن الأوروبي — 𠀋 matters"
    assert text[two["start"] : two["end"]] == two["quote"]
    assert two["tags"] == "Ukraine; Économie"
    assert two["note"] == "Spans two paragraphs\nand a second line"
    assert (two["release_title"], two["date"]) == ("Readout: Italy & Ukraine 🇺🇦", "2024-03-05")
    quote_cell = next(c for c in sheet["D"] if c.value == two["quote"])
    assert quote_cell.alignment.wrap_text
    assert rows[sample.highlights["flag"]]["quote"] == "🇺🇦 Ukraine’s full independence"
    assert rows[sample.highlights["nato"]]["date"] is None


def test_formula_like_text_is_a_string_cell_never_a_formula(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "excerpts.xlsx"
    write_export(sample.store, "xlsx", path, ExcerptFilter())
    sheet = openpyxl.load_workbook(path)["Excerpts"]
    cells = {cell.value: cell for row in sheet.iter_rows(min_row=2) for cell in row}
    for text in (FORMULA_QUOTE, "-2+3", "@SUM(A1)", "@note"):
        assert cells[text].data_type == "s", text  # kept exactly, typed as text
    assert not any(cell.data_type == "f" for cell in cells.values())


def test_codebook_sheet_has_parents_fills_descriptions_and_counts(
    sample: Sample, out_dir: Path
) -> None:
    path = out_dir / "excerpts.xlsx"
    write_export(sample.store, "xlsx", path, ExcerptFilter())
    sheet = openpyxl.load_workbook(path)["Codebook"]
    assert [c.value for c in sheet[1]] == ["tag", "parent", "colour", "description", "count"]
    rows = {row["tag"]: row for row in _rows(sheet)}
    assert rows["Ukraine"] == {
        "tag": "Ukraine",
        "parent": "Security",
        "colour": "#1e90ff",
        "description": "War in Ukraine & support",
        "count": 3,
    }
    assert rows["Unused"]["count"] == 0 and rows["Security"]["count"] == 0
    fill = next(c for c in sheet["C"] if c.value == "#1e90ff").fill
    assert fill.fgColor.rgb.endswith("1E90FF")


def test_codebook_counts_follow_the_exported_excerpts(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "nato.xlsx"
    flt = ExcerptFilter(tag_ids=(sample.tags["NATO"],))
    assert write_export(sample.store, "xlsx", path, flt) == 1
    rows = {row["tag"]: row["count"] for row in _rows(openpyxl.load_workbook(path)["Codebook"])}
    assert rows["NATO"] == 1 and rows["Ukraine"] == 0


def test_cancel_also_removes_openpyxls_own_temporary_files(sample: Sample, out_dir: Path) -> None:
    before = set(openpyxl_writer.ALL_TEMP_FILES)
    with pytest.raises(ExportCancelled):
        write_export(
            sample.store, "xlsx", out_dir / "x.xlsx", ExcerptFilter(), should_cancel=lambda: True
        )
    assert set(openpyxl_writer.ALL_TEMP_FILES) == before
    assert list(out_dir.iterdir()) == []
