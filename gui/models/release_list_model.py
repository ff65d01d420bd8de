"""The release list as a table model that never loads every row.

As in Anki's browser, the model knows only how many releases match (one ``count`` query) and
fetches the rows it is asked to show, a page at a time, into a small cache. Scrolling to the
middle of a million releases costs one page query, not a million rows, and that query runs
off the GUI thread (see :mod:`gui.models.paged_rows`): the rows are blank until it is done.

A search counts its matches only up to ``SEARCH_COUNT_STEP``: a word found in nearly every
release would otherwise read a million index entries before the list could show a row. The
list then holds that many rows and grows, as Qt's views ask (``canFetchMore``/``fetchMore``)
when the analyst scrolls to its end, by counting twice as far each time.

A search's count and first page are queried off the GUI thread too: some searches cannot be
cut short (a four-letter prefix found in a third of a million releases has every match
sorted; docs/performance.md has the figures), and so is a filter by the speaker's name,
which reads every release's speaker (0.8 s at a million releases). The list is empty and
``searching()`` true until they arrive (when the search is only queried again because the
store changed, its earlier rows stay listed meanwhile); a newer search or sort makes an older
answer stale.

Any other list reads its order once, off the GUI thread, as soon as it is listed
(``store.list_order``): a page deep in it, whatever the sort and the filter, is then a slice
of that order and one look-up of its releases, where OFFSET stepped over every release
before it.
"""

from __future__ import annotations

from functools import cache, partial
from typing import ClassVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from gui import settings
from gui.background.worker import StoreWorker
from gui.models.paged_rows import PagedRows, PageQuery, show_arrived_rows
from gui.operations.runner import Operations
from store.changes import Changes
from store.db import Store
from store.list_order import ListOrder, kept_in_order
from store.releases import (
    ReleaseFilter,
    ReleaseSummary,
    SortKey,
    count_releases,
    page_of_releases,
)
from store.statement_versions import in_language

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SEARCH_COUNT_STEP = 10_000


