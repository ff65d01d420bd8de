"""Finding one page of a filtered list: walk the list's order, or fetch every match and sort.

Walking the index of the sort order and testing each row against the filter stops as soon as
the page is full: quick when the filter keeps many rows, but a walk through the whole store
when it keeps few. Fetching every match and sorting costs the same on every page, whatever
the order: cheap when the matches are few. Which one SQLite picks depends only on how the
filter is written (``EXISTS`` walks, ``IN`` fetches), so the store chooses.
"""

from __future__ import annotations

import math
import sqlite3


def walk_in_order(
    conn: sqlite3.Connection,
    matches: str,
    params: list[object],
    total: int,
    offset: int,
    limit: int,
    fetch_cost: int,
) -> bool:
    """Whether walking the sort order finds rows ``offset`` to ``offset + limit`` sooner.

    ``matches`` is a query of the distinct matching rows, ``total`` the number of rows the
    walk goes through, ``fetch_cost`` what fetching and sorting one match costs in rows
    walked. With ``n`` matches spread over the order, the walk reads about
    ``(offset + limit) * total / n`` rows and fetching costs ``n * fetch_cost``: the walk
    wins once ``n`` passes the square root of their ratio. Counting the matches stops
    there, so the choice itself costs at most that many index entries.
    """
    needed = matches_to_walk(offset + limit, total, fetch_cost=fetch_cost)
    sql = f"SELECT count(*) FROM ({matches} LIMIT ?)"
    return conn.execute(sql, [*params, needed]).fetchone()[0] >= needed


def matches_to_walk(rows: int, total: int, walk_cost: int = 1, fetch_cost: int = 1) -> int:
    """How many matches make walking the order find its first ``rows`` rows sooner.

    The walk reads about ``rows * total / n`` of the ``total`` rows at ``walk_cost`` each;
    fetching and sorting costs ``n * fetch_cost``: the walk wins once ``n`` passes the
    square root of their ratio.
    """
    return math.isqrt(rows * total * walk_cost // fetch_cost) + 1
