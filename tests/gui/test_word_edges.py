"""Word edges on real QTextDocuments with random text: emoji, combining marks, RTL scripts,
astral characters, punctuation and several paragraphs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextDocument

from gui.text.word_edges import widen_to_words, word_spans

pytestmark = pytest.mark.usefixtures("qapp")
WORDS = st.sampled_from(
    [
        "Ukraine",
        "🇺🇦",
        "Sécurité",
        "e\u0301te\u0301",
        "الأمن",
        "שלום",
        "𠀋x",
        "NATO's",
        "U.S.",
        "Euro-Atlantic",
        ",",
        ".",
        "—",
        "3,5",
        "a\u00a0b",
    ]
)
TEXT = st.lists(st.lists(WORDS, min_size=1, max_size=10).map(" ".join), min_size=1, max_size=3)


def inside_a_word(document: QTextDocument, position: int) -> bool:
    block = document.findBlock(position)
    at = position - block.position()
    return any(start < at < end for start, end in word_spans(block.text()))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=TEXT, ends=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_a_widened_selection_covers_the_mouse_s_and_cuts_no_word(paragraphs, ends) -> None:
    document = QTextDocument()
    document.setPlainText("\n".join(paragraphs))
    last = document.characterCount() - 1
    anchor, position = (round(f * last) for f in ends)
    new_anchor, new_position = widen_to_words(document, anchor, position)
    lo, hi = min(anchor, position), max(anchor, position)
    assert min(new_anchor, new_position) <= lo and max(new_anchor, new_position) >= hi
    assert (new_anchor <= new_position) == (anchor <= position)  # the direction is kept
    for old, new in ((anchor, new_anchor), (position, new_position)):
        assert not inside_a_word(document, new)
        if not inside_a_word(document, old):
            assert new == old  # an end between words stays where the mouse put it
    assert widen_to_words(document, new_anchor, new_position) == (new_anchor, new_position)


def test_words_are_counted_in_utf16_units() -> None:
    # "🇺🇦" is two astral characters, four UTF-16 units; "𠀋" two.
    assert word_spans("🇺🇦 Ukraine 𠀋 more") == [(5, 12), (16, 20)]
