"""Opening two releases side by side from the window: two rows picked in the list (Ctrl+click,
then Ctrl+Shift+B or the list's context menu), a counterpart of the release read (its
Counterparts dialog), or another language version of it (Ctrl+Shift+B with one release
picked, or its title block's links).

The window holds one side-by-side dialog and one counterparts dialog, shown again (with the
new pair, the new release) when asked again.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTableView, QWidget

from gui.dialogs.counterparts import CounterpartsDialog
from gui.dialogs.side_by_side import SideBySideDialog
from gui.models.reading import Reading
from gui.models.release_list_model import ReleaseListModel
from gui.operations.runner import Operations
from gui.widgets.release_header import ReleaseHeader
from store.db import Store
from store.statement_groups import translations


class Comparing:
    def __init__(
        self,
        operations: Operations,
        reading: Reading,
        release_list: QTableView,
        header: ReleaseHeader,
        parent: QWidget,
    ) -> None:
        self.ops, self.reading, self.release_list, self.parent = (
            operations,
            reading,
            release_list,
            parent,
        )
        self.side_by_side: SideBySideDialog | None = None
        self.counterparts: CounterpartsDialog | None = None
        # The title block names the release's other language versions, and opens it
        # beside one of them.
        self.header = header
        reading.releaseRead.connect(lambda release, *_: self._show_versions(release))
        header.sideBySideRequested.connect(self.compare_with_other_version)
        operations.bus.changed.connect(self._on_changes)

    def _show_versions(self, release) -> None:
        if release is not None:
            others = [v for v in translations(self.ops.store, release.id) if v[0] != release.id]
            self.header.show_versions(others)

    def _on_changes(self, changes) -> None:
        """A join or split of the release's statement: its versions named again."""
        release = self.reading.release
        if release is not None and (release.id in changes.releases or changes.elsewhere):
            self._show_versions(release)

    def compare_with_other_version(self) -> None:
        """The release read beside another language version of its statement."""
        release = self.reading.release
        other = other_version(self.ops.store, release.id, release.language) if release else None
        if other is not None:
            self.open_pair(release.id, other)

    def selected_release_ids(self) -> list[int]:
        """The ids of the rows selected in the list, in the order they were picked (the
        first clicked is read in column A)."""
        rows = self.release_list.selectionModel().selectedRows()
        ids = [index.data(ReleaseListModel.ReleaseIdRole) for index in rows]
        return [release_id for release_id in ids if release_id is not None]

    def compare_selected(self) -> None:
        """The two releases selected in the list, side by side; with one, the release read
        beside another language version of its statement."""
        picked = self.selected_release_ids()
        release = self.reading.release
        lone = len(picked) < 2 and release is not None
        if lone and other_version(self.ops.store, release.id, release.language) is not None:
            self.compare_with_other_version()
            return
        if len(picked) != 2:
            self.ops.say(
                "Select two releases in the list (Ctrl+click the second) to read them side "
                "by side.",
                5000,
            )
            return
        self.open_pair(*picked)

    def open_pair(self, a_id: int, b_id: int) -> SideBySideDialog:
        """Read release ``a_id`` (column A) beside ``b_id`` (column B)."""
        if self.side_by_side is None:
            self.side_by_side = SideBySideDialog(self.ops, self.parent)
        dialog = self.side_by_side
        dialog.compare(a_id, b_id)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def show_counterparts(self) -> None:
        """The counterparts of the release being read, in a dialog beside the window."""
        release = self.reading.release
        if release is None:
            return
        if self.counterparts is None:
            self.counterparts = CounterpartsDialog(self.parent)
            self.counterparts.openPair.connect(self.open_pair)
        self.counterparts.look_up(self.ops.store, release.id, release.title)
        self.counterparts.show()
        self.counterparts.raise_()
        self.counterparts.activateWindow()


def other_version(store: Store, release_id: int, language: str | None) -> int | None:
    """Another version of the release's statement, one in another language first (the
    versions are ordered by language); None when it is in no group."""
    others = [(rid, lang) for rid, lang in translations(store, release_id) if rid != release_id]
    other_language = [rid for rid, lang in others if lang != language]
    return (other_language or [rid for rid, _ in others] or [None])[0]
