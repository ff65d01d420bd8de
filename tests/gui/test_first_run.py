"""The first run teaches: the example topics offered (not forced) above the empty codebook,
added as one undoable step; a hint in the reader until the first highlight; Help ▸ Keyboard
shortcuts listing every key the window's actions have."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from gui.app import import_samples_if_empty
from gui.dialogs.keyboard_shortcuts import KeyboardShortcuts
from gui.window_actions import ACTIONS
from store.db import Store
from store.starter_codebook import read_starter_codebook
from store.tags import find_tag, list_tags
from tests.gui.window_helpers import (
    action,
    click_topic,
    drag,
    open_release,
    position_in,
    press,
    reader,
    shown_window,
    topic_names,
)

pytestmark = pytest.mark.usefixtures("qapp")
Key, Mod = Qt.Key, Qt.KeyboardModifier


@pytest.fixture
def samples_db(db_path: Path) -> Path:
    """A new store as the first run fills it: the sample releases, no topics, no highlights."""
    with Store(db_path) as store:
        assert import_samples_if_empty(store) > 0
    return db_path


def starter_names() -> list[str]:
    def walk(topics):
        for topic in topics:
            yield topic.name
            yield from walk(topic.topics)

    return list(walk(read_starter_codebook()))


def offer(window):
    return window.starter_offer


def click_button(qtbot, window, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible(), name
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_example_topics_are_added_as_one_undoable_step(qtbot, samples_db) -> None:
    with shown_window(qtbot, samples_db) as window:
        assert offer(window).isVisible() and topic_names(window) == []
        click_button(qtbot, window, "addExampleTopics")
        assert sorted(topic_names(window)) == sorted(starter_names())
        assert not offer(window).isVisible()
        first = read_starter_codebook()[0]
        tag = find_tag(window.store, first.name)
        assert (tag.colour, tag.description) == (first.colour, first.full_description)
        child = read_starter_codebook()[1].topics[0]
        assert (
            find_tag(window.store, child.name).parent_id
            == find_tag(window.store, read_starter_codebook()[1].name).id
        )
        ids = sorted(t.id for t in list_tags(window.store))
        window.release_list.setFocus()
        press(qtbot, Key.Key_Z, Mod.ControlModifier)  # one Ctrl+Z: the whole codebook
        assert list_tags(window.store) == [] and topic_names(window) == []
        assert not offer(window).isVisible()  # answered: not offered again
        press(qtbot, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
        assert sorted(t.id for t in list_tags(window.store)) == ids
        assert sorted(topic_names(window)) == sorted(starter_names())


def test_no_thanks_is_remembered_for_the_next_session(qtbot, samples_db, tmp_path) -> None:
    with shown_window(qtbot, samples_db) as window:
        click_button(qtbot, window, "declineExampleTopics")
        assert not offer(window).isVisible() and list_tags(window.store) == []
    with shown_window(qtbot, samples_db) as again:
        assert not offer(again).isVisible()
    other = tmp_path / "other.db"
    with Store(other) as store:
        import_samples_if_empty(store)
    with shown_window(qtbot, other) as elsewhere:  # remembered per user, not per store
        assert not offer(elsewhere).isVisible()


def test_no_offer_over_a_codebook_the_analyst_already_has(qtbot, window) -> None:
    assert list_tags(window.store) and not offer(window).isVisible()


def test_the_hint_is_shown_until_the_first_highlight_and_not_again(qtbot, samples_db) -> None:
    with shown_window(qtbot, samples_db) as window:
        click_button(qtbot, window, "addExampleTopics")
        hint = window.hint
        assert hint.isVisible()
        keys = action(window, "actionHighlight").shortcut()
        assert f"press <b>{keys.toString(QKeySequence.SequenceFormat.NativeText)}</b>" in (
            hint.text()
        )
        open_release(qtbot, window, "Holodomor")
        click_topic(qtbot, window, "Human rights")  # a top-level topic: in view
        drag(qtbot, window, position_in(window, "Holodomor", 2), position_in(window, "genocide", 3))
        assert hint.isVisible()  # a selection is not yet a highlight
        press(qtbot, Key.Key_H)
        assert not hint.isVisible()
        window.release_list.setFocus()
        press(qtbot, Key.Key_Z, Mod.ControlModifier)  # the highlight undone: the hint stays away
        assert not hint.isVisible()
    with shown_window(qtbot, samples_db) as again:
        assert not again.hint.isVisible()


def test_no_hint_over_a_store_that_has_highlights(qtbot, filled_db) -> None:
    from store.highlights import add_highlight_by_quote

    with Store(filled_db) as store:
        add_highlight_by_quote(store, 1, "Secretary General")
    with shown_window(qtbot, filled_db) as window:
        assert not window.hint.isVisible()


def test_keyboard_shortcuts_lists_every_key_of_the_window_s_actions(qtbot, window) -> None:
    press(qtbot, Key.Key_F1)
    dialog = window.findChild(KeyboardShortcuts)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    shown = {(keys, words) for keys, words, _where in dialog.rows()}
    native = QKeySequence.SequenceFormat.NativeText
    expected = set()
    for each in window.findChildren(QAction):
        keys = " or ".join(filter(None, (k.toString(native) for k in each.shortcuts())))
        if keys:
            expected.add((keys, each.text().replace("&", "").removesuffix("…")))
    assert shown == expected
    assert len(dialog.rows()) == len(expected)
    words = {words for _keys, words in shown}
    for spec in ACTIONS:  # every action of the table with keys on this platform is there
        if action(window, spec.name).shortcut().toString():
            assert action(window, spec.name).text().replace("&", "").removesuffix("…") in words
    where = {words: works for _keys, words, works in dialog.rows()}
    topic_one = action(window, "actionApplyTopic1").text()
    assert where[topic_one] == reader(window).accessibleName()  # 1–9: only in the reader
