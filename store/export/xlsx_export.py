"""XLSX: a workbook with the excerpts and the codebook, for colleagues who live in Excel.

Sheet "Excerpts" has the CSV columns (``store.export.csv_export.COLUMNS``), a bold frozen
header and wrapped quotes; sheet "Codebook" has one row per tag (tag, parent, colour shown
as the cell's fill, description, and how many of the exported excerpts carry it).

Every text cell is written as a string cell explicitly: openpyxl would otherwise store a
quote beginning with ``=`` as a formula, and ``#N/A`` as an error. A string cell is never
evaluated by Excel or LibreOffice, so the text is kept exactly, with no apostrophe added.
Characters XML cannot carry are dropped, and a cell holds at most 32,767 characters (Excel's
limit; openpyxl truncates longer text).

The workbook is written in openpyxl's write-only mode: rows stream to disk, so 100,000
excerpts need little memory.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import Ticker, xml_safe
from store.export.csv_export import COLUMNS
from store.tags import list_tags

_WIDTHS = {
    "tags": 24,
    "quote": 80,
    "note": 40,
    "prefix": 24,
    "suffix": 24,
    "release_title": 48,
    "date": 11,
    "source": 20,
    "url": 36,
    "created_at": 20,
    "updated_at": 20,
}
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_xlsx(store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker) -> int:
    """Write the excerpts and the codebook as an XLSX workbook; returns the excerpts written."""
    book = Workbook(write_only=True)
    counts: Counter[int] = Counter()  # tag id → exported excerpts carrying it
    try:
        _write_excerpts(book.create_sheet("Excerpts"), excerpts, counts, ticker)
        _write_codebook(store, book.create_sheet("Codebook"), counts)
        ticker.check()
    except BaseException:
        # openpyxl keeps each write-only sheet in a file of its own until the book is
        # saved; saving into the doomed temporary file is what removes them.
        with suppress(Exception):
            book.save(out)
        raise
    book.save(out)
    return ticker.done


def _write_excerpts(
    sheet: WriteOnlyWorksheet, items: Iterable[Excerpt], counts: Counter[int], ticker: Ticker
) -> None:
    _prepare(sheet, COLUMNS, lambda column: _WIDTHS.get(column, 10))
    quote_column = COLUMNS.index("quote")
    for excerpt in items:
        row = [
            excerpt.highlight_id,
            excerpt.release_id,
            "; ".join(tag.name for tag in excerpt.tags),
            excerpt.quote,
            excerpt.note,
            excerpt.prefix,
            excerpt.suffix,
            excerpt.start,
            excerpt.end,
            excerpt.release_title,
            excerpt.date,
            excerpt.source,
            excerpt.url,
            excerpt.created_at,
            excerpt.updated_at,
            excerpt.issuer,
            excerpt.speaker,
            excerpt.language,
            " ".join(excerpt.countries),
            excerpt.coder,
        ]
        cells = [_cell(sheet, value) for value in row]
        quote = _text_cell(sheet, excerpt.quote)
        quote.alignment = _WRAP
        cells[quote_column] = quote
        sheet.append(cells)
        counts.update(tag.id for tag in excerpt.tags)
        ticker.step()


def _write_codebook(store: Store, sheet: WriteOnlyWorksheet, counts: Counter[int]) -> None:
    header = ("tag", "parent", "colour", "description", "count")
    widths = {"tag": 32, "parent": 32, "colour": 10, "description": 60, "count": 8}
    _prepare(sheet, header, widths.__getitem__)
    tags = list_tags(store)
    names = {tag.id: tag.name for tag in tags}
    for tag in tags:
        colour = _text_cell(sheet, tag.colour)
        colour.fill = PatternFill("solid", fgColor=tag.colour.lstrip("#").upper())
        description = _text_cell(sheet, tag.description)
        description.alignment = _WRAP
        parent = names.get(tag.parent_id, "")
        name = _cell(sheet, tag.name)
        sheet.append([name, _cell(sheet, parent), colour, description, counts.get(tag.id, 0)])


def _prepare(
    sheet: WriteOnlyWorksheet, header: tuple[str, ...], width: Callable[[str], float]
) -> None:
    """Widths and the frozen header must be set before the first row is written."""
    for number, column in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width(column)
    sheet.freeze_panes = "A2"
    cells = []
    for column in header:
        cell = WriteOnlyCell(sheet, column)
        cell.font = _BOLD
        cells.append(cell)
    sheet.append(cells)


def _cell(sheet: WriteOnlyWorksheet, value: object) -> WriteOnlyCell | object:
    """Numbers as they are; text as a string cell that is never a formula or an error.

    Only text openpyxl would mistake for a formula or an error gets a cell object of its
    own: building one per value made the sheet three times slower.
    """
    if not isinstance(value, str):
        return value
    value = xml_safe(value)
    if value.startswith("=") or value in ERROR_CODES:
        return _text_cell(sheet, value)
    return value


def _text_cell(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    """A cell typed as text whatever it begins with, ready to be styled."""
    cell = WriteOnlyCell(sheet, xml_safe(value))
    cell.data_type = "s"
    return cell
