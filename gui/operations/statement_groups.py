"""Undoable joins and splits of statement groups (the language versions of one statement).

The store returns the snapshot of every release a change touched as it was; the undo puts
it back (``restore_groups``), keeping first what the change had made, so that a redo puts
back exactly that (the same group id, the same splits) rather than joining anew.
"""

from __future__ import annotations

from collections.abc import Callable

from gui.operations.undoable import UndoableOperation
from store.changes import Changes
from store.db import Store
from store.statement_groups import (
    GroupSnapshot,
    join_group,
    leave_group,
    restore_groups,
    snapshot_groups,
)


class StatementChange(UndoableOperation):
    """A change to statement groups: ``change`` writes and returns the snapshot before."""

    def __init__(self, text: str, change: Callable[[Store], GroupSnapshot]) -> None:
        super().__init__(text)
        self._change = change
        self._before: GroupSnapshot | None = None
        self._after: GroupSnapshot | None = None

    def do(self) -> Changes:
        if self._after is not None:  # a redo: the groups as the change had made them
            return restore_groups(self.store, self._after)
        self._before = self._change(self.store)
        return self._before.changes

    def undo_change(self) -> Changes:
        self._after = snapshot_groups(self.store.conn, self._before.releases)
        return restore_groups(self.store, self._before)


def join_statement(release_ids: list[int]) -> StatementChange:
    """The releases become versions of one statement."""
    ids = list(release_ids)
    return StatementChange(
        f"Join {len(ids)} releases as one statement", lambda store: join_group(store, ids)
    )


def leave_statement(release_id: int, title: str) -> StatementChange:
    """The release is not the same statement as its group's other versions."""
    short = title if len(title) <= 40 else title[:39] + "…"
    return StatementChange(
        f"Take “{short}” out of its statement", lambda store: leave_group(store, release_id)
    )
