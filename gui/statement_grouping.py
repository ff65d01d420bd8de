"""The language versions of one statement, as the analyst says in the window: several rows
picked in the list joined as one statement ("Same statement in other languages", from the
list's context menu or Ctrl+Shift+J), a release taken out of its statement ("Not the same
statement", from the context menu, Ctrl+Alt+J or the title block's "Also in" line), and the
list shown one row per statement (View ▸ One Row per Statement).

Each join and each split is one step of the undo stack. A choice that cannot be a
statement's versions is refused in one sentence in the status bar, and nothing is written.
The language a statement's row shows is that of the release the analyst opened last
(``gui.settings.reading_language``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView

from gui import settings
from gui.models.reading import Reading
from gui.models.release_list_model import ReleaseListModel
from gui.names import language_name
from gui.operations.runner import Operations
from gui.operations.statement_groups import join_statement, leave_statement
from gui.widgets.release_filters import ReleaseFilters
from gui.widgets.release_header import ReleaseHeader
from store.releases import release_summaries
from store.statement_groups import group_of

SHOWN_MS = 6000


class StatementGrouping:
    def __init__(
        self,
        operations: Operations,
        reading: Reading,
        release_list: QTableView,
        header: ReleaseHeader,
        filters: ReleaseFilters,
    ) -> None:
        self.ops, self.reading, self.release_list, self.filters = (
            operations,
            reading,
            release_list,
            filters,
        )
        header.leaveStatementRequested.connect(self.leave_read)
        reading.releaseRead.connect(lambda release, *_: self._remember_language(release))

    def selected_ids(self) -> list[int]:
        rows = self.release_list.selectionModel().selectedRows()
        ids = [index.data(ReleaseListModel.ReleaseIdRole) for index in rows]
        return [release_id for release_id in ids if release_id is not None]

    def join_selected(self) -> None:
        """The releases selected in the list become one statement."""
        ids = self.selected_ids()
        refusal = self._join_refusal(ids)
        if refusal:
            self.ops.say(refusal, SHOWN_MS)
            return
        if self.ops.run(join_statement(ids)):
            self.ops.say(f"The {len(ids)} releases are now one statement (Ctrl+Z undoes it).")

    def _join_refusal(self, ids: list[int]) -> str | None:
        if len(ids) < 2:
            return (
                "Select two or more releases in the list (Ctrl+click) that are one statement "
                "in different languages."
            )
        summaries = release_summaries(self.ops.store, ids)
        languages = {summary.language for summary in summaries.values()}
        if len(languages) == 1 and None not in languages:
            (language,) = languages
            return (
                f"These releases are all in {language_name(language)}: the versions of one "
                "statement are in different languages."
            )
        groups = {group_of(self.ops.store, release_id) for release_id in ids}
        if len(groups) == 1 and None not in groups:
            return "These releases are already one statement."
        return None

    def leave_selected(self) -> None:
        """The release selected in the list (the one read, if none is) is not the same
        statement as its other versions."""
        ids = self.selected_ids()
        if len(ids) > 1:
            self.ops.say("Select one release to take out of its statement.", SHOWN_MS)
            return
        release = self.reading.release
        self._leave(ids[0] if ids else release.id if release else None)

    def leave_read(self) -> None:
        """The release read is not the same statement (its title block's link)."""
        release = self.reading.release
        self._leave(release.id if release else None)

    def _leave(self, release_id: int | None) -> None:
        if release_id is None:
            self.ops.say("Pick a release in the list to take it out of its statement.")
            return
        summary = release_summaries(self.ops.store, [release_id]).get(release_id)
        if summary is None:
            return
        if summary.group_id is None:
            self.ops.say(
                f"“{summary.title}” has no other language versions: it is a statement alone.",
                SHOWN_MS,
            )
            return
        if self.ops.run(leave_statement(release_id, summary.title)):
            self.ops.say(
                f"“{summary.title}” is a statement of its own now (Ctrl+Z undoes it).", SHOWN_MS
            )

    def set_one_row_per_statement(self, on: bool) -> None:
        self.filters.set_one_per_statement(on)

    def _remember_language(self, release) -> None:
        if release is not None and release.language:
            settings.remember_reading_language(release.language)
