"""Which version a statement's row shows: the one in the analyst's language.

The release list's one row per statement (store.statement_listing) stands each statement for
one of its versions, the first that passes the list's search; the analyst reads in one
language, so the row shows the statement's version in that language when it has one, and
the version found otherwise. A search for a French word still finds the statement, and its
row shows the English version when English is the analyst's language.
"""

from __future__ import annotations

import json

from store.db import Store
from store.releases import ReleaseSummary, release_summaries


def in_language(
    store: Store, rows: list[ReleaseSummary], language: str | None
) -> list[ReleaseSummary]:
    """The rows, each grouped one replaced by its statement's version in ``language`` (the
    lowest id of those in it), in the same places; rows of no group, or whose statement
    has no version in it, stay as they are."""
    wanted = {row.group_id for row in rows if row.group_id is not None and row.language != language}
    if not language or not wanted:
        return rows
    found = store.conn.execute(
        "SELECT m.group_id, min(m.release_id) FROM statement_members m "
        "JOIN releases v ON v.id = m.release_id "
        "WHERE m.group_id IN (SELECT value FROM json_each(?)) AND v.language = ? "
        "GROUP BY m.group_id",
        (json.dumps(sorted(wanted)), language),
    ).fetchall()
    version = dict(found)
    summaries = release_summaries(store, list(version.values()))
    return [
        summaries.get(version.get(row.group_id), row) if row.group_id in wanted else row
        for row in rows
    ]