class ReleaseListModel(QAbstractTableModel):
    """Date, issuer, title and number of highlights of the releases passing a filter; the
    issuer's tooltip names the speaker too."""

    COLUMNS: ClassVar[list[tuple[str, SortKey]]] = [
        ("Date", "date"),
        ("Issuer", "issuer"),
        ("Title", "title"),
        ("✎", "highlights"),  # a narrow column: the title needs the room
    ]
    HEADER_TIPS: ClassVar[list[str]] = [
        "Date of the release",
        "Who issued it (the speaker in its tooltip)",
        "Title",
        "Number of highlights",
    ]
    ReleaseIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, operations: Operations, parent=None) -> None:
        super().__init__(parent)
        store = self._store = operations.store
        self._filter = ReleaseFilter()
        self._sort: SortKey = "date"
        self._descending = True
        self._count: int | None = None
        self._counted_all = False  # False while a search has more matches than _count
        self.search_count_step = SEARCH_COUNT_STEP
        self._rows: PagedRows[ReleaseSummary] = PagedRows(store, self._page_query, parent=self)
        self._rows.pageArrived.connect(partial(show_arrived_rows, self))
        self._order: ListOrder | None = None  # of a list that is not a search
        self._clear_rows()
        self._searcher = StoreWorker(self, name="search")
        self._searcher.done.connect(self._search_arrived, Qt.ConnectionType.QueuedConnection)
        self._search = 0  # the number of the search under way; answers to older ones are stale
        self._searching = False
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self._set_store)

    # --- what is listed -------------------------------------------------------------------

    @property
    def release_filter(self) -> ReleaseFilter:
        return self._filter

    def _set_store(self, store: Store) -> None:
        self.beginResetModel()
        self._store = self._rows.store = store
        self._forget()
        self.endResetModel()

    def set_filter(self, flt: ReleaseFilter) -> None:
        if flt == self._filter:
            return
        self.beginResetModel()
        self._filter = flt
        self._forget()
        self.endResetModel()

    def refresh(self) -> None:
        """Query again from scratch (another process or a big import changed the store).

        A search's rows stay listed until its new answer arrives: a feed reader or a second
        window writing every few minutes must not empty the list the analyst is reading.
        """
        if self._queried_aside and self._store.path is not None and not self._searching:
            self._ask_search()
            return
        self.beginResetModel()
        self._forget()
        self.endResetModel()

    def _on_changes(self, changes: Changes) -> None:
        """Refresh only as much as a store change requires."""
        if (
            changes.releases
            or changes.elsewhere
            or (changes.highlights and self._membership_depends_on_highlights())
        ):
            self.refresh()
        elif changes.highlights:
            # Only highlight counts moved; rows stay where they are (the selection too), and
            # so does the list's order.
            self._rows.clear()
            if self.rowCount():
                last = self.index(self.rowCount() - 1, len(self.COLUMNS) - 1)
                self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    @property
    def _queried_aside(self) -> bool:
        """Whether the list's count and first page are queried off the GUI thread, counted
        a step at a time: a search, or a speaker's name (a part of it matches, so no index
        serves it)."""
        return self._filter.searches or bool(self._filter.speakers)

    def _membership_depends_on_highlights(self) -> bool:
        flt = self._filter
        return bool(flt.tag_ids) or flt.has_highlights is not None or self._sort == "highlights"

    def _forget(self) -> None:
        self._count = None
        self._counted_all = False
        self._clear_rows()
        self._searching = self._queried_aside and self._store.path is not None
        if self._searching:
            self._count, self._counted_all = 0, True
        self._ask_search()

    def _ask_search(self) -> None:
        """Make every answer under way stale; when searching, ask for the search's count and
        first page off the GUI thread."""
        self._search += 1
        self._searcher.forget()
        if self._queried_aside and self._store.path is not None:
            self._searcher.request(self._search, self._store.path, self._search_query())

    def _clear_rows(self) -> None:
        """Forget the rows and the order of the list (it changed), and have its new order
        read ahead."""
        self._rows.clear()
        self._order = None
        if kept_in_order(self._filter, self._sort):
            self._order = ListOrder(self._filter, self._sort, self._descending)
            self._rows.prepare(self._order.ids)

    def searching(self) -> bool:
        """Whether a search's count and first page are still being queried."""
        return self._searching

    def _search_query(self) -> PageQuery:
        flt, step = self._filter, self.search_count_step
        first_page = self._page_query(0, self._rows.page_size)

        def query(store: Store) -> list:
            found = count_releases(store, flt, up_to=step + 1)
            return [(min(found, step), found <= step, first_page(store))]

        return query

    def _search_arrived(self, search: int, answer: list) -> None:
        if search != self._search:
            return
        self.beginResetModel()
        self._searching = False
        # A search that failed (the store went away) lists nothing rather than waiting.
        (self._count, self._counted_all, first_page) = answer[0] if answer else (0, True, [])
        self._clear_rows()
        self._rows.keep_first(first_page)
        self.endResetModel()

    def counted_all(self) -> bool:
        """Whether ``rowCount()`` is every match, not only the first ones counted so far."""
        self.rowCount()
        return self._counted_all

    def _counted(self, limit: int) -> tuple[int, bool]:
        """The number of matches, counted no further than ``limit`` when searching, and
        whether that is all of them."""
        if not self._queried_aside:
            return count_releases(self._store, self._filter), True
        found = count_releases(self._store, self._filter, up_to=limit + 1)
        return min(found, limit), found <= limit

    # --- rows -----------------------------------------------------------------------------

    def summary(self, row: int) -> ReleaseSummary | None:
        """The release shown in a row, fetching its page if needed."""
        return self._rows.row(row) if 0 <= row < self.rowCount() else None

    def row_of(self, release_id: int) -> int | None:
        """The row of a release among the pages already fetched and the first page (no
        query deeper in the list)."""
        if self.rowCount():
            self._rows.row(0)  # what the view fetches first anyway
        return self._rows.position(lambda summary: summary.id == release_id)

    def _page_query(self, offset: int, limit: int) -> PageQuery:
        if offset and self._order is not None:
            return partial(self._order.page, offset=offset, limit=limit)
        # In date order a page can start after the last row of the page before, when that
        # is at hand: a common word's pages are walked, and walking from the start again
        # would look up every earlier release once more, a cost that grows with the row.
        language = self._statement_language()
        # A statement's row may show another version than the one that stands for it in
        # the list's order: the next page then starts from its offset.
        keyed = offset and self._sort == "date" and language is None
        after = self._rows.cached(offset - 1) if keyed else None
        page = partial(
            page_of_releases,
            flt=self._filter,
            sort=self._sort,
            descending=self._descending,
            offset=0 if after else offset,
            limit=limit,
            after=after,
        )
        if language is None:
            return page
        return lambda store: in_language(store, page(store), language)

    def _statement_language(self) -> str | None:
        """The language a statement's row shows its version in, when the list shows one row
        per statement and no language filter chooses the versions."""
        flt = self._filter
        return settings.reading_language() if flt.one_per_statement and not flt.languages else None

    # --- QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802 (Qt's name)
        if parent.isValid():
            return 0
        if self._count is None:
            self._count, self._counted_all = self._counted(self.search_count_step)
        return self._count

    def canFetchMore(self, parent: AnyIndex = _ROOT) -> bool:  # noqa: N802
        return not parent.isValid() and not self.counted_all()

    def fetchMore(self, parent: AnyIndex = _ROOT) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        shown = self.rowCount()
        more, counted_all = self._counted(2 * shown)
        if more > shown:
            self.beginInsertRows(_ROOT, shown, more - 1)
            self._count, self._counted_all = more, counted_all
            self.endInsertRows()
        else:  # another process deleted matches: the next refresh shows it
            self._counted_all = counted_all

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.FontRole,
            self.ReleaseIdRole,
        ):
            return None
        row = index.row()
        summary = self._rows.shown(row) if 0 <= row < self.rowCount() else None
        if summary is None:  # its page is being loaded: a blank row until it arrives
            return None
        if role == Qt.ItemDataRole.FontRole:  # unread ones bold, as in any reader of news
            return _unread_font() if summary.unread else None
        if role == self.ReleaseIdRole:
            return summary.id
        if role == Qt.ItemDataRole.ToolTipRole:
            # Both are often elided; the speaker has no column of its own.
            return {1: issuer_tip(summary), 2: title_tip(summary)}.get(column)
        if column == 0:
            return summary.date or "—"
        if column == 1:
            return summary.issuer or "—"
        if column == 2:
            return self._title(summary)
        return summary.highlight_count or ""

    def _title(self, summary: ReleaseSummary) -> str:
        """The title; a statement's row puts its languages before it ("EN DE FR │ …"),
        the one it shows first, kept short: the list's title column is narrow."""
        if self._filter.one_per_statement and len(summary.languages) > 1:
            return f"{statement_languages(summary)} │ {summary.title}"
        return summary.title

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section][0]
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.HEADER_TIPS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.COLUMNS[column][1], descending) == (self._sort, self._descending):
            return  # the view re-applies its sort on setup; no query for nothing
        # A reset, not a layout change: rows we never fetched cannot be mapped to new places.
        self.beginResetModel()
        self._sort = self.COLUMNS[column][1]
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._queried_aside:
            self._forget()  # the first page of a search in its new order, off the GUI thread
        else:
            self._clear_rows()
        self.endResetModel()


