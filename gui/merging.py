"""File ▸ Merge a colleague's store…: pick their store (or a QDPX project of another tool),
read the preview of what it adds and what differs, then merge it as one undoable step.

The preview and the merge run off the window's thread (:mod:`gui.operations.merging`); the
list, the codebook and the reader read again from the bus when the merge is done.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from gui import settings
from gui.dialogs.job_progress import run_with_progress
from gui.dialogs.merge_preview import MergePreview
from gui.operations.merging import (
    PROGRESS_WIDTH,
    QDA_PROJECTS,
    MergeColleagueStore,
    MergeJob,
    MergeOutcome,
)
from gui.operations.runner import Operations

MERGE_FILTER = (
    "Colleagues' stores and projects (*.db *.sqlite *.sqlite3 *.qdpx *.qdc);;"
    "Communiqué Desk stores (*.db *.sqlite *.sqlite3);;QDPX projects (*.qdpx *.qdc);;"
    "All files (*)"
)
TITLE = "Merge a colleague's store"


class ColleagueMerging:
    def __init__(self, ops: Operations, parent: QWidget) -> None:
        self.ops, self.parent = ops, parent

    def ask(self) -> None:
        """Ask for the colleague's file, then preview and merge it."""
        name, _ = QFileDialog.getOpenFileName(
            self.parent, TITLE, settings.last_folder("merge"), MERGE_FILTER
        )
        if name:
            settings.remember_folder("merge", name)
            self.merge(Path(name))

    def merge(self, path: Path) -> bool:
        """Preview the merge of ``path``; merge it if the analyst says so. True if merged."""
        store_path = self.ops.store.path
        if store_path is None:
            self.ops.report(TITLE, "A store held in memory cannot be merged into.")
            return False
        scratch = (
            TemporaryDirectory(prefix="communique-project-")
            if path.suffix.lower() in QDA_PROJECTS
            else None
        )
        job = MergeJob(
            store_path,
            path,
            preview=True,
            scratch=Path(scratch.name) if scratch else None,
            parent=self.parent,
        )
        outcome: MergeOutcome = run_with_progress(
            job, self.parent, TITLE, f"Reading {path.name}…", PROGRESS_WIDTH
        )
        if outcome.cancelled:
            return False
        if outcome.error:
            self.ops.report(f"Cannot merge {path.name}", outcome.error)
            return False
        preview = MergePreview(path.name, outcome.result, self.parent)
        chosen = preview.exec()
        preview.deleteLater()
        if chosen != QDialog.DialogCode.Accepted:
            return False
        step = MergeColleagueStore(outcome.source, path.name, self.parent, scratch)
        if not self.ops.run(step):
            return False
        result = step.result
        self.ops.say(
            f"Merged {path.name}: {len(result.releases_added):,} releases, "
            f"{len(result.highlights_added):,} highlights, {len(result.tags_added):,} topics "
            "added (Edit ▸ Undo takes it back).",
            10000,
        )
        return True
