"""Writes that only tests make: the window and the command line never delete a release, but
the count triggers must follow a delete (foreign keys cascade to its highlights)."""

from __future__ import annotations

from store.db import Store


def delete_release(store: Store, release_id: int) -> None:
    """Delete a release and, by cascade, its highlights, versions and original."""
    with store.write() as conn:
        conn.execute("DELETE FROM releases WHERE id = ?", (release_id,))