@cache
def _unread_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def issuer_tip(summary: ReleaseSummary) -> str | None:
    """The issuer's cell tooltip: its whole name, and who spoke when the release says.

    >>> issuer_tip(ReleaseSummary(1, "t", None, None, None, None, 0, "NATO", "Mark Rutte"))
    'NATO\\nSpeaker: Mark Rutte'
    """
    lines = [summary.issuer or "No issuer known"]
    if summary.speaker:
        lines.append(f"Speaker: {summary.speaker}")
    return "\n".join(lines) if summary.issuer or summary.speaker else None


def statement_languages(summary: ReleaseSummary) -> str:
    """The languages of a release's statement, the one it is in first.

    >>> statement_languages(ReleaseSummary(1, "t", None, None, None, "fr", 0,
    ...                     languages=("de", "en", "fr")))
    'FR DE EN'
    """
    first = [summary.language] if summary.language in summary.languages else []
    rest = [language for language in summary.languages if language != summary.language]
    return " ".join(language.upper() for language in first + rest)


def title_tip(summary: ReleaseSummary) -> str:
    """The title cell's tooltip: the whole title, and the statement's other languages."""
    others = [language.upper() for language in summary.languages if language != summary.language]
    if not others:
        return summary.title
    return f"{summary.title}\nAlso in {' · '.join(others)}"
