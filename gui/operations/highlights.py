"""Undoable highlight operations.

Highlight and topic ids stay stable across undo and redo: undoing an add takes a snapshot and
deletes; redoing restores the snapshot with the same id, so later operations still point at
it. Topics the analyst named in the topic picker are created in the same step as the
highlight that carries them, and undone with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gui.operations.undoable import UndoableOperation
from store import tags as tag_store
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


@dataclass(frozen=True)
class TopicChoice:
    """Topics chosen for a highlight: existing ids, and names still to be created."""

    tag_ids: tuple[int, ...] = ()
    new_names: tuple[str, ...] = field(default_factory=tuple)

    def __bool__(self) -> bool:
        return bool(self.tag_ids or self.new_names)


class _NewTopics:
    """The topics of a choice: the names the codebook lacks are created on the first run,
    deleted on undo and restored with the same ids on redo."""

    def __init__(self, choice: TopicChoice) -> None:
        self.choice = choice
        self._named: list[int] | None = None  # the ids of the choice's names, once known
        self._created: list[int] = []
        self._deleted: list[tag_store.TagSnapshot] = []

    def tag_ids(self, store: Store) -> tuple[list[int], Changes]:
        """The chosen topics' ids, creating (or bringing back) the new ones."""
        changes = Changes()
        if self._deleted:
            for snapshot in self._deleted:
                changes |= tag_store.restore_tag(store, snapshot)
            self._deleted = []
        elif self._named is None:
            self._named = []
            for name in self.choice.new_names:
                tag = tag_store.find_tag(store, name)
                if tag is None:
                    made = tag_store.create_tag(store, name)
                    changes |= made
                    self._created.append(made.created)
                self._named.append(tag.id if tag else made.created)
        return list(dict.fromkeys([*self.choice.tag_ids, *self._named])), changes

    def remove(self, store: Store) -> Changes:
        """Undo: delete the topics this operation created."""
        changes = Changes()
        for tag_id in reversed(self._created):
            self._deleted.insert(0, tag_store.snapshot_tag(store, tag_id))
            changes |= tag_store.delete_tag(store, tag_id)
        return changes


class _HighlightOperation(UndoableOperation):
    def _snapshot(self, highlight_id: int) -> Highlight:
        highlight = get_highlight(self.store, highlight_id)
        if highlight is None:
            raise HighlightError(f"The highlight {highlight_id} no longer exists.")
        return highlight


class AddHighlight(_HighlightOperation):
    """A new highlight on ``text[start:end]``; ``highlight_id`` is known after the first redo."""

    def __init__(
        self, release_id: int, start: int, end: int, topics: TopicChoice, note: str = ""
    ) -> None:
        super().__init__("Highlight passage")
        self.release_id, self.start, self.end, self.note = release_id, start, end, note
        self._topics = _NewTopics(topics)
        self.highlight_id: int | None = None
        self._deleted: Highlight | None = None

    def do(self) -> Changes:
        with self.store.write():
            tag_ids, changes = self._topics.tag_ids(self.store)
            if self._deleted is not None:
                return changes | restore_highlight(self.store, self._deleted)
            added = add_highlight(
                self.store, self.release_id, self.start, self.end, tag_ids, self.note
            )
        self.highlight_id = added.created
        return changes | added

    def undo_change(self) -> Changes:
        with self.store.write():
            self._deleted = self._snapshot(self.highlight_id)
            changes = delete_highlight(self.store, self.highlight_id)
            return changes | self._topics.remove(self.store)


class DeleteHighlight(_HighlightOperation):
    """Remove a highlight; undo brings it back with its id, tags and note."""

    def __init__(self, highlight_id: int) -> None:
        super().__init__("Delete highlight")
        self.highlight_id = highlight_id
        self._deleted: Highlight | None = None

    def do(self) -> Changes:
        self._deleted = self._snapshot(self.highlight_id)
        return delete_highlight(self.store, self.highlight_id)

    def undo_change(self) -> Changes:
        return restore_highlight(self.store, self._deleted)


class RetagHighlight(_HighlightOperation):
    """Give a highlight another set of topics (new ones created in the same step)."""

    def __init__(self, highlight_id: int, topics: TopicChoice) -> None:
        super().__init__("Change highlight topics")
        self.highlight_id = highlight_id
        self._topics = _NewTopics(topics)
        self.old: list[int] | None = None

    def do(self) -> Changes:
        with self.store.write():
            if self.old is None:
                self.old = [tag.id for tag in self._snapshot(self.highlight_id).tags]
            tag_ids, changes = self._topics.tag_ids(self.store)
            return changes | set_highlight_tags(self.store, self.highlight_id, tag_ids)

    def undo_change(self) -> Changes:
        with self.store.write():
            changes = set_highlight_tags(self.store, self.highlight_id, self.old or [])
            return changes | self._topics.remove(self.store)


class NoteHighlight(_HighlightOperation):
    """Write (or clear) a highlight's note."""

    def __init__(self, highlight_id: int, note: str) -> None:
        super().__init__("Edit highlight note")
        self.highlight_id, self.new = highlight_id, note
        self.old: str | None = None

    def do(self) -> Changes:
        if self.old is None:
            self.old = self._snapshot(self.highlight_id).note
        return set_highlight_note(self.store, self.highlight_id, self.new)

    def undo_change(self) -> Changes:
        return set_highlight_note(self.store, self.highlight_id, self.old or "")


class MoveHighlight(_HighlightOperation):
    """Put a highlight on another passage (re-attach one that lost its place)."""

    def __init__(self, highlight_id: int, start: int, end: int) -> None:
        super().__init__("Move highlight")
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


class CarryHighlight(AddHighlight):
    """A highlight carried to its aligned passage in another release (the two-column
    reader): a new highlight there, on that release's own offsets, with the same topics."""

    def __init__(self, carried: Highlight, release_id: int, start: int, end: int) -> None:
        super().__init__(release_id, start, end, TopicChoice(tuple(t.id for t in carried.tags)))
        self.setText("Carry highlight to the other side")
