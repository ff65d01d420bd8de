"""Coders: the analysts whose highlights a store holds.

Every highlight carries its coder's name and every codebook change is logged with it
(``codebook_changes``), so that stores of several analysts can be merged and their agreement
measured. Highlights made before coders were recorded carry the empty name, shown as
:data:`store.coder_names.NO_CODER`, until :func:`rename_coder` names them.
"""

from __future__ import annotations

from dataclasses import dataclass

from store.changes import Changes
from store.coder_names import NO_CODER, CoderError, clean_coder
from store.db import Store


@dataclass(frozen=True)
class Coder:
    name: str  # "" for highlights made before coders were recorded
    highlights: int
    releases: int

    @property
    def label(self) -> str:
        return self.name or NO_CODER


def list_coders(store: Store) -> list[Coder]:
    """Every coder with highlights in the store, most highlights first."""
    rows = store.conn.execute(
        "SELECT coder, count(*), count(DISTINCT release_id) FROM highlights "
        "GROUP BY coder ORDER BY count(*) DESC, coder"
    ).fetchall()
    return [Coder(*row) for row in rows]


def rename_coder(store: Store, old: str, new: str) -> Changes:
    """Give every highlight and codebook change of ``old`` the name ``new`` (one coder's
    two spellings become one; the unnamed highlights of an older store get their name)."""
    new = clean_coder(new)
    with store.write() as conn:
        cursor = conn.execute("UPDATE highlights SET coder = ? WHERE coder = ?", (new, old))
        if not cursor.rowcount:
            raise CoderError(f"No highlight has the coder “{old or NO_CODER}”.")
        conn.execute("UPDATE codebook_changes SET coder = ? WHERE coder = ?", (new, old))
        releases = frozenset(
            row[0]
            for row in conn.execute(
                "SELECT DISTINCT release_id FROM highlights WHERE coder = ?", (new,)
            )
        )
    return Changes(highlights=releases)
