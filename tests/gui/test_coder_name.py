"""The analyst names themselves as coder in the window, and their highlights carry it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from gui.coder_choice import CoderChoice
from gui.models.tag_tree_model import COUNT_COLUMN
from gui.operations.runner import Operations
from store import coder_names
from store.db import Store
from store.highlights import highlights_of_release
from tests.gui.window_helpers import (
    choose_in_menu,
    click_topic,
    drag_select,
    highlight_rows,
    open_release,
    press,
    shown_window,
)

pytestmark = pytest.mark.usefixtures("qapp")


def _answer_with(qtbot, name: str, tries: int = 200) -> None:
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QInputDialog):  # not shown yet: look again shortly
        if tries:
            QTimer.singleShot(10, lambda: _answer_with(qtbot, name, tries - 1))
        return
    entry = dialog.findChild(QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(entry, name)
    qtbot.keyClick(entry, Qt.Key.Key_Return)


def test_the_name_chosen_is_on_each_new_highlight_and_remembered(qtbot, filled_db) -> None:
    with shown_window(qtbot, filled_db) as window:
        assert window.store.coder  # the user's name until one is chosen
        QTimer.singleShot(0, lambda: _answer_with(qtbot, "  Ana   Petrovic "))
        choose_in_menu(qtbot, window, "Edit", "Your Name as Coder…")
        qtbot.waitUntil(lambda: window.store.coder == "Ana Petrovic")
        assert "Ana Petrovic" in window.statusBar().currentMessage()
        window.activateWindow()  # back to the window, as the closed dialog hands it over
        qtbot.waitUntil(window.isActiveWindow)
        open_release(qtbot, window, "NATO")
        click_topic(qtbot, window, "Ukraine")
        drag_select(qtbot, window, "support for Ukraine")
        press(qtbot, Qt.Key.Key_H)
        (made,) = highlights_of_release(window.store, window.release.id)
        assert made.coder == "Ana Petrovic"
        qtbot.waitUntil(lambda: highlight_rows(window) == [made.id])
        ukraine = made.tags[0].id
        model = window.tag_panel.model
        qtbot.waitUntil(lambda: model.index_of(ukraine, COUNT_COLUMN).data() == "1")
    coder_names._chosen.clear()  # as a new program starts: only the settings remember
    with Store(filled_db) as store:
        ops = Operations(store)
        CoderChoice(ops, None)  # what the next session's window does as it is built
        assert store.coder == "Ana Petrovic"
        assert Store(":memory:").coder == "Ana Petrovic"  # the workers' stores too
