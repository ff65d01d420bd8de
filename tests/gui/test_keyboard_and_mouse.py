"""The window worked as an analyst works it: text selected with the mouse, the real keys.

Every key goes to the widget that has the keyboard focus, as a keyboard sends it, so the
shortcut's context and enabled state are part of what is tested. After each step the test
reads the store and looks at what the window shows: the colours painted in the reader, the
rows of the highlights panel, the names in the codebook.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QTableView

from gui.dialogs.tag_picker import TagPicker
from gui.models.excerpt_model import QUOTE
from store.db import Store
from store.highlights import add_highlight_by_quote, get_highlight, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import find_tag, get_tag
from tests.gui.window_helpers import (
    background_of,
    click_highlight_row,
    click_text,
    click_topic,
    drag_select,
    highlight_rows,
    open_release,
    press,
    shown_window,
    topic_names,
    topic_tree,
)

pytestmark = pytest.mark.usefixtures("qapp")
Key, Mod = Qt.Key, Qt.KeyboardModifier
CTRL_SHIFT = Mod.ControlModifier | Mod.ShiftModifier


def only_highlight(window):
    found = highlights_of_release(window.store, window.release.id)
    assert len(found) == 1, found
    return found[0]


def colour_of(window, name: str) -> str:
    return find_tag(window.store, name).colour


def test_h_highlights_the_dragged_text_with_the_clicked_topic(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    click_topic(qtbot, window, "Ukraine")
    selected = drag_select(qtbot, window, "support for Ukraine")
    press(qtbot, Key.Key_H)
    made = only_highlight(window)
    assert (made.quote, [t.name for t in made.tags]) == (selected, ["Ukraine"])
    assert background_of(window, "support for Ukraine") == colour_of(window, "Ukraine")
    assert background_of(window, "eastern flank") is None
    assert highlight_rows(window) == [made.id]


def test_h_with_no_topic_selected_asks_with_the_picker(qtbot, window) -> None:
    def answer(tries: int = 100) -> None:
        picker = QApplication.activeModalWidget()
        if not isinstance(picker, TagPicker):  # not shown yet: look again shortly
            if tries:
                QTimer.singleShot(10, lambda: answer(tries - 1))
            return
        qtbot.keyClicks(picker.entry, "Security")
        picker.completer.popup().hide()
        qtbot.keyClick(picker.entry, Key.Key_Return)  # adds the topic
        qtbot.keyClick(picker.entry, Key.Key_Return)  # closes with it chosen

    open_release(qtbot, window, "NATO")
    selected = drag_select(qtbot, window, "Italy's commitment")
    QTimer.singleShot(0, answer)
    press(qtbot, Key.Key_H)
    made = only_highlight(window)
    assert (made.quote, [t.name for t in made.tags]) == (selected, ["Security"])
    assert background_of(window, "Italy's commitment") == colour_of(window, "Security")
    assert highlight_rows(window) == [made.id]


def test_number_keys_tag_a_selection_and_toggle_topics_on_the_selected_highlight(
    qtbot, window
) -> None:
    first, second = window.tag_panel.first_nine_tag_ids()[:2]
    first_name, second_name = (get_tag(window.store, t).name for t in (first, second))
    open_release(qtbot, window, "NATO")
    drag_select(qtbot, window, "Secretary General")
    press(qtbot, Key.Key_2)
    made = only_highlight(window)
    assert [t.id for t in made.tags] == [second]
    assert background_of(window, "Secretary General") == colour_of(window, second_name)
    press(qtbot, Key.Key_1)  # no text selected now: toggles topic 1 on the new highlight
    assert {t.id for t in only_highlight(window).tags} == {first, second}
    press(qtbot, Key.Key_2)
    assert [t.id for t in only_highlight(window).tags] == [first]
    assert background_of(window, "Secretary General") == colour_of(window, first_name)
    press(qtbot, Key.Key_9)  # two topics: there is no ninth
    assert "no topic number 9" in window.statusBar().currentMessage()
    assert [t.id for t in only_highlight(window).tags] == [first]


def test_delete_removes_the_clicked_highlight_and_undo_and_redo_follow(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    click_topic(qtbot, window, "Security")
    drag_select(qtbot, window, "eastern flank")
    press(qtbot, Key.Key_H)
    made = only_highlight(window)
    click_text(qtbot, window, "eastern flank")
    assert window.reader.view.selected_highlight_id == made.id
    press(qtbot, Key.Key_Delete)
    assert highlights_of_release(window.store, window.release.id) == []
    assert background_of(window, "eastern flank") is None
    assert highlight_rows(window) == []
    press(qtbot, Key.Key_Z, Mod.ControlModifier)
    back = only_highlight(window)
    assert (back.id, back.quote, back.tags) == (made.id, made.quote, made.tags)
    assert background_of(window, "eastern flank") == colour_of(window, "Security")
    assert highlight_rows(window) == [made.id]
    press(qtbot, Key.Key_Z, CTRL_SHIFT)
    assert highlights_of_release(window.store, window.release.id) == []
    assert background_of(window, "eastern flank") is None
    assert highlight_rows(window) == []


@pytest.fixture
def lost_highlight_db(filled_db: Path) -> tuple[Path, int]:
    """The store with a highlight on "grain exports" in a release revised so that those
    words are gone (the highlight lost its place)."""

    def release(text: str) -> ParsedRelease:
        body = paragraphs_to_markdown([text])
        return ParsedRelease("Talks on food security", body, identity="revised-talks")

    with Store(filled_db) as store:
        saved = save_release(store, release("The talks covered energy and grain exports."), None)
        made = add_highlight_by_quote(store, saved.release_id, "grain exports").created
        save_release(store, release("The talks covered energy and wheat exports."), None)
        assert get_highlight(store, made).orphaned
    return filled_db, made


def test_ctrl_m_puts_a_lost_highlight_on_the_dragged_text(qtbot, lost_highlight_db) -> None:
    db_path, lost = lost_highlight_db
    with shown_window(qtbot, db_path) as window:
        open_release(qtbot, window, "food security")
        assert highlight_rows(window) == [lost] and window.reader.view.painted == []
        click_highlight_row(qtbot, window, lost)
        selected = drag_select(qtbot, window, "wheat exports")
        press(qtbot, Key.Key_M, Mod.ControlModifier)
        moved = get_highlight(window.store, lost)
        assert (moved.quote, moved.orphaned) == (selected, False)
        assert [p.id for p in window.reader.view.painted] == [lost]
        assert background_of(window, "wheat exports") is not None
        assert background_of(window, "energy") is None
        press(qtbot, Key.Key_Z, Mod.ControlModifier)
        assert get_highlight(window.store, lost).orphaned
        assert window.reader.view.painted == []
        assert background_of(window, "wheat exports") is None


def test_ctrl_e_brings_the_excerpts_forward_and_back(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    click_topic(qtbot, window, "Ukraine")
    selected = drag_select(qtbot, window, "support for Ukraine")
    press(qtbot, Key.Key_H)
    press(qtbot, Key.Key_E, Mod.ControlModifier)
    assert window.tabs.currentWidget() is window.excerpts_view
    table = window.findChild(QTableView, "excerptTable")
    model = table.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert f"«{selected}»" in model.index(0, QUOTE).data()  # the quote in its context
    press(qtbot, Key.Key_E, Mod.ControlModifier)
    assert window.tabs.currentWidget() is window.splitter


def test_f2_renames_a_topic_and_undo_and_redo_follow(qtbot, window) -> None:
    ukraine = find_tag(window.store, "Ukraine").id
    click_topic(qtbot, window, "Ukraine")
    press(qtbot, Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is topic_tree(window).viewport()
    editor.selectAll()
    qtbot.keyClicks(editor, "Ukraine war")
    press(qtbot, Key.Key_Return)
    # The view commits what was typed and closes the editor once the key press is handled.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is topic_tree(window))
    assert get_tag(window.store, ukraine).name == "Ukraine war"
    assert sorted(topic_names(window)) == ["Security", "Ukraine war"]
    press(qtbot, Key.Key_Z, Mod.ControlModifier)
    assert get_tag(window.store, ukraine).name == "Ukraine"
    assert sorted(topic_names(window)) == ["Security", "Ukraine"]
    press(qtbot, Key.Key_Z, CTRL_SHIFT)
    assert get_tag(window.store, ukraine).name == "Ukraine war"
    assert sorted(topic_names(window)) == ["Security", "Ukraine war"]
