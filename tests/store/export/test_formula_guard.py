"""The spreadsheet formula guard on every text column of the CSV and XLSX exports.

Release text, titles, sources and URLs come from the web; tags and notes from the analyst.
Any of them may begin with a character a spreadsheet reads as the start of a formula. Each
column is tried with each such character, in a file written by the real exporter and read
back as a spreadsheet reads it: the CSV with the csv module, the XLSX with openpyxl.
"""

from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

import openpyxl
import pytest
from export_sample import Sample

from store.excerpts import Excerpt, ExcerptFilter, ExcerptTag, query_excerpts
from store.export import write_export
from store.export.csv_export import COLUMNS
from store.tags import create_tag, describe_tag, list_tags

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
# The excerpt's field behind each text column of COLUMNS.
TEXT_COLUMNS = {
    "tags": "tags",
    "quote": "quote",
    "note": "note",
    "prefix": "prefix",
    "suffix": "suffix",
    "release_title": "release_title",
    "date": "date",
    "source": "source",
    "url": "url",
    "issuer": "issuer",
    "speaker": "speaker",
    "coder": "coder",  # a colleague's name, from a merged store
}


def test_every_text_column_is_tried() -> None:
    numbers = {"highlight_id", "release_id", "start", "end", "created_at", "updated_at"}
    codes = {"language", "countries"}  # the store's own codes, never text from the web
    assert set(COLUMNS) - numbers - codes == set(TEXT_COLUMNS)


def _dangerous(excerpt: Excerpt, column: str, start: str) -> tuple[Excerpt, str]:
    """The excerpt with one column's text beginning with ``start``, and that text."""
    field = TEXT_COLUMNS[column]
    if field == "tags":
        text = f'{start}HYPERLINK("https://example.org")'
        tags = (ExcerptTag(excerpt.tags[0].id, text, excerpt.tags[0].colour),)
        return dataclasses.replace(excerpt, tags=tags), text
    text = f"{start}1+cmd|' /C calc'!A0 {getattr(excerpt, field) or ''}"
    return dataclasses.replace(excerpt, **{field: text}), text


@pytest.fixture
def excerpt(sample: Sample) -> Excerpt:
    """An excerpt read from the store, with one tag and every citation field filled."""
    found = [e for e in query_excerpts(sample.store, ExcerptFilter()) if len(e.tags) == 1]
    found = [
        e
        for e in found
        if all((e.note, e.date, e.source, e.url, e.prefix, e.suffix, e.issuer, e.speaker))
    ]
    return found[0]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
@pytest.mark.parametrize("column", list(TEXT_COLUMNS))
def test_csv_cell_is_text_with_one_apostrophe_before_the_original(
    sample: Sample, excerpt: Excerpt, out_dir: Path, column: str, start: str
) -> None:
    changed, text = _dangerous(excerpt, column, start)
    path = out_dir / "excerpts.csv"
    write_export(sample.store, "csv", path, [changed])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    cell = row[column]
    assert not cell.startswith(tuple(FORMULA_STARTS))  # a spreadsheet reads it as text
    assert cell == "'" + text  # the guard's one apostrophe, then every original character


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
@pytest.mark.parametrize("column", list(TEXT_COLUMNS))
def test_xlsx_cell_is_a_string_cell_holding_exactly_the_original(
    sample: Sample, excerpt: Excerpt, out_dir: Path, column: str, start: str
) -> None:
    changed, text = _dangerous(excerpt, column, start)
    path = out_dir / "excerpts.xlsx"
    write_export(sample.store, "xlsx", path, [changed])
    sheet = openpyxl.load_workbook(path)["Excerpts"]
    cell = sheet.cell(row=2, column=COLUMNS.index(column) + 1)
    assert cell.data_type == "s"  # a string cell: never evaluated as a formula
    assert cell.value == text  # no apostrophe added, nothing dropped


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=repr)
def test_xlsx_codebook_names_and_descriptions_are_string_cells(
    sample: Sample, out_dir: Path, start: str
) -> None:
    store = sample.store
    # Names are stripped of white space by the store; a description keeps it.
    parent = create_tag(store, f"{start}SUM(A1) parent").created
    child = create_tag(store, f"{start}SUM(A2) child", parent_id=parent).created
    describe_tag(store, child, f'{start}HYPERLINK("https://example.org")')
    kept = {tag.id: tag for tag in list_tags(store)}
    if start not in "\t\r":
        assert kept[child].name.startswith(start)  # the store kept what the test tries
    path = out_dir / "excerpts.xlsx"
    write_export(store, "xlsx", path, ExcerptFilter())
    sheet = openpyxl.load_workbook(path)["Codebook"]
    header = [cell.value for cell in sheet[1]]
    (row,) = [r for r in sheet.iter_rows(min_row=2) if r[0].value == kept[child].name]
    cells = dict(zip(header, row, strict=True))
    expected = {
        "tag": kept[child].name,
        "parent": kept[parent].name,
        "description": f'{start}HYPERLINK("https://example.org")',
    }
    for column, text in expected.items():
        assert cells[column].data_type == "s", column
        assert cells[column].value == text, column
