"""Undoable codebook changes (see ``gui.commands.store_command`` for how they run).

Tag ids stay stable across undo/redo (undoing a create snapshots the tag; redoing restores it
with the same id), so commands further up the stack still refer to the right tag.
"""

from __future__ import annotations

from gui.bus import ChangeBus
from gui.commands.store_command import StoreCommand
from store import tags as tag_store
from store.changes import Changes
from store.db import Store
from store.highlights import get_highlight, set_highlight_tags


class CreateTag(StoreCommand):
    """New topic; ``tag_id`` is known after the first redo and kept for later redos."""

    def __init__(
        self,
        store: Store,
        bus: ChangeBus,
        name: str,
        parent_id: int | None = None,
        colour: str | None = None,
    ) -> None:
        super().__init__(store, bus, f"New topic “{name}”")
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


class _SetField(StoreCommand):
    """A rename, recolour or new description: redo writes ``new``, undo writes ``old``."""

    def __init__(
        self, store: Store, bus: ChangeBus, tag_id: int, old: str, new: str, text: str
    ) -> None:
        super().__init__(store, bus, text)
        self.tag_id, self.old, self.new = tag_id, old, new

    def do(self) -> Changes:
        return self.write(self.new)

    def undo_change(self) -> Changes:
        return self.write(self.old)

    def write(self, value: str) -> Changes:  # pragma: no cover - abstract
        raise NotImplementedError


class RenameTag(_SetField):
    def __init__(self, store: Store, bus: ChangeBus, tag: tag_store.Tag, name: str) -> None:
        super().__init__(store, bus, tag.id, tag.name, name, f"Rename “{tag.name}” to “{name}”")

    def write(self, value: str) -> Changes:
        return tag_store.rename_tag(self.store, self.tag_id, value)


class RecolourTag(_SetField):
    def __init__(self, store: Store, bus: ChangeBus, tag: tag_store.Tag, colour: str) -> None:
        super().__init__(store, bus, tag.id, tag.colour, colour, f"Recolour “{tag.name}”")

    def write(self, value: str) -> Changes:
        return tag_store.recolour_tag(self.store, self.tag_id, value)


class DescribeTag(_SetField):
    def __init__(self, store: Store, bus: ChangeBus, tag: tag_store.Tag, text: str) -> None:
        super().__init__(store, bus, tag.id, tag.description, text, f"Describe “{tag.name}”")

    def write(self, value: str) -> Changes:
        return tag_store.describe_tag(self.store, self.tag_id, value)


class MoveTag(StoreCommand):
    """Nest a topic under another one, or at the top level with ``parent_id=None``."""

    def __init__(
        self, store: Store, bus: ChangeBus, tag: tag_store.Tag, parent_id: int | None
    ) -> None:
        where = "the top level" if parent_id is None else "another topic"
        super().__init__(store, bus, f"Move “{tag.name}” to {where}")
        self.tag_id, self.old_parent, self.new_parent = tag.id, tag.parent_id, parent_id

    def do(self) -> Changes:
        return tag_store.move_tag(self.store, self.tag_id, self.new_parent)

    def undo_change(self) -> Changes:
        return tag_store.move_tag(self.store, self.tag_id, self.old_parent)


class DeleteTag(StoreCommand):
    """Delete a topic (its highlights stay); undo restores it with its id, links, sub-topics."""

    def __init__(self, store: Store, bus: ChangeBus, tag: tag_store.Tag) -> None:
        super().__init__(store, bus, f"Delete topic “{tag.name}”")
        self.tag_id = tag.id
        self._snapshot: tag_store.TagSnapshot | None = None

    def do(self) -> Changes:
        self._snapshot = tag_store.snapshot_tag(self.store, self.tag_id)
        return tag_store.delete_tag(self.store, self.tag_id)

    def undo_change(self) -> Changes:
        return tag_store.restore_tag(self.store, self._snapshot)


class MergeTags(StoreCommand):
    """Merge ``source`` into ``target``; undo brings the source back and takes off the
    target exactly the links the merge added (highlights that carried both keep both)."""

    def __init__(
        self, store: Store, bus: ChangeBus, source: tag_store.Tag, target: tag_store.Tag
    ) -> None:
        super().__init__(store, bus, f"Merge “{source.name}” into “{target.name}”")
        self.source_id, self.target_id = source.id, target.id
        self._source: tag_store.TagSnapshot | None = None
        self._target_before: frozenset[int] = frozenset()

    def do(self) -> Changes:
        self._source = tag_store.snapshot_tag(self.store, self.source_id)
        target = tag_store.snapshot_tag(self.store, self.target_id)
        self._target_before = frozenset(target.highlight_ids)
        return tag_store.merge_tags(self.store, self.source_id, self.target_id)

    def undo_change(self) -> Changes:
        added = set(self._source.highlight_ids) - self._target_before
        # One transaction: either the source is back and the added links are gone, or
        # nothing changed. The store has no "unlink tag from highlights" write, so each
        # touched highlight gets its tag set rewritten without the target.
        with self.store.write():
            changes = tag_store.restore_tag(self.store, self._source)
            for highlight_id in sorted(added):
                highlight = get_highlight(self.store, highlight_id)
                if highlight is None:
                    continue
                keep = [t.id for t in highlight.tags if t.id != self.target_id]
                changes |= set_highlight_tags(self.store, highlight_id, keep)
        return changes
