"""Tagging many concordance lines as one undoable step.

The first run tags the places (and creates the topics named in the picker); undo deletes the
highlights it added (and those topics) in one transaction; redo brings them back with the
same ids, so that later steps on the stack still point at them. Tagging ten thousand places,
or deleting them again, takes seconds: each write is made on a worker's own connection
(gui.operations.worker_steps), the first run by :meth:`TagOccurrences.prepare` before it is
pushed, the undo and redo by the runner, and the step itself then only announces it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager

from gui.operations.highlights import TopicChoice, _NewTopics
from gui.operations.worker_steps import WorkerStep
from store.bulk_coding import (
    Scope,
    remove_bulk_highlights,
    restore_highlights,
    tag_places,
)
from store.changes import Changes
from store.db import Store
from store.highlights import Highlight


class TagOccurrences(WorkerStep):
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

    def write_do(self, store: Store) -> Changes:
        with self._kept_if_refused(), store.write():
            tag_ids, changes = self._topics.tag_ids(store)
            if self._removed:
                return changes | restore_highlights(store, self._removed)
            done = tag_places(store, self.places, tag_ids, self.scope)
        self.added, self.already_tagged = done.highlight_ids, done.already_tagged
        return changes | done.changes

    def write_undo(self, store: Store) -> Changes:
        with self._kept_if_refused(), store.write():
            self._removed, changes = remove_bulk_highlights(store, self.added)
            return changes | self._topics.remove(store)

    @contextmanager
    def _kept_if_refused(self) -> Iterator[None]:
        """A write the store refuses is rolled back, and so is what the step remembers of
        it (the highlights taken away, the topics it made), so that it can be tried again."""
        removed, topics = self._removed, copy.deepcopy(self._topics)
        try:
            yield
        except BaseException:
            self._removed, self._topics = removed, topics
            raise
