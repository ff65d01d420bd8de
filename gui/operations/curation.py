"""Keeping passages of two coders under a curator's name (the overlap view) as one undoable
step: undo deletes exactly the highlights the step added, in one transaction; redo brings
them back with the same ids. The coders' own highlights are never touched (store.curation).
"""

from __future__ import annotations

from gui.operations.undoable import UndoableOperation
from store.bulk_coding import remove_bulk_highlights, restore_highlights
from store.changes import Changes
from store.curation import KEEP_A, KEEP_B, KEEP_BOTH, KEEP_SHARED, Curation, curate
from store.highlights import Highlight
from store.overlaps import OverlapPassage


def kept_words(keep: str, coder_a: str, coder_b: str) -> str:
    """What a choice keeps, in the analyst's words."""
    return {
        KEEP_A: f"{coder_a}'s passages",
        KEEP_B: f"{coder_b}'s passages",
        KEEP_BOTH: "both coders' passages",
        KEEP_SHARED: "the shared part",
    }[keep]


class CuratePassages(UndoableOperation):
    """Keep what ``keep`` takes of each passage as the curator's highlights of the topic;
    ``added`` and ``already_kept`` say what the first run did. A step that added nothing
    (everything was already kept) leaves nothing on the undo stack."""

    def __init__(self, curation: Curation, passages: list[OverlapPassage], keep: str) -> None:
        words = kept_words(keep, curation.coder_a, curation.coder_b)
        super().__init__(f"Keep {words} as {curation.curator}")
        self.curation, self.passages, self.keep = curation, passages, keep
        self.added: tuple[int, ...] = ()
        self.already_kept = 0
        self._removed: list[Highlight] = []

    def do(self) -> Changes:
        if self._removed:
            return restore_highlights(self.store, self._removed)
        done = curate(self.store, self.curation, self.passages, self.keep)
        self.added, self.already_kept = done.highlight_ids, done.already_tagged
        if not self.added:
            self.setObsolete(True)
        return done.changes

    def undo_change(self) -> Changes:
        self._removed, changes = remove_bulk_highlights(self.store, self.added)
        return changes
