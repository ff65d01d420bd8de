"""Pages deep in the release list come from a worker: the view shows blank rows until they
arrive, then the right releases in order; an answer for a list that changed meanwhile is
dropped; the page past the edge of the one being read is asked for ahead; the End key
selects and reads the last release, and Home the first."""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QStyle, QStyleOptionSlider, QTableView

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


def drag_scroll_bar_to(qtbot, view: QTableView, share: float) -> None:
    """Drag the list's scroll bar handle by mouse to ``share`` of its groove."""
    bar = view.verticalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    style = bar.style()
    handle = style.subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, bar
    )
    groove = style.subControlRect(
        QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarGroove, bar
    )
    start = handle.center()
    target = QPoint(start.x(), groove.top() + int(groove.height() * share))
    QTest.mousePress(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        QTest.mouseMove(bar, start + (target - start) * step / 5)
    QTest.mouseRelease(bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target)


def test_dragging_to_the_middle_in_title_order_shows_the_rows_offset_gave(
    store, db_path, qtbot
) -> None:
    fill(store, RELEASES)
    with shown_window(qtbot, db_path) as window:
        view = window.release_list
        window.model._rows.page_size = PAGE
        header = view.horizontalHeader()
        title = header.sectionViewportPosition(2) + header.sectionSize(2) // 2
        QTest.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(title, header.height() // 2)
        )
        order = header.sortIndicatorOrder()
        drag_scroll_bar_to(qtbot, view, 0.5)
        top = view.rowAt(0)
        assert RELEASES // 3 < top < 2 * RELEASES // 3
        shown = range(top, view.rowAt(view.viewport().height() - 1) + 1)
        qtbot.waitUntil(lambda: None not in titles(window.model, shown), timeout=5000)
        expected = page_of_releases(
            store,
            sort="title",
            descending=order == Qt.SortOrder.DescendingOrder,
            offset=top,
            limit=len(shown),
        )
        assert titles(window.model, shown) == [release.title for release in expected]
        view.grab().save(str(db_path.with_name("middle-of-title-order.png")))
