"""Searching the window for a word found in nearly every release: the list says honestly
that it has counted only so far, and scrolling on reaches every match, in order."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from gui.models.release_list_model import ReleaseListModel
from store.db import Store
from store.releases import ReleaseFilter, page_of_releases
from tests.conftest import COMMON_WORD_RELEASES
from tests.gui.window_helpers import shown_window

STEP = 500  # the window counts 10,000; the test store has 2,000 releases


@pytest.fixture
def window(qtbot, common_word_db: Path):
    with shown_window(qtbot, common_word_db) as built:
        built.model.search_count_step = STEP
        yield built


def newest_first(db: Path, flt: ReleaseFilter) -> list[int]:
    with Store(db) as store:
        return [r.id for r in page_of_releases(store, flt, limit=COMMON_WORD_RELEASES)]


def listed_ids(qtbot, window) -> list[int]:
    """The release of every row, once every page has arrived from the worker."""
    model = window.model

    def ids() -> list[int | None]:
        return [
            model.data(model.index(row, 0), ReleaseListModel.ReleaseIdRole)
            for row in range(model.rowCount())
        ]

    qtbot.waitUntil(lambda: None not in ids())
    return ids()


def search(qtbot, window, text: str) -> None:
    box = window.filters.search_box
    box.clear()
    qtbot.keyClicks(box, text)
    with qtbot.waitSignal(window.model.modelReset, timeout=3000):
        pass  # the debounce fires once typing pauses
    qtbot.waitUntil(lambda: not window.model.searching())  # count and first page arrive


def scroll_to_the_end(window) -> None:
    bar = window.release_list.verticalScrollBar()
    bar.setValue(bar.maximum())  # the view asks the model for more when it reaches the end
    QApplication.processEvents()


def test_a_common_word_shows_more_than_what_was_counted_and_scrolling_finds_the_rest(
    qtbot, window, common_word_db: Path
) -> None:
    search(qtbot, window, "the")
    assert window.count_label.text() == f"more than {STEP:,} releases"
    assert window.model.rowCount() == STEP
    expected = newest_first(common_word_db, ReleaseFilter(query="the", as_you_type=True))
    assert listed_ids(qtbot, window)[:50] == expected[:50]

    scroll_to_the_end(window)
    assert window.model.rowCount() > STEP
    while not window.model.counted_all():
        scroll_to_the_end(window)
    assert window.count_label.text() == f"{COMMON_WORD_RELEASES:,} releases"
    assert listed_ids(qtbot, window) == expected


def test_a_rare_word_is_counted_exactly(qtbot, window) -> None:
    search(qtbot, window, "sanctions")
    assert window.count_label.text() == "40 releases"
    assert window.model.counted_all() and not window.model.canFetchMore()
    window.filters.search_box.clear()
    qtbot.waitUntil(lambda: window.count_label.text() == f"{COMMON_WORD_RELEASES:,} releases")


def test_a_common_word_within_one_source_lists_that_source_only(
    qtbot, window, common_word_db: Path
) -> None:
    sources = window.filters.source_box
    sources.refresh()
    sources.setCurrentIndex(sources.findData("MFA"))
    search(qtbot, window, "the")
    assert window.count_label.text() == f"more than {STEP:,} releases"
    while window.model.canFetchMore():
        scroll_to_the_end(window)
    flt = ReleaseFilter(query="the", sources=("MFA",), as_you_type=True)
    expected = newest_first(common_word_db, flt)
    assert window.count_label.text() == f"{len(expected):,} releases"
    assert listed_ids(qtbot, window) == expected
    assert {window.model.summary(row).source for row in range(len(expected))} == {"MFA"}
