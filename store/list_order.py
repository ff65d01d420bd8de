"""A filtered list's order read once, so that a page anywhere in it is a slice.

SQLite's B-trees keep no row numbers: a page at OFFSET n steps over the n releases before
it. In a sort's own index that costs 20–180 ms at the middle of a million releases, but with
a filter that index does not hold (an issuer, a language, a date range in title order) every
release stepped over is read to test it: 3–50 s for the middle page (docs/performance.md).

Every order of the list ends with the id, so it is total, and the order of the releases
passing a filter is the whole store's order with the others left out. The store's order
comes from walking the sort's index alone (``releases.order_queries``), the releases passing
the filter from the filter's own index; the ids of the first kept where they are in the
second give the list's order, read once per list (0.3–1 s at a million, off the window's
thread), and any page after that is a slice and one look-up of its releases by id.

Searches are left to ``releases.page_of_releases``: their order is the search's relevance
or their pages follow on from the one before in date order.
"""

from __future__ import annotations

import threading

import numpy as np

from store.db import Store
from store.releases import (
    ReleaseFilter,
    ReleaseSummary,
    SortKey,
    order_queries,
    release_filter_sql,
    summaries_of,
)


def kept_in_order(flt: ReleaseFilter, sort: SortKey) -> bool:
    """Whether a list in this order is paged through its order read once (not a search)."""
    return not flt.searches and sort != "relevance"


def _ids(store: Store, sql: str, params: list[object] = ()) -> np.ndarray:
    rows = store.conn.execute(sql, params)
    return np.fromiter((row[0] for row in rows), dtype=np.int64)


def list_ids(store: Store, flt: ReleaseFilter, sort: SortKey, descending: bool) -> np.ndarray:
    """The ids of the releases passing ``flt`` (not a search), in the list's order."""
    order = np.concatenate([_ids(store, sql) for sql in order_queries(sort, descending)])
    if flt == ReleaseFilter():
        return order
    joins, where, params = release_filter_sql(flt)
    passing = _ids(store, f"SELECT r.id FROM releases r {joins} {where}", params)
    return order[np.isin(order, passing, assume_unique=True)]


class ListOrder:
    """The order of one list (a filter in a sort), read on the first page asked of it.

    Pages may be asked from the window's thread or a worker's, each with its own store
    connection: the order is read once, under a lock.
    """

    def __init__(self, flt: ReleaseFilter, sort: SortKey, descending: bool) -> None:
        self.filter, self.sort, self.descending = flt, sort, descending
        self._ids: np.ndarray | None = None
        self._lock = threading.Lock()

    def ids(self, store: Store) -> np.ndarray:
        with self._lock:
            if self._ids is None:
                self._ids = list_ids(store, self.filter, self.sort, self.descending)
            return self._ids

    def page(self, store: Store, offset: int, limit: int) -> list[ReleaseSummary]:
        """Rows ``offset`` to ``offset + limit`` of the list, as OFFSET would give them."""
        return summaries_of(store, self.ids(store)[offset : offset + limit].tolist())
