"""The search box and filters above the release list; they produce one ``ReleaseFilter``.

Typing is debounced: the list is queried once the analyst pauses (~150 ms), not on every key,
and the last word matches as a prefix (``as_you_type``) so results appear while typing. The
speaker's name is matched as typed too, as any part of the name.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from gui import settings
from gui.names import country_name, language_name
from gui.operations.runner import Operations
from gui.widgets.date_filter import DateFilterEdit
from gui.widgets.issuer_filter import IssuerFilter
from store.changes import Changes
from store.db import Store
from store.releases import ReleaseFilter, list_countries, list_languages, list_sources
from store.unread import unread_count

DEBOUNCE_MS = 150


class ReleaseFilters(QWidget):
    """Search box; issuers, source, speaker, language, country named, date range, "has
    highlights" and "new" (unread); tag ids are set from outside."""

    filterChanged = Signal(object)  # a store.releases.ReleaseFilter

    def __init__(self, operations: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = operations
        self._tag_ids: tuple[int, ...] = ()
        self.one_per_statement = settings.one_row_per_statement()  # View ▸ One Row per Statement
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName("Search releases")
        self.search_box.setPlaceholderText("Search releases…  (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._debounce.timeout.connect(self._emit)
        self.search_box.textChanged.connect(self._debounce.start)
        self.search_box.returnPressed.connect(self._emit_now)

        self.source_box = _CountedChoices("All sources", list_sources, str, self)
        self.source_box.setObjectName("sourceFilter")
        self.source_box.setAccessibleName("Filter by source")
        self.issuer_filter = IssuerFilter(self)
        self.issuer_filter.chosenChanged.connect(self._emit_now)
        self.speaker_box = QLineEdit(self)
        self.speaker_box.setObjectName("speakerFilter")
        self.speaker_box.setAccessibleName("Filter by speaker")
        self.speaker_box.setPlaceholderText("Speaker…")
        self.speaker_box.setToolTip("Releases whose speaker's name holds these words")
        self.speaker_box.setClearButtonEnabled(True)
        self.speaker_box.textChanged.connect(self._debounce.start)
        self.speaker_box.returnPressed.connect(self._emit_now)
        self.language_box = _CountedChoices("Any language", list_languages, language_name, self)
        self.language_box.setObjectName("languageFilter")
        self.language_box.setAccessibleName("Filter by language")
        self.country_box = _CountedChoices("Any country", list_countries, country_name, self)
        self.country_box.setObjectName("countryFilter")
        self.country_box.setAccessibleName("Filter by a country the release names")
        self.country_box.setToolTip("Releases that name this country")
        self._choices = (self.source_box, self.language_box, self.country_box)
        for box in self._choices:
            box.currentIndexChanged.connect(self._emit_now)
        self._stale_from(operations.store)
        operations.bus.changed.connect(self._on_changes)
        operations.storeChanged.connect(self._stale_from)

        self.since_edit = DateFilterEdit("sinceFilter", "Released on or after", self)
        self.until_edit = DateFilterEdit("untilFilter", "Released on or before", self)
        for edit in (self.since_edit, self.until_edit):
            edit.dateChanged.connect(self._emit_now)
        self.highlighted_check = QCheckBox("Has highlights", self)
        self.highlighted_check.setObjectName("hasHighlightsFilter")
        self.highlighted_check.toggled.connect(self._emit_now)
        self.new_check = QCheckBox("New", self)
        self.new_check.setObjectName("newFilter")
        self.new_check.setToolTip(
            "Only the releases your subscriptions brought that you have not read yet"
        )
        self.new_check.toggled.connect(self._emit_now)
        self._count_unread()
        operations.storeChanged.connect(lambda _store: self._count_unread())

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box, 0, 0, 1, 4)
        who = QHBoxLayout()
        who.addWidget(self.issuer_filter, 3)
        who.addWidget(self.speaker_box, 2)
        layout.addLayout(who, 1, 0, 1, 4)
        what = QHBoxLayout()
        what.addWidget(self.source_box, 3)
        what.addWidget(self.language_box, 2)
        what.addWidget(self.country_box, 2)
        layout.addLayout(what, 2, 0, 1, 4)
        layout.addWidget(QLabel("From", self), 3, 0)
        layout.addWidget(self.since_edit, 3, 1)
        layout.addWidget(QLabel("to", self), 3, 2, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.until_edit, 3, 3)
        checks = QHBoxLayout()
        checks.addWidget(self.highlighted_check)
        checks.addWidget(self.new_check)
        checks.addStretch(1)
        layout.addLayout(checks, 4, 0, 1, 4)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)

    def _stale_from(self, store: Store) -> None:
        for box in self._choices:
            box.stale_from(store)
        self.issuer_filter.stale_from(store)

    def _on_changes(self, changes: Changes) -> None:
        if changes.releases or changes.elsewhere:
            for box in self._choices:
                box.stale_from(self.ops.store)
        if changes.releases or changes.issuers or changes.elsewhere:
            self.issuer_filter.stale_from(self.ops.store)
        if changes.releases or changes.elsewhere:
            self._count_unread()

    def _count_unread(self) -> None:
        """The New filter says how many releases are unread: "New (12)"."""
        count = unread_count(self.ops.store)
        self.new_check.setText(f"New ({count:,})" if count else "New")

    def focus_search(self) -> None:
        """Ctrl+F: the search box, its words selected so that typing replaces them."""
        self.search_box.setFocus()
        self.search_box.selectAll()

    def set_tag_ids(self, tag_ids: list[int]) -> None:
        """Releases carrying any of these topics (from the codebook panel); empty: all."""
        self._tag_ids = tuple(tag_ids)
        self._emit_now()

    def set_one_per_statement(self, on: bool) -> None:
        """Each statement once (its languages beside its title), or every version; the
        choice is remembered."""
        self.one_per_statement = on
        settings.remember_one_row_per_statement(on)
        self._emit_now()

    def current_filter(self) -> ReleaseFilter:
        source = self.source_box.currentData()
        speaker = self.speaker_box.text().strip()
        language, country = self.language_box.currentData(), self.country_box.currentData()
        return ReleaseFilter(
            query=self.search_box.text().strip(),
            sources=(source,) if source else (),
            issuer_ids=self.issuer_filter.chosen_ids(),
            speakers=(speaker,) if speaker else (),
            languages=(language,) if language else (),
            countries=(country,) if country else (),
            since=self.since_edit.iso(),
            until=self.until_edit.iso(),
            tag_ids=self._tag_ids,
            has_highlights=True if self.highlighted_check.isChecked() else None,
            unread=self.new_check.isChecked(),
            as_you_type=True,
            one_per_statement=self.one_per_statement,
        )

    def _emit_now(self) -> None:
        self._debounce.stop()
        self._emit()

    def _emit(self) -> None:
        self.filterChanged.emit(self.current_filter())


class _CountedChoices(QComboBox):
    """A filter of one value among the store's (sources, languages, countries), each with
    its number of releases; it lists them only when opened.

    The counts come from the store (a source's are kept by triggers, a language's or a
    country's counted in their index), but they change with every import: they are read
    when the analyst looks. ``name`` is what the list shows of a value (a code's name).
    """

    def __init__(
        self,
        everything: str,
        values: Callable[[Store], list[tuple[str, int]]],
        name: Callable[[str], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._everything, self._values, self._name = everything, values, name
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(8)
        self.addItem(everything, None)

    def stale_from(self, store: Store) -> None:
        self._store = store

    def showPopup(self) -> None:  # noqa: N802 (Qt's name)
        self.refresh()
        super().showPopup()

    def refresh(self) -> None:
        """Fill from the store, keeping the chosen value if it still exists."""
        if self._store is None:
            return
        store, self._store = self._store, None
        chosen = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self._everything, None)
        for value, count in self._values(store):
            self.addItem(f"{self._name(value)} ({count:,})", value)
        index = self.findData(chosen) if chosen else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
