"""Qt positions ↔ canonical offsets, on real QTextDocuments rendered from random releases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from gui.text.positions import (
    TextPositions,
    _equal_pieces,
    _paired_pieces,
    utf16_offsets,
)
from store.canonical import canonical_text
from store.markdown_text import paragraphs_to_markdown
from store.render import render_html

# Words a release might hold: emoji (astral, flags are pairs), combining marks, RTL scripts,
# rare CJK outside the BMP, accented Latin, a no-break space.
WORDS = st.sampled_from(
    [
        "Ukraine",
        "🇺🇦",
        "👍🏽",
        "Sécurité",
        "e\u0301te\u0301",
        "الأمن",
        "שלום",
        "𠀋",
        "北京",
        "NATO's",
        "a\u00a0b",
        "3.",
        "—",
        "x",
    ]
)
LINE = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map(lambda lines: "\r\n".join(lines))
RELEASE = st.lists(PARAGRAPH, min_size=1, max_size=6)


def document_of(markdown: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(render_html(markdown))
    return document


def selected_as_canonical(cursor: QTextCursor) -> str:
    return cursor.selectedText().replace("\u2029", "\n\n").replace("\u2028", "\n")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=RELEASE, data=st.data())
def test_canonical_range_round_trips_through_qt(qapp, paragraphs, data) -> None:
    markdown = paragraphs_to_markdown(paragraphs)
    text = canonical_text(markdown)
    visible = [i for i, c in enumerate(text) if not c.isspace()]
    assume(visible)
    start = data.draw(st.sampled_from(visible))
    end = data.draw(st.sampled_from([i for i in visible if i >= start])) + 1
    document = document_of(markdown)
    positions = TextPositions(document.toRawText(), text)

    span = positions.to_qt(start, end)
    assert span is not None
    cursor = QTextCursor(document)
    cursor.setPosition(span.start)
    cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
    assert selected_as_canonical(cursor) == text[start:end]
    assert positions.to_canonical(span.start, span.end) == (start, end)


@settings(max_examples=40, deadline=None)
@given(paragraphs=RELEASE, data=st.data())
def test_any_qt_selection_maps_to_its_visible_text(qapp, paragraphs, data) -> None:
    markdown = paragraphs_to_markdown(paragraphs)
    text = canonical_text(markdown)
    document = document_of(markdown)
    positions = TextPositions(document.toRawText(), text)
    # Cursor positions a person can reach: between code points, never inside a surrogate pair.
    reachable = utf16_offsets(document.toRawText())
    a = data.draw(st.sampled_from(reachable))
    b = data.draw(st.sampled_from(reachable))
    cursor = QTextCursor(document)
    cursor.setPosition(a)
    cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
    selected = selected_as_canonical(cursor)
    mapped = positions.to_canonical(min(a, b), max(a, b))
    if not selected.strip():
        assert mapped is None
        return
    assert mapped is not None
    assert text[mapped[0] : mapped[1]].split() == selected.split()


def test_a_selection_ending_inside_a_surrogate_pair_covers_the_whole_character() -> None:
    positions = TextPositions("ab 𠀋 c", "ab 𠀋 c")
    assert positions.to_canonical(0, 4) == (0, 4)  # 𠀋 is Qt positions 3–4
    assert positions.to_canonical(3, 4) == (3, 4)  # its first unit alone: the whole of it


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=RELEASE)
def test_pieces_pair_the_same_characters_as_pairing_them_one_by_one(qapp, paragraphs) -> None:
    markdown = paragraphs_to_markdown(paragraphs)
    text = canonical_text(markdown)
    raw = document_of(markdown).toRawText()
    pieces = _equal_pieces(raw, text)
    assert pieces is not None  # a rendered release takes the quick way
    pairs = [
        (c + i, d + i)
        for c, d, size in zip(*pieces, strict=True)
        for i in range(size)
        if not text[c + i].isspace()
    ]
    one_by_one, doc, _ = _paired_pieces(raw, text)
    assert pairs == list(zip(one_by_one, doc, strict=True))


def test_utf16_offsets_count_astral_characters_twice() -> None:
    assert utf16_offsets("a𠀋🇺🇦b") == [0, 1, 3, 5, 7, 8]


def test_selection_of_only_white_space_maps_to_nothing() -> None:
    positions = TextPositions("One\u2029Two", "One\n\nTwo")
    assert positions.to_canonical(3, 4) is None
    assert positions.to_canonical(2, 5) == (2, 6)


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("h1\ufdd0h2\ufdd0c1\ufdd0c2\ufdd1", "h1\th2\n\nc1\tc2"),
        ("a\u2028b\ufffcc", "a\nb\nc"),
    ],
)
def test_structure_characters_never_pair(raw: str, canonical: str) -> None:
    positions = TextPositions(raw, canonical)
    assert positions.to_canonical(0, len(raw)) == (0, len(canonical))


def test_a_character_qt_dropped_does_not_shift_the_rest() -> None:
    positions = TextPositions("Hello world", "Hello\u200b wor\u00adld")
    span = positions.to_qt(6, 14)
    assert span is not None and (span.start, span.end) == (6, 11)
