"""The tag picker: completion over topics, Enter adds or creates, cancel changes nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.dialogs.tag_picker import TagPicker
from gui.operations.highlights import TopicChoice
from store.tags import create_tag, find_tag, list_tags


@pytest.fixture
def ids(store) -> dict[str, int]:
    made = {}
    for name, parent in [
        ("Ukraine", None),
        ("Western Balkans", None),
        ("Kosovo", "Western Balkans"),
        ("Sanctions", None),
        ("Energy security", None),
    ]:
        made[name] = create_tag(store, name, parent_id=made.get(parent)).created
    return made


@pytest.fixture
def picker(qtbot, store, ids):
    dialog = TagPicker(store, preselected=[ids["Sanctions"]])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.entry.setFocus()
    return dialog


def test_completion_offers_a_tag_from_part_of_its_name(qtbot, picker):
    qtbot.keyClicks(picker.entry, "KRAI")
    assert picker.completer.completionCount() == 1
    assert picker.completer.currentCompletion() == "Ukraine"
    assert picker.hint.text() == "Enter: create “KRAI” · ↓ picks a listed topic"
    visible = [picker.list.item(r).text() for r in range(picker.list.count())]
    visible = [t for r, t in enumerate(visible) if not picker.list.item(r).isHidden()]
    assert visible == ["Ukraine"]


def test_enter_on_an_existing_name_checks_it_and_enter_again_closes(qtbot, picker, ids):
    picker.completer.popup().hide()
    qtbot.keyClicks(picker.entry, "kosovo")
    picker.completer.popup().hide()  # the analyst typed the whole name: no completion needed
    assert picker.hint.text() == "Enter: add “Kosovo”"
    qtbot.keyClick(picker.entry, Qt.Key.Key_Return)
    assert picker.entry.text() == ""
    assert set(picker.chosen_ids()) == {ids["Sanctions"], ids["Kosovo"]}
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.entry, Qt.Key.Key_Return)
    assert picker.choice.tag_ids == (ids["Sanctions"], ids["Kosovo"])  # in codebook order


def test_enter_in_the_completion_popup_adds_the_highlighted_topic(qtbot, picker, ids):
    qtbot.keyClicks(picker.entry, "balk")
    popup = picker.completer.popup()
    popup.setCurrentIndex(picker.completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert ids["Western Balkans"] in picker.chosen_ids()
    assert picker.entry.text() == "" and not popup.isVisible()


def test_clicking_a_completion_adds_the_topic(qtbot, picker, ids):
    qtbot.keyClicks(picker.entry, "balk")
    picker.completer.activated[str].emit(picker.completer.currentCompletion())
    qtbot.waitUntil(lambda: ids["Western Balkans"] in picker.chosen_ids())
    assert picker.entry.text() == ""


def test_a_new_name_and_enter_chooses_a_topic_to_create(qtbot, picker, store, ids):
    qtbot.keyClicks(picker.entry, "Arctic  council")
    picker.completer.popup().hide()
    assert picker.hint.text() == "Enter: create “Arctic council”"
    qtbot.keyClick(picker.entry, Qt.Key.Key_Return)
    assert picker.new_names() == ["Arctic council"]
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.entry, Qt.Key.Key_Return)
    # The picker writes nothing: the operation that uses the choice creates the topic.
    assert find_tag(store, "Arctic council") is None
    assert picker.choice == TopicChoice((ids["Sanctions"],), ("Arctic council",))


def test_ask_returns_the_choice_or_none_when_cancelled(qtbot, store, ids):
    def answer(accept: bool) -> None:
        dialog = QApplication.activeModalWidget()  # the one ask() is waiting on
        if dialog is None:  # exec() has not shown it yet: look again shortly
            QTimer.singleShot(10, lambda: answer(accept))
            return
        if not isinstance(dialog, TagPicker):  # never leave the test waiting on a dialog
            dialog.reject()
            return
        if accept:
            dialog.entry.setText("Energy security")
            dialog.accept()
        else:
            dialog.entry.setText("Never made")
            dialog.reject()

    QTimer.singleShot(0, lambda: answer(True))
    assert TagPicker.ask(store) == TopicChoice((ids["Energy security"],))
    before = len(list_tags(store))
    QTimer.singleShot(0, lambda: answer(False))
    assert TagPicker.ask(store, preselected=[ids["Ukraine"]]) is None
    assert len(list_tags(store)) == before
