"""Tagged excerpts across releases as a table model that never loads every row.

Like the release list, the model counts the excerpts passing its filter once and fetches the
rows a view asks for a page at a time (``query_excerpts(limit, offset)``), so a store with
100,000 excerpts opens as fast as one with ten; pages after the first are fetched off the GUI
thread (see :mod:`gui.models.paged_rows`). Each row is a :class:`store.excerpts.Excerpt`,
which tests, the export and the double-click reach through :data:`ExcerptModel.ExcerptRole`.

The count and the first page of a store kept in a file are queried off the GUI thread too,
as a search's are in the release list: counting a common topic's excerpts at a million
releases reads some 190,000 index entries (50–150 ms). The table is empty and
:meth:`ExcerptModel.counting` true until they arrive; an answer for an older filter is
dropped.
"""

from __future__ import annotations

import re
from functools import partial
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from gui.background.worker import StoreWorker
from gui.models.paged_rows import PagedRows, show_arrived_rows
from store.coder_names import NO_CODER
from store.db import Store
from store.excerpts import Excerpt, ExcerptFilter, count_excerpts, query_excerpts

CONTEXT_CHARS = 40  # of prefix and suffix shown around a quote
LONG_QUOTE = 300  # a quote longer than this is cut in its middle for the table

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_SPACE = re.compile(r"\s+")

QUOTE, TOPICS, NOTE, RELEASE, DATE, SOURCE, CODER = range(7)


def one_line(text: str) -> str:
    """Line breaks and runs of spaces as one space: a table row is one line high."""
    return _SPACE.sub(" ", text).strip()


def quote_parts(excerpt: Excerpt) -> tuple[str, str, str]:
    """(context before, quote, context after), each on one line, for drawing the quote cell.

    The context is cut to :data:`CONTEXT_CHARS` and marked "…" where cut; a very long quote
    keeps its beginning and end, since those are what an analyst recognises it by.
    """
    before = one_line(excerpt.prefix)
    after = one_line(excerpt.suffix)
    if len(before) > CONTEXT_CHARS:
        before = "…" + before[-CONTEXT_CHARS:].lstrip()
    if len(after) > CONTEXT_CHARS:
        after = after[:CONTEXT_CHARS].rstrip() + "…"
    quote = one_line(excerpt.quote)
    if len(quote) > LONG_QUOTE:
        half = LONG_QUOTE // 2
        quote = quote[:half].rstrip() + " … " + quote[-half:].lstrip()
    return before, quote, after


