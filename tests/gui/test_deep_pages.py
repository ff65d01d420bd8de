"""Pages deep in the release list come from a worker: the view shows blank rows until they
arrive, then the right releases in order; an answer for a list that changed meanwhile is
dropped; the page past the edge of the one being read is asked for ahead; the End key
selects and reads the last release, and Home the first."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from gui.models.release_list_model import ReleaseListModel
from gui.operations.runner import Operations
from store.releases import page_of_releases
from tests.gui.test_release_list_model import fill
from tests.gui.window_helpers import shown_window

RELEASES = 1500
PAGE = 50  # thirty pages: most of the list is deep


def titles(model: ReleaseListModel, rows: range) -> list[str | None]:
    return [model.index(row, 2).data() for row in rows]


def test_scrolling_to_the_end_fills_the_last_rows_with_the_last_releases(store, qtbot) -> None:
    fill(store, RELEASES)
    model = ReleaseListModel(Operations(store))
    model._rows.page_size = PAGE
    model.sort(2, Qt.SortOrder.AscendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    qtbot.waitExposed(view)
    view.scrollToBottom()
    last = RELEASES - 1
    assert model.index(last, 2).data() is None  # blank until the worker's page arrives
    qtbot.waitUntil(lambda: model.index(last, 2).data() is not None)
    shown = range(view.rowAt(0), last + 1)
    qtbot.waitUntil(lambda: None not in titles(model, shown))
    assert titles(model, shown) == [f"Release {n:04d}" for n in shown]


def test_the_model_passes_the_qt_model_tester_while_pages_arrive(qtmodeltester, store, qtbot):
    fill(store, 120)
    model = ReleaseListModel(Operations(store))
    model._rows.page_size = 10
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: None not in titles(model, range(model.rowCount())))
    qtmodeltester.check(model)


def test_a_page_asked_before_the_sort_changed_is_dropped(store, qtbot) -> None:
    fill(store, 450)
    model = ReleaseListModel(Operations(store))
    model._rows.page_size = 100
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.index(420, 2).data() is None  # asked of the worker in A→Z order
    loader = model._rows._loader
    for _ in range(1000):  # let the worker answer, without delivering its answer yet
        if not loader._waiting and loader._running is None:
            break
        time.sleep(0.01)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert model.index(420, 2).data() is None  # asked again in Z→A order
    qtbot.waitUntil(lambda: model.index(420, 2).data() is not None)
    assert titles(model, range(400, 450)) == [f"Release {n:04d}" for n in range(49, -1, -1)]


def test_the_end_key_selects_and_reads_the_last_release(store, db_path, qtbot) -> None:
    fill(store, RELEASES)
    last = page_of_releases(store, offset=RELEASES - 1, limit=1)[0]
    with shown_window(qtbot, db_path) as window:
        window.model._rows.page_size = PAGE
        window.model.refresh()
        window.release_list.setFocus()
        window.select_row(0)
        qtbot.keyClick(window.release_list, Qt.Key.Key_End)
        assert window.release_list.currentIndex().row() == RELEASES - 1
        qtbot.waitUntil(lambda: window.release is not None and window.release.id == last.id)
        assert window.reader.isVisible()
        qtbot.keyClick(window.release_list, Qt.Key.Key_Home)
        assert window.release_list.currentIndex().row() == 0
        first = page_of_releases(store, limit=1)[0]
        qtbot.waitUntil(lambda: window.release.id == first.id)


def test_rows_past_a_page_edge_are_there_before_the_view_scrolls_to_them(store, qtbot) -> None:
    fill(store, 450)
    model = ReleaseListModel(Operations(store))
    model._rows.page_size = 100
    model.sort(2, Qt.SortOrder.AscendingOrder)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(model.dataChanged):  # the next page, asked for ahead
        view.scrollTo(model.index(90, 2), QTableView.ScrollHint.PositionAtBottom)
        view.viewport().repaint()
    view.scrollTo(model.index(150, 2), QTableView.ScrollHint.PositionAtBottom)
    assert titles(model, range(view.rowAt(0), 151)) == [
        f"Release {n:04d}" for n in range(view.rowAt(0), 151)
    ]
