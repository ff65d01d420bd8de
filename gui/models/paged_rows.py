"""Rows of a long list fetched a page at a time, so that no model ever loads every row.

The release list and the excerpts table both show lists that reach a million rows; each
keeps only the pages the view has asked for, and at most ``max_pages`` of them.

A view's rows come through :meth:`PagedRows.shown`, which never waits for a costly query:
a page deep in the list (SQLite counts its OFFSET row by row, so its cost grows with it) is
asked of a :class:`gui.background.worker.StoreWorker` and its rows are blank until
``pageArrived`` says they are there. Only the first page is fetched at once, so that a list
paints its first rows as soon as it is shown, as before. A store kept in memory (tests) has
no file a second connection could open: its pages are all fetched at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractItemModel, QObject, Qt, Signal

from gui.background.worker import StoreWorker
from store.db import Store

Row = TypeVar("Row")
PageQuery = Callable[[Store], list]  # one page's rows, queried on the worker's connection

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50  # ten thousand rows at most; the oldest page is dropped first


class PagedRows(QObject, Generic[Row]):
    """``query(offset, limit)`` gives the query of one page of rows in the list's order, its
    parameters taken when it is called.

    Pages fetched before :meth:`clear` (the list changed) are dropped when they arrive.
    """

    pageArrived = Signal(int, int)  # noqa: N815 (Qt's style): first and last row of a page

    def __init__(
        self,
        store: Store,
        query: Callable[[int, int], PageQuery],
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.query = query
        self.page_size = page_size
        self.max_pages = max_pages
        self.pages: dict[int, list[Row]] = {}
        self._generation = 0  # of the list: a page asked for an earlier one is stale
        self._loader = StoreWorker(self, name="pages")
        self._loader.done.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    def row(self, row: int) -> Row | None:
        """The row at that position, fetching its page here if needed (a caller that must
        have the row now: not for painting)."""
        number, offset = divmod(row, self.page_size)
        page = self.pages.get(number)
        if page is None:
            query = self.query(number * self.page_size, self.page_size)
            page = self._keep(number, query(self.store))
        return page[offset] if offset < len(page) else None

    def shown(self, row: int) -> Row | None:
        """The row at that position for a view: None while its page is being loaded.

        A row shown in the last (or first) quarter of its page has the next (or previous)
        page asked for too, so that scrolling on across the page's edge finds its rows
        there instead of blank for the time a page takes.
        """
        number, offset = divmod(row, self.page_size)
        if self.store.path is None:
            return self.row(row)
        if number in self.pages or number == 0:
            found = self.row(row)
            if offset >= self.page_size - self.page_size // 4:
                if len(self.pages[number]) == self.page_size:  # not the last page
                    self._load(number + 1)
            elif offset < self.page_size // 4 and number > 0:
                self._load(number - 1)
            return found
        self._load(number)
        return None

    def _load(self, number: int) -> None:
        """Ask the loader for a page not fetched yet."""
        if number not in self.pages:
            query = self.query(number * self.page_size, self.page_size)
            self._loader.request((self._generation, number), self.store.path, query)

    def prepare(self, job: PageQuery) -> None:
        """Run a job on the loader before the pages asked after it, its answer dropped: a
        list's order read ahead, so that a jump deep into it waits for no more than its
        page (``store.list_order``)."""
        if self.store.path is not None:
            self._loader.request((self._generation, None), self.store.path, job)

    def keep_first(self, page: list[Row]) -> None:
        """Hold a first page queried elsewhere (a search's, off the GUI thread)."""
        self._keep(0, page)

    def cached(self, row: int) -> Row | None:
        """The row at that position if its page was fetched already (no query)."""
        number, offset = divmod(row, self.page_size)
        page = self.pages.get(number, [])
        return page[offset] if offset < len(page) else None

    def position(self, matches: Callable[[Row], bool]) -> int | None:
        """The position of the first fetched row that matches (no query)."""
        for number, page in self.pages.items():
            for offset, row in enumerate(page):
                if matches(row):
                    return number * self.page_size + offset
        return None

    def clear(self) -> None:
        """Forget every page (the list changed): pages still being loaded are stale."""
        self.pages.clear()
        self._generation += 1
        self._loader.forget()

    def _keep(self, number: int, page: list[Row]) -> list[Row]:
        if len(self.pages) >= self.max_pages:
            self.pages.pop(next(iter(self.pages)))
        self.pages[number] = page
        return page

    def _arrived(self, key: tuple[int, int], page: list[Row]) -> None:
        generation, number = key
        if generation != self._generation or number is None or number in self.pages:
            return
        self._keep(number, page)
        if page:
            start = number * self.page_size
            self.pageArrived.emit(start, start + len(page) - 1)


def show_arrived_rows(model: QAbstractItemModel, first: int, last: int) -> None:
    """Tell a table model's views that its rows ``first``…``last`` arrived (those it still
    has: a list that shrank meanwhile is refreshed anyway)."""
    last = min(last, model.rowCount() - 1)
    if first <= last:
        model.dataChanged.emit(model.index(first, 0), model.index(last, model.columnCount() - 1))
