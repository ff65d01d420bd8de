"""Another program writing to the store does not take the analyst's place away: the release
being read stays selected in the list (the arrow keys go on from it), the text selected in
the reader stays selected, and a search's results stay listed while it is queried again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from store.db import Store
from store.parsed import ParsedRelease
from store.release_saving import save_release


def write_elsewhere(db_path, title: str, identity: str) -> None:
    with Store(db_path) as other:
        body = "The ministers discussed maritime security and Ukraine.\n"
        save_release(other, ParsedRelease(title=title, body_markdown=body, identity=identity), None)


def selected_release_id(window) -> int | None:
    rows = window.release_list.selectionModel().selectedRows()
    return window.model.data(rows[0], window.model.ReleaseIdRole) if rows else None


def select_words_in_reader(window) -> str:
    cursor = QTextCursor(window.reader.view.document())
    cursor.setPosition(4)
    cursor.setPosition(20, QTextCursor.MoveMode.KeepAnchor)
    window.reader.view.setTextCursor(cursor)
    return window.reader.view.textCursor().selectedText()


def test_the_release_being_read_stays_selected_when_another_program_writes(
    qtbot, window, filled_db
) -> None:
    window.select_row(1)
    qtbot.waitUntil(lambda: window.release is not None)
    reading = window.release.id
    words = select_words_in_reader(window)
    write_elsewhere(filled_db, "Written elsewhere", "elsewhere-1")  # undated: listed last
    window.watcher.look()
    assert window.model.rowCount() == 4
    assert selected_release_id(window) == reading
    assert window.reader.view.textCursor().selectedText() == words  # not read in again
    qtbot.keyClick(window.release_list, Qt.Key.Key_Down)
    assert window.release_list.currentIndex().row() == 2


def test_search_results_stay_listed_while_the_search_is_queried_again(
    qtbot, window, filled_db
) -> None:
    qtbot.keyClicks(window.filters.search_box, "maritime")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and not window.model.searching())
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    reading = window.release.id
    write_elsewhere(filled_db, "Maritime talks", "elsewhere-2")
    window.watcher.look()
    # Until the search's new answer arrives, the list shows the matches it had.
    assert window.model.rowCount() == 1 and window.count_label.text() == "1 release"
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.count_label.text() == "2 releases"
    assert selected_release_id(window) == reading
