"""Undoable codebook operations: every change to the topics goes through one of these.

Tag ids stay stable across undo and redo (undoing a create snapshots the topic; redoing
restores it with the same id), so operations further up the stack still refer to the right
topic.
"""

from __future__ import annotations

from gui.operations.undoable import UndoableOperation
from store import tags as tag_store
from store.changes import Changes
from store.starter_codebook import (
    StarterTopic,
    add_starter_topics,
    remove_starter_topics,
    restore_starter_topics,
)
from store.tags import Tag


class CreateTag(UndoableOperation):
    """New topic; ``tag_id`` is known after the first redo and kept for later redos."""

    def __init__(self, name: str, parent_id: int | None = None, colour: str | None = None):
        super().__init__(f"New topic “{name}”")
        self.name, self.parent_id, self.colour = name, parent_id, colour
        self.tag_id: int | None = None
        self._snapshot: tag_store.TagSnapshot | None = None

    def do(self) -> Changes:
        if self._snapshot is not None:
            return tag_store.restore_tag(self.store, self._snapshot)
        changes = tag_store.create_tag(self.store, self.name, self.colour, self.parent_id)
        self.tag_id = changes.created
        return changes

    def undo_change(self) -> Changes:
        self._snapshot = tag_store.snapshot_tag(self.store, self.tag_id)
        return tag_store.delete_tag(self.store, self.tag_id)


class _SetField(UndoableOperation):
    """A rename, recolour or new description: redo writes ``new``, undo writes ``old``."""

    def __init__(self, tag_id: int, old: str, new: str, text: str) -> None:
        super().__init__(text)
        self.tag_id, self.old, self.new = tag_id, old, new

    def do(self) -> Changes:
        return self.write(self.new)

    def undo_change(self) -> Changes:
        return self.write(self.old)

    def write(self, value: str) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


class RenameTag(_SetField):
    def __init__(self, tag: Tag, name: str) -> None:
        super().__init__(tag.id, tag.name, name, f"Rename “{tag.name}” to “{name}”")

    def write(self, value: str) -> Changes:
        return tag_store.rename_tag(self.store, self.tag_id, value)


class RecolourTag(_SetField):
    def __init__(self, tag: Tag, colour: str) -> None:
        super().__init__(tag.id, tag.colour, colour, f"Recolour “{tag.name}”")

    def write(self, value: str) -> Changes:
        return tag_store.recolour_tag(self.store, self.tag_id, value)


class DescribeTag(_SetField):
    def __init__(self, tag: Tag, text: str) -> None:
        super().__init__(tag.id, tag.description, text, f"Describe “{tag.name}”")

    def write(self, value: str) -> Changes:
        return tag_store.describe_tag(self.store, self.tag_id, value)


class MoveTag(UndoableOperation):
    """Nest a topic under another one, or at the top level with ``parent_id=None``."""

    def __init__(self, tag: Tag, parent_id: int | None) -> None:
        where = "the top level" if parent_id is None else "another topic"
        super().__init__(f"Move “{tag.name}” to {where}")
        self.tag_id, self.old_parent, self.new_parent = tag.id, tag.parent_id, parent_id

    def do(self) -> Changes:
        return tag_store.move_tag(self.store, self.tag_id, self.new_parent)

    def undo_change(self) -> Changes:
        return tag_store.move_tag(self.store, self.tag_id, self.old_parent)


class DeleteTag(UndoableOperation):
    """Delete a topic (its highlights stay); undo restores it with its id, links, sub-topics."""

    def __init__(self, tag: Tag) -> None:
        super().__init__(f"Delete topic “{tag.name}”")
        self.tag_id = tag.id
        self._snapshot: tag_store.TagSnapshot | None = None

    def do(self) -> Changes:
        self._snapshot = tag_store.snapshot_tag(self.store, self.tag_id)
        return tag_store.delete_tag(self.store, self.tag_id)

    def undo_change(self) -> Changes:
        return tag_store.restore_tag(self.store, self._snapshot)


class MergeTags(UndoableOperation):
    """Merge ``source`` into ``target``; undo brings the source back and takes off the
    target exactly the links the merge added (highlights that carried both keep both)."""

    def __init__(self, source: Tag, target: Tag) -> None:
        super().__init__(f"Merge “{source.name}” into “{target.name}”")
        self.source_id, self.target_id = source.id, target.id
        self._source: tag_store.TagSnapshot | None = None
        self._target_before: frozenset[int] = frozenset()

    def do(self) -> Changes:
        self._source = tag_store.snapshot_tag(self.store, self.source_id)
        target = tag_store.snapshot_tag(self.store, self.target_id)
        self._target_before = frozenset(target.highlight_ids)
        return tag_store.merge_tags(self.store, self.source_id, self.target_id)

    def undo_change(self) -> Changes:
        return tag_store.undo_merge(self.store, self._source, self.target_id, self._target_before)


class AddStarterCodebook(UndoableOperation):
    """The example topics (and their sub-topics) added as one step: one Ctrl+Z takes the
    whole starter codebook away, one Ctrl+Shift+Z brings it back with the same ids."""

    def __init__(self, topics: list[StarterTopic]) -> None:
        super().__init__("Add the example topics")
        self.topics = topics
        self.tag_ids: list[int] = []
        self._snapshots: list[tag_store.TagSnapshot] = []

    def do(self) -> Changes:
        if self._snapshots:
            return restore_starter_topics(self.store, self._snapshots)
        self.tag_ids, changes = add_starter_topics(self.store, self.topics)
        return changes

    def undo_change(self) -> Changes:
        self._snapshots, changes = remove_starter_topics(self.store, self.tag_ids)
        return changes
