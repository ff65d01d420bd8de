"""Selections snap to whole words: a drag or shift-click that starts or ends inside a word
takes the whole word; Alt-drag, or View ▸ Snap selections to words turned off, takes exactly
the characters the mouse covered. Driven with the mouse on the real reader, then H."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.gui.window_helpers import (
    action,
    choose_in_menu,
    click_topic,
    drag,
    open_release,
    position_in,
    press,
    reader,
    shift_click,
    shown_window,
)

pytestmark = pytest.mark.usefixtures("qapp")
Key, Mod = Qt.Key, Qt.KeyboardModifier
SENTENCE = (
    "Italy forcefully supports the territorial integrity, sovereignty, and full independence "
    "and resilience of Ukraine."
)


@pytest.fixture
def sentence_db(filled_db: Path) -> Path:
    """The test store with the release whose drag saved "rts the territorial integrity, sov"."""
    with Store(filled_db) as store:
        body = paragraphs_to_markdown(["Minister Tajani added:", SENTENCE])
        save_release(store, ParsedRelease("Tajani on Ukraine", body, identity="tajani"), None)
    return filled_db


@pytest.fixture
def tajani(qtbot, sentence_db: Path):
    with shown_window(qtbot, sentence_db) as window:
        open_release(qtbot, window, "Tajani")
        click_topic(qtbot, window, "Ukraine")
        reader(window).setFocus()
        yield window


def saved_quote(qtbot, window) -> str:
    """Press H and return the quote of the one highlight it saved."""
    press(qtbot, Key.Key_H)
    (made,) = highlights_of_release(window.store, window.release.id)
    return made.quote


def inside(window, word: str, offset: int = 2) -> int:
    return position_in(window, word, offset)


def test_a_drag_from_inside_one_word_to_inside_another_takes_both_whole(qtbot, tajani) -> None:
    drag(qtbot, tajani, inside(tajani, "supports", 5), inside(tajani, "sovereignty", 3))
    assert saved_quote(qtbot, tajani) == "supports the territorial integrity, sovereignty"


def test_a_drag_right_to_left_takes_whole_words_too(qtbot, tajani) -> None:
    drag(qtbot, tajani, inside(tajani, "independence", 4), inside(tajani, "integrity", 3))
    assert saved_quote(qtbot, tajani) == "integrity, sovereignty, and full independence"


def test_a_drag_inside_one_word_takes_that_word(qtbot, tajani) -> None:
    drag(qtbot, tajani, inside(tajani, "territorial", 2), inside(tajani, "territorial", 6))
    assert saved_quote(qtbot, tajani) == "territorial"


def test_punctuation_after_the_last_word_is_not_taken(qtbot, tajani) -> None:
    drag(qtbot, tajani, inside(tajani, "full independence", 1), inside(tajani, "Ukraine", 3))
    assert saved_quote(qtbot, tajani) == "full independence and resilience of Ukraine"


def test_a_drag_that_starts_and_ends_between_words_is_kept_as_it_is(qtbot, tajani) -> None:
    start = inside(tajani, "the territorial", 0)
    drag(qtbot, tajani, start, inside(tajani, "integrity,", len("integrity,")))
    assert saved_quote(qtbot, tajani) == "the territorial integrity,"


def test_alt_drag_takes_exactly_the_characters_covered(qtbot, tajani) -> None:
    start, end = inside(tajani, "supports", 5), inside(tajani, "sovereignty", 3)
    drag(qtbot, tajani, start, end, Mod.AltModifier)
    assert saved_quote(qtbot, tajani) == "rts the territorial integrity, sov"


def test_shift_click_inside_a_word_extends_to_its_end(qtbot, tajani) -> None:
    drag(qtbot, tajani, inside(tajani, "territorial", 3), inside(tajani, "territorial", 5))
    shift_click(qtbot, tajani, inside(tajani, "resilience", 4))
    assert saved_quote(qtbot, tajani) == (
        "territorial integrity, sovereignty, and full independence and resilience"
    )


def test_the_view_menu_turns_snapping_off(qtbot, tajani) -> None:
    assert action(tajani, "actionSnapToWords").isChecked()
    choose_in_menu(qtbot, tajani, "View", "Snap selections to words")
    assert not action(tajani, "actionSnapToWords").isChecked()
    reader(tajani).setFocus()
    drag(qtbot, tajani, inside(tajani, "supports", 5), inside(tajani, "sovereignty", 3))
    assert saved_quote(qtbot, tajani) == "rts the territorial integrity, sov"


def test_snapping_turned_off_stays_off_in_the_next_session(qtbot, sentence_db) -> None:
    with shown_window(qtbot, sentence_db) as window:
        choose_in_menu(qtbot, window, "View", "Snap selections to words")
    with shown_window(qtbot, sentence_db) as again:
        assert not action(again, "actionSnapToWords").isChecked()
        open_release(qtbot, again, "Tajani")
        drag(qtbot, again, inside(again, "supports", 5), inside(again, "sovereignty", 3))
        assert reader(again).textCursor().selectedText() == "rts the territorial integrity, sov"


def test_whole_words_in_accented_arabic_and_astral_text(qtbot, window) -> None:
    open_release(qtbot, window, "Déclaration")
    click_topic(qtbot, window, "Security")
    reader(window).setFocus()
    for start, end, expected in (
        (("Solidarité", 4), ("l'Ukraine", 4), "Solidarité avec l'Ukraine"),
        (("character 𠀋", 3), ("more text", 2), "character 𠀋 and more"),  # an astral character
        (("عربي", 2), ("الأمن", 2), "عربي: الأمن"),
        (
            ("Sécurité européenne", 14),
            ("partenaires", 3),
            "européenne: la France et ses partenaires",
        ),
    ):
        drag(qtbot, window, position_in(window, *start), position_in(window, *end))
        press(qtbot, Key.Key_H)
        newest = max(highlights_of_release(window.store, window.release.id), key=lambda h: h.id)
        assert newest.quote == expected


def test_highlights_made_before_keep_their_characters(qtbot, sentence_db) -> None:
    with Store(sentence_db) as store:
        title = "Tajani on Ukraine"
        release_id = store.conn.execute("SELECT id FROM releases WHERE title = ?", (title,))
        release_id = release_id.fetchone()[0]
        old = add_highlight_by_quote(store, release_id, "rts the territorial integrity, sov")
    with shown_window(qtbot, sentence_db) as window:
        open_release(qtbot, window, "Tajani")
        (kept,) = highlights_of_release(window.store, window.release.id)
        assert (kept.id, kept.quote) == (old.created, "rts the territorial integrity, sov")
        (painted,) = reader(window).painted
        start = position_in(window, "supports", 5)
        assert (painted.span.start, painted.span.end) == (start, start + len(kept.quote))
