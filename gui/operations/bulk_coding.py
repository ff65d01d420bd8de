"""Tagging many concordance lines as one undoable step.

The first run tags the places (and creates the topics named in the picker); undo deletes the
highlights it added (and those topics) in one transaction; redo brings them back with the
same ids, so that later steps on the stack still point at them. Tagging ten thousand places
takes seconds: :meth:`TagOccurrences.prepare` makes the first run on a worker's own
connection, and pushing the operation then only announces what it did.
"""

from __future__ import annotations

from gui.operations.highlights import TopicChoice, _NewTopics
from gui.operations.undoable import UndoableOperation
from store.bulk_coding import (
    Scope,
    remove_bulk_highlights,
    restore_highlights,
    tag_places,
)
from store.changes import Changes
from store.db import Store
from store.highlights import Highlight


class TagOccurrences(UndoableOperation):
    """Tag occurrences (release id, start, end), or their sentences, with the chosen topics;
    ``added`` and ``already_tagged`` say what the first run did."""

    def __init__(
        self, places: list[tuple[int, int, int]], topics: TopicChoice, scope: Scope = "match"
    ) -> None:
        what = "sentences" if scope == "sentence" else "occurrences"
        super().__init__(f"Tag {len(places):,} {what}")
        self.places, self.scope = places, scope
        self._topics = _NewTopics(topics)
        self.added: tuple[int, ...] = ()
        self.already_tagged = 0
        self._removed: list[Highlight] = []
        self._prepared: Changes | None = None

    def prepare(self, store: Store) -> TagOccurrences:
        """Make the first run now, on ``store`` (a worker's connection to the same file)."""
        self._prepared = self._tag(store)
        return self

    def do(self) -> Changes:
        if self._prepared is not None:
            changes, self._prepared = self._prepared, None
            return changes
        return self._tag(self.store)

    def _tag(self, store: Store) -> Changes:
        with store.write():
            tag_ids, changes = self._topics.tag_ids(store)
            if self._removed:
                return changes | restore_highlights(store, self._removed)
            done = tag_places(store, self.places, tag_ids, self.scope)
        self.added, self.already_tagged = done.highlight_ids, done.already_tagged
        return changes | done.changes

    def undo_change(self) -> Changes:
        with self.store.write():
            self._removed, changes = remove_bulk_highlights(self.store, self.added)
            return changes | self._topics.remove(self.store)
