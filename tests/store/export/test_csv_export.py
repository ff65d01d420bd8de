"""CSV read back with the csv module: BOM, stable columns, formula guard, line breaks."""

from __future__ import annotations

import csv
from pathlib import Path

from export_sample import FORMULA_QUOTE, Sample

from store.excerpts import ExcerptFilter, query_excerpts
from store.export import write_export
from store.export.csv_export import COLUMNS, neutralise
from store.releases import get_release


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rows_read_back_with_their_text_tags_and_citation(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "excerpts.csv"
    assert write_export(sample.store, "csv", path, ExcerptFilter()) == 6
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == COLUMNS
    rows = {int(row["highlight_id"]): row for row in _read(path)}
    two = rows[sample.highlights["two_paragraphs"]]
    text = get_release(sample.store, sample.readout).text
    assert two["quote"] == "resilience.\n\nLa Sécurité européenne — الأمن الأوروبي — 𠀋 matters"
    assert text[int(two["start"]) : int(two["end"])] == two["quote"]
    assert two["tags"] == "Ukraine; Économie"
    assert two["note"] == "Spans two paragraphs\nand a second line"
    assert two["release_title"] == "Readout: Italy & Ukraine 🇺🇦"
    assert (two["date"], two["source"]) == ("2024-03-05", "Farnesina")
    assert (two["issuer"], two["speaker"]) == (
        "Italian Ministry of Foreign Affairs and International Cooperation",
        "Antonio Tajani",
    )
    assert (two["language"], two["countries"]) == ("en", "IT UA")
    assert two["url"] == "https://www.esteri.it/en/readout?a=1&b=(2)"
    flag = rows[sample.highlights["flag"]]
    assert flag["quote"] == "🇺🇦 Ukraine’s full independence"
    assert flag["note"] == 'Key line: "independence"'
    undated = rows[sample.highlights["nato"]]
    assert undated["date"] == "" and undated["url"] == "" and undated["tags"] == "NATO"


def test_cells_that_a_spreadsheet_would_run_are_neutralised(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "excerpts.csv"
    write_export(sample.store, "csv", path, ExcerptFilter())
    rows = {int(row["highlight_id"]): row for row in _read(path)}
    formula = rows[sample.highlights["formula"]]
    assert formula["quote"] == "'" + FORMULA_QUOTE
    assert formula["note"] == "'-2+3"
    untagged = rows[sample.highlights["untagged"]]
    assert (untagged["quote"], untagged["note"], untagged["tags"]) == ("'@SUM(A1)", "'@note", "")
    assert untagged["prefix"].startswith("'+3 is not")
    for row in rows.values():
        for column in COLUMNS:
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), (column, row)


def test_neutralise_covers_tab_and_carriage_return() -> None:
    assert neutralise("\t=1+1") == "'\t=1+1"
    assert neutralise("\r=1") == "'\r=1"
    assert neutralise("Rome, 5 March") == "Rome, 5 March"
    assert neutralise(None) == ""


def test_a_selection_of_excerpts_is_written_in_reading_order(sample: Sample, out_dir: Path) -> None:
    chosen = list(reversed(query_excerpts(sample.store)))[:3]
    path = out_dir / "chosen.csv"
    assert write_export(sample.store, "csv", path, chosen) == 3
    ids = [int(row["highlight_id"]) for row in _read(path)]
    assert ids == sorted(e.highlight_id for e in chosen)  # dated before undated, then by place
