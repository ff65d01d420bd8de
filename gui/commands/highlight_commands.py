"""Undoable highlight changes (see ``gui.commands.store_command`` for how they run).

The analyst's work is saved the moment it is made, and undoing it is a change in the store
too.

Highlight ids stay stable across undo and redo: undoing an add takes a snapshot and deletes;
redoing restores the snapshot with the same id, so later commands still point at it.
"""

from __future__ import annotations

from gui.bus import ChangeBus
from gui.commands.store_command import StoreCommand
from store.changes import Changes
from store.db import Store
from store.highlights import (
    Highlight,
    HighlightError,
    add_highlight,
    delete_highlight,
    get_highlight,
    move_highlight,
    restore_highlight,
    set_highlight_note,
    set_highlight_tags,
)


class HighlightCommand(StoreCommand):
    """Base of the highlight commands."""

    def _snapshot(self, highlight_id: int) -> Highlight:
        highlight = get_highlight(self.store, highlight_id)
        if highlight is None:
            raise HighlightError(f"The highlight {highlight_id} no longer exists.")
        return highlight


class AddHighlight(HighlightCommand):
    """A new highlight on ``text[start:end]``; ``highlight_id`` is known after the first redo."""

    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        release_id: int,
        start: int,
        end: int,
        tag_ids: list[int],
        note: str = "",
    ) -> None:
        super().__init__(store, bus, "Highlight passage")
        self.release_id, self.start, self.end = release_id, start, end
        self.tag_ids, self.note = list(tag_ids), note
        self.highlight_id: int | None = None
        self._deleted: Highlight | None = None

    def do(self) -> Changes:
        if self._deleted is not None:
            return restore_highlight(self.store, self._deleted)
        changes = add_highlight(
            self.store, self.release_id, self.start, self.end, self.tag_ids, self.note
        )
        self.highlight_id = changes.created
        return changes

    def undo_change(self) -> Changes:
        self._deleted = self._snapshot(self.highlight_id)
        return delete_highlight(self.store, self.highlight_id)


class DeleteHighlight(HighlightCommand):
    """Remove a highlight; undo brings it back with its id, tags and note."""

    def __init__(self, store: Store, bus: ChangeBus, highlight_id: int) -> None:
        super().__init__(store, bus, "Delete highlight")
        self.highlight_id = highlight_id
        self._deleted: Highlight | None = None

    def do(self) -> Changes:
        self._deleted = self._snapshot(self.highlight_id)
        return delete_highlight(self.store, self.highlight_id)

    def undo_change(self) -> Changes:
        return restore_highlight(self.store, self._deleted)


class RetagHighlight(HighlightCommand):
    """Give a highlight another set of topics."""

    def __init__(self, store: Store, bus: ChangeBus, highlight_id: int, tag_ids: list[int]) -> None:
        super().__init__(store, bus, "Change highlight topics")
        self.highlight_id, self.new = highlight_id, list(tag_ids)
        self.old: list[int] | None = None

    def do(self) -> Changes:
        if self.old is None:
            self.old = [tag.id for tag in self._snapshot(self.highlight_id).tags]
        return set_highlight_tags(self.store, self.highlight_id, self.new)

    def undo_change(self) -> Changes:
        return set_highlight_tags(self.store, self.highlight_id, self.old or [])


class NoteHighlight(HighlightCommand):
    """Write (or clear) a highlight's note."""

    def __init__(self, store: Store, bus: ChangeBus, highlight_id: int, note: str) -> None:
        super().__init__(store, bus, "Edit highlight note")
        self.highlight_id, self.new = highlight_id, note
        self.old: str | None = None

    def do(self) -> Changes:
        if self.old is None:
            self.old = self._snapshot(self.highlight_id).note
        return set_highlight_note(self.store, self.highlight_id, self.new)

    def undo_change(self) -> Changes:
        return set_highlight_note(self.store, self.highlight_id, self.old or "")


class MoveHighlight(HighlightCommand):
    """Put a highlight on another passage (re-attach one that lost its place)."""

    def __init__(self, store: Store, bus: ChangeBus, highlight_id: int, start: int, end: int):
        super().__init__(store, bus, "Move highlight")
        self.highlight_id, self.new = highlight_id, (start, end)
        self._before: Highlight | None = None

    def do(self) -> Changes:
        if self._before is None:
            self._before = self._snapshot(self.highlight_id)
        return move_highlight(self.store, self.highlight_id, *self.new)

    def undo_change(self) -> Changes:
        # Deleting and restoring puts back the exact earlier place, orphaned flag included.
        before = self._before
        with self.store.write():
            delete_highlight(self.store, before.id)
            return restore_highlight(self.store, before)
