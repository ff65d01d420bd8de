"""The window driven as an analyst drives it: search, read, highlight, undo, reopen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListView

from gui.app import build_window
from store.highlights import highlights_of_release
from store.tags import find_tag
from tests.gui.window_helpers import (
    action,
    click_topic,
    drag_select,
    open_release,
    press,
    reader,
    release_list,
    select_text,
    select_topic,
)

pytestmark = pytest.mark.usefixtures("qapp")


def only_highlight(window):
    found = highlights_of_release(window.store, window.release.id)
    assert len(found) == 1
    return found[0]


def test_search_box_narrows_the_list(qtbot, window) -> None:
    model = release_list(window).model()
    assert model.rowCount() == 3
    qtbot.keyClicks(window.findChild(object, "searchBox"), "maritim")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=2000)
    assert "maritime" in model.index(0, 2).data()
    assert "1 release" in window.count_label.text()


def test_clicking_a_row_shows_the_release(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    assert "Secretary General of NATO" in reader(window).toPlainText()
    assert "NATO Secretary General" in window.reader.header.text()


@pytest.mark.parametrize(
    ("start", "until"),
    [
        ("l'Ukraine 🇺🇦 un", None),
        ("Sécurité européenne", None),
        ("الأمن والاستقرار", None),
        ("𠀋 and more", "second line"),  # across a <br>
        ("🇺🇦 un an", "Sécurité"),  # across paragraphs
    ],
)
def test_highlight_has_exactly_the_selected_text(qtbot, window, start, until) -> None:
    open_release(qtbot, window, "Déclaration")
    click_topic(qtbot, window, "Ukraine")
    tag_id = find_tag(window.store, "Ukraine").id
    selected = drag_select(qtbot, window, start, until)
    press(qtbot, Qt.Key.Key_H)
    highlight = only_highlight(window)
    assert highlight.quote == selected
    assert [tag.id for tag in highlight.tags] == [tag_id]


def test_picker_tags_the_highlight_when_no_topic_is_selected(qtbot, window, monkeypatch) -> None:
    from gui.dialogs.tag_picker import TagPicker
    from gui.operations.highlights import TopicChoice

    security = find_tag(window.store, "Security").id
    choice = TopicChoice((security,))
    monkeypatch.setattr(TagPicker, "ask", classmethod(lambda cls, store, parent: choice))
    open_release(qtbot, window, "NATO")
    selected, _ = select_text(window, "support for Ukraine")
    action(window, "actionHighlight").trigger()
    highlight = only_highlight(window)
    assert highlight.quote == selected
    assert [t.name for t in highlight.tags] == ["Security"]


def test_cancelled_picker_makes_no_highlight(qtbot, window, monkeypatch) -> None:
    from gui.dialogs.tag_picker import TagPicker

    monkeypatch.setattr(TagPicker, "ask", classmethod(lambda cls, store, parent: None))
    open_release(qtbot, window, "NATO")
    select_text(window, "support for Ukraine")
    action(window, "actionHighlight").trigger()
    assert highlights_of_release(window.store, window.release.id) == []


def test_highlight_is_painted_when_the_store_is_reopened(qtbot, window, filled_db) -> None:
    open_release(qtbot, window, "Déclaration")
    select_topic(window, "Ukraine")
    select_text(window, "Sécurité européenne")
    action(window, "actionHighlight").trigger()
    colour = find_tag(window.store, "Ukraine").colour

    again = build_window(filled_db)
    qtbot.addWidget(again)
    open_release(qtbot, again, "Déclaration")
    cursor = reader(again).document().find("Sécurité européenne")
    cursor.setPosition(cursor.selectionStart() + 3)  # inside the highlight
    assert cursor.charFormat().background().color().name() == colour
    plain = reader(again).document().find("la France")
    plain.setPosition(plain.selectionStart() + 1)
    assert plain.charFormat().background().style() == Qt.BrushStyle.NoBrush
    again.close()
    again.store.close()


def test_undo_removes_the_highlight_from_the_store_and_redo_restores_it(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    select_topic(window, "Ukraine")
    select_text(window, "eastern flank")
    action(window, "actionHighlight").trigger()
    made = only_highlight(window)
    action(window, "actionUndo").trigger()
    assert highlights_of_release(window.store, window.release.id) == []
    assert window.highlight_panel.highlights() == []
    action(window, "actionRedo").trigger()
    back = only_highlight(window)
    assert (back.id, back.start, back.end, back.tags) == (made.id, made.start, made.end, made.tags)
    assert [h.id for h in window.highlight_panel.highlights()] == [made.id]


def test_number_key_one_applies_the_first_topic(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    first = window.tag_panel.first_nine_tag_ids()[0]
    select_text(window, "Italy's commitment")
    reader(window).setFocus()  # where the analyst's selection is; keys 1–9 work there
    qtbot.keyClick(reader(window), Qt.Key.Key_1)
    highlight = only_highlight(window)
    assert [t.id for t in highlight.tags] == [first]
    assert highlight.quote == "Italy's commitment"


def test_number_key_toggles_a_topic_on_the_selected_highlight(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    first, second = window.tag_panel.first_nine_tag_ids()[:2]
    select_text(window, "Italy's commitment")
    reader(window).setFocus()
    qtbot.keyClick(reader(window), Qt.Key.Key_1)
    qtbot.keyClick(reader(window), Qt.Key.Key_2)  # no selection now: toggles on the highlight
    assert {t.id for t in only_highlight(window).tags} == {first, second}
    qtbot.keyClick(reader(window), Qt.Key.Key_1)
    assert [t.id for t in only_highlight(window).tags] == [second]


def test_clicking_a_highlight_in_the_list_moves_the_reader_to_it(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    select_topic(window, "Security")
    _, start = select_text(window, "Alliance")
    action(window, "actionHighlight").trigger()
    view = reader(window)
    moved = view.textCursor()
    moved.setPosition(0)
    view.setTextCursor(moved)
    listing = window.findChild(QListView, "highlightList")
    row = listing.model().index(0, 0)
    qtbot.mouseClick(
        listing.viewport(), Qt.MouseButton.LeftButton, pos=listing.visualRect(row).center()
    )
    assert view.textCursor().position() == start
    assert view.selected_highlight_id == only_highlight(window).id


def test_clicking_a_highlight_in_the_reader_selects_it_in_the_list(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    select_topic(window, "Security")
    select_text(window, "Secretary General of NATO")
    action(window, "actionHighlight").trigger()
    view = reader(window)
    inside = view.document().find("General of")
    rect = view.cursorRect(inside)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.highlight_panel.selected_id() == only_highlight(window).id


def test_delete_action_deletes_the_selected_highlight_and_undo_brings_it_back(
    qtbot, window
) -> None:
    open_release(qtbot, window, "NATO")
    select_topic(window, "Security")
    select_text(window, "Alliance")
    action(window, "actionHighlight").trigger()
    made = only_highlight(window)
    window.highlight_panel.select_highlight(made.id)
    action(window, "actionDeleteHighlight").trigger()
    assert highlights_of_release(window.store, window.release.id) == []
    action(window, "actionUndo").trigger()
    assert only_highlight(window).id == made.id


def test_export_is_enabled(window) -> None:
    # Exporting itself is driven in test_export_dialog.py.
    assert action(window, "actionExport").isEnabled()


def test_source_and_highlight_filters_narrow_the_list(qtbot, window) -> None:
    box = window.filters.source_box
    box.refresh()  # what opening the list does
    box.setCurrentIndex(box.findData("Farnesina"))
    model = release_list(window).model()
    assert model.rowCount() == 1
    assert "1 release" in window.count_label.text()
    box.setCurrentIndex(0)
    window.filters.highlighted_check.setChecked(True)
    assert model.rowCount() == 0
