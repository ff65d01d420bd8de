"""The release list model: correct as a Qt model, paged, and refreshed by store changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.models import release_list_model
from gui.models.release_list_model import ReleaseListModel
from gui.operations.runner import Operations
from store.changes import Changes
from store.highlights import add_highlight_by_quote
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import ReleaseFilter
from tests.gui.stale_answers import Delivered, HeldQuery


def fill(store, count: int) -> None:
    with store.write():
        for n in range(count):
            parsed = ParsedRelease(
                title=f"Release {n:04d}",
                body_markdown=f"Text of release {n} about {'Ukraine' if n % 2 else 'Sahel'}.\n",
                date=f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}",
                source="Farnesina" if n % 3 else "State Department",
                identity=f"release-number-{n:06d}",
            )
            save_release(store, parsed, origin_file=None)


def test_passes_the_qt_model_tester(qtmodeltester, store) -> None:
    fill(store, 30)
    model = ReleaseListModel(Operations(store))
    qtmodeltester.check(model)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    model.set_filter(ReleaseFilter(query="Ukraine"))
    qtmodeltester.check(model)


def test_a_search_counted_only_so_far_passes_the_qt_model_tester(
    qtmodeltester, qtbot, store
) -> None:
    fill(store, 30)
    model = ReleaseListModel(Operations(store))
    model.search_count_step = 8
    model.set_filter(ReleaseFilter(query="release", as_you_type=True))  # in every text
    qtbot.waitUntil(lambda: not model.searching())
    assert (model.rowCount(), model.canFetchMore()) == (8, True)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 30 and model.counted_all()


def test_fetches_only_the_pages_it_shows(store, qtbot) -> None:
    fill(store, 450)
    model = ReleaseListModel(Operations(store))
    model._rows.page_size = 100
    assert model.rowCount() == 450
    assert model._rows.pages == {}
    with qtbot.waitSignal(model.dataChanged):
        assert model.index(420, 2).data() is None  # blank while a worker fetches its page
    assert model.index(420, 2).data() is not None
    assert set(model._rows.pages) == {4}


def test_sorting_by_a_header_reorders_the_rows(store) -> None:
    fill(store, 12)
    model = ReleaseListModel(Operations(store))
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 2).data() == "Release 0000"
    model.sort(2, Qt.SortOrder.DescendingOrder)
    assert model.index(0, 2).data() == "Release 0011"


def test_a_new_highlight_updates_the_count_without_a_reset(store, qtbot) -> None:
    fill(store, 5)
    operations = Operations(store)
    model = ReleaseListModel(operations)
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 3).data() == ""
    changes = add_highlight_by_quote(store, model.summary(0).id, "Sahel")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        operations.announce(changes)
    assert model.index(0, 3).data() == 1


def test_an_import_resets_the_count(store) -> None:
    fill(store, 3)
    operations = Operations(store)
    model = ReleaseListModel(operations)
    assert model.rowCount() == 3
    fill(store, 5)
    operations.announce(Changes(releases=frozenset({4, 5})))
    assert model.rowCount() == 5


def test_a_search_is_queried_off_the_gui_thread_and_only_the_latest_is_shown(
    qtbot, store, monkeypatch
) -> None:
    fill(store, 30)
    model = ReleaseListModel(Operations(store))
    held = HeldQuery(release_list_model.count_releases)
    monkeypatch.setattr(release_list_model, "count_releases", held)
    delivered = Delivered(model._searcher.done)
    model.set_filter(ReleaseFilter(query="release", as_you_type=True))
    # Nothing is listed until the worker answers (its answer waits for the event loop).
    assert model.searching() and model.rowCount() == 0 and not model.canFetchMore()
    assert held.wait_for_call(1)
    model.set_filter(ReleaseFilter(query="Sahel", as_you_type=True))  # typed on
    held.let_one()  # the answer to "release" comes back, stale
    qtbot.waitUntil(lambda: len(delivered.keys) == 1)
    assert model.searching() and model.rowCount() == 0
    assert held.wait_for_call(2)
    held.let_one()
    qtbot.waitUntil(lambda: not model.searching())
    numbers = [int(model.index(row, 2).data().split()[1]) for row in range(model.rowCount())]
    assert sorted(numbers) == list(range(0, 30, 2))  # the even ones are about the Sahel
