"""Rows of a long list fetched a page at a time, so that no model ever loads every row.

The release list and the excerpts table both show lists that reach a million rows; each
keeps only the pages the view has asked for, and at most ``max_pages`` of them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

Row = TypeVar("Row")

PAGE_SIZE = 200
MAX_CACHED_PAGES = 50  # ten thousand rows at most; the oldest page is dropped first


class PagedRows(Generic[Row]):
    """``fetch(offset, limit)`` returns one page of rows in the list's order.

    >>> rows = PagedRows(lambda offset, limit: list(range(offset, offset + limit)), 10)
    >>> rows.row(25), sorted(rows.pages)
    (25, [2])
    """

    def __init__(
        self,
        fetch: Callable[[int, int], list[Row]],
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_CACHED_PAGES,
    ) -> None:
        self.fetch = fetch
        self.page_size = page_size
        self.max_pages = max_pages
        self.pages: dict[int, list[Row]] = {}

    def row(self, row: int) -> Row | None:
        """The row at that position, fetching its page if needed."""
        number, offset = divmod(row, self.page_size)
        page = self.pages.get(number)
        if page is None:
            page = self.fetch(number * self.page_size, self.page_size)
            if len(self.pages) >= self.max_pages:
                self.pages.pop(next(iter(self.pages)))
            self.pages[number] = page
        return page[offset] if offset < len(page) else None

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
        self.pages.clear()