class ExcerptModel(QAbstractTableModel):
    """Quote (with context), topics, note, release title, date, source and coder of each
    excerpt."""

    COLUMNS: ClassVar[list[str]] = [
        "Quote", "Topics", "Note", "Release", "Date", "Source", "Coder",
    ]  # fmt: skip
    HEADER_TIPS: ClassVar[list[str]] = [
        "The highlighted passage, with a little of the text around it in grey",
        "Topics the excerpt is tagged with",
        "The analyst's note",
        "Title of the release it comes from",
        "Date of the release",
        "Who issued the release",
        "The analyst who made the highlight",
    ]
    ExcerptRole = Qt.ItemDataRole.UserRole + 1
    HighlightIdRole = Qt.ItemDataRole.UserRole + 2
    ReleaseIdRole = Qt.ItemDataRole.UserRole + 3
    QuotePartsRole = Qt.ItemDataRole.UserRole + 4  # (before, quote, after) for the delegate

    def __init__(self, store: Store, parent=None, start_empty: bool = False) -> None:
        """With ``start_empty`` nothing is listed (or queried) until :meth:`refresh` or
        :meth:`set_filter`: a tab nobody has opened yet costs no query at start-up."""
        super().__init__(parent)
        self._store = store
        self._filter = ExcerptFilter()
        self._count: int | None = 0 if start_empty else None
        self._rows: PagedRows[Excerpt] = PagedRows(
            store,
            lambda offset, limit: partial(
                query_excerpts, flt=self._filter, limit=limit, offset=offset
            ),
            parent=self,
        )
        self._rows.pageArrived.connect(partial(show_arrived_rows, self))
        self._counter = StoreWorker(self, name="excerpt count")
        self._counter.done.connect(self._counted, Qt.ConnectionType.QueuedConnection)
        self._asked = 0  # the number of the count under way; answers to older ones are stale
        self._counting = False
        if not start_empty:
            self.refresh()

    # --- what is listed -------------------------------------------------------------------

    @property
    def excerpt_filter(self) -> ExcerptFilter:
        return self._filter

    def set_store(self, store: Store) -> None:
        self._store = self._rows.store = store
        self.refresh()

    def set_filter(self, flt: ExcerptFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self.refresh()

    def refresh(self) -> None:
        """Count and fetch again from scratch: off the GUI thread when the store is a file."""
        self.beginResetModel()
        self._count = None
        self._rows.clear()
        self._asked += 1
        self._counter.forget()
        self._counting = self._store.path is not None
        if self._counting:
            self._count = 0
            flt, size = self._filter, self._rows.page_size

            def count_and_first_page(store: Store) -> list:
                return [(count_excerpts(store, flt), query_excerpts(store, flt, limit=size))]

            self._counter.request(self._asked, self._store.path, count_and_first_page)
        self.endResetModel()

    def counting(self) -> bool:
        """Whether the count and first page are still being queried."""
        return self._counting

    def _counted(self, asked: int, answer: list) -> None:
        if asked != self._asked:
            return
        self.beginResetModel()
        self._counting = False
        # A count that failed (the store went away) lists nothing rather than waiting.
        self._count, first_page = answer[0] if answer else (0, [])
        self._rows.clear()
        self._rows.keep_first(first_page)
        self.endResetModel()

    # --- rows -----------------------------------------------------------------------------

    def excerpt(self, row: int) -> Excerpt | None:
        """The excerpt shown in a row, fetching its page if needed."""
        return self._rows.row(row) if 0 <= row < self.rowCount() else None

    def row_of(self, highlight_id: int) -> int | None:
        """The row of a highlight among the pages already fetched (no query)."""
        return self._rows.position(lambda excerpt: excerpt.highlight_id == highlight_id)

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        if parent.isValid():
            return 0
        if self._count is None:
            self._count = count_excerpts(self._store, self._filter)
        return self._count

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role not in _ROLES:
            return None
        row = index.row()
        excerpt = self._rows.shown(row) if 0 <= row < self.rowCount() else None
        if excerpt is None:  # its page is being loaded: a blank row until it arrives
            return None
        column = index.column()
        if role == self.ExcerptRole:
            return excerpt
        if role == self.HighlightIdRole:
            return excerpt.highlight_id
        if role == self.ReleaseIdRole:
            return excerpt.release_id
        if role == self.QuotePartsRole:
            return quote_parts(excerpt) if column == QUOTE else None
        if role == Qt.ItemDataRole.DecorationRole:
            # Qt draws a QColor decoration as a swatch: the first topic's highlight colour.
            return QColor(excerpt.tags[0].colour) if column == TOPICS and excerpt.tags else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(excerpt, column)
        return _display(excerpt, column)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.HEADER_TIPS[section]
        return None


_ROLES = {
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.DecorationRole,
    ExcerptModel.ExcerptRole,
    ExcerptModel.HighlightIdRole,
    ExcerptModel.ReleaseIdRole,
    ExcerptModel.QuotePartsRole,
}


def _display(excerpt: Excerpt, column: int) -> str:
    if column == QUOTE:
        before, quote, after = quote_parts(excerpt)
        return f"{before} «{quote}» {after}".strip()
    if column == TOPICS:
        return " · ".join(tag.name for tag in excerpt.tags)
    if column == NOTE:
        return one_line(excerpt.note)
    if column == RELEASE:
        return one_line(excerpt.release_title)
    if column == DATE:
        return excerpt.date or "—"
    if column == CODER:
        return excerpt.coder or NO_CODER
    return excerpt.source or "—"


def _tooltip(excerpt: Excerpt, column: int) -> str | None:
    """The whole text of cells that are usually cut: quote, note, title."""
    if column == QUOTE:
        return excerpt.quote + (f"\n\nNote: {excerpt.note}" if excerpt.note else "")
    if column == NOTE:
        return excerpt.note or None
    if column == RELEASE:
        return excerpt.release_title
    if column == TOPICS:
        return "\n".join(tag.name for tag in excerpt.tags) or None
    return None
