"""The highlights panel's rows: every highlight with its quote and topics, lost ones apart."""

from __future__ import annotations

from PySide6.QtCore import Qt

from gui.models.highlight_list_model import HighlightRole, IdRole
from gui.widgets.highlight_panel import _line_count, _lines
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import find_tag


def _rows(window) -> list[str]:
    model = window.highlight_panel.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _many_highlights(window) -> int:
    """A release with a highlight on each of its first 120 words, half tagged "Security"."""
    store = window.store
    words = [f"word{n}" for n in range(120)]
    parsed = ParsedRelease(
        title="Many", body_markdown=paragraphs_to_markdown([" ".join(words)]), identity="many-1"
    )
    release_id = save_release(store, parsed, None).release_id
    security = find_tag(store, "Security").id
    for n, word in enumerate(words):
        tags = [security] if n % 2 else []
        add_highlight_by_quote(store, release_id, word, tag_ids=tags)
    return release_id


def test_model_passes_the_model_tester(qtmodeltester, window) -> None:
    window.show_release(_many_highlights(window))
    qtmodeltester.check(window.highlight_panel.model)


def test_every_highlight_is_listed_with_its_quote_and_topics(qtbot, window) -> None:
    release_id = _many_highlights(window)
    window.show_release(release_id)
    rows = _rows(window)
    assert len(rows) == 120
    assert rows[0] == "“word0”\nno topic"
    assert rows[119] == "“word119”\nSecurity"
    model = window.highlight_panel.model
    listed = [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]
    assert listed == [h.id for h in highlights_of_release(window.store, release_id)]
    assert model.index(5, 0).data(HighlightRole).quote == "word5"
    assert model.index(5, 0).data(Qt.ItemDataRole.ToolTipRole) == "word5"


def test_an_empty_release_shows_a_hint_that_cannot_be_selected(qtbot, window) -> None:
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    model = window.highlight_panel.model
    assert _rows(window) == ["No highlights yet. Select text and press H."]
    assert model.flags(model.index(0, 0)) == Qt.ItemFlag.NoItemFlags
    assert model.index(0, 0).data(IdRole) is None


def test_moving_through_the_list_with_the_keyboard_shows_each_highlights_note(
    qtbot, window
) -> None:
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    words = window.release.text.split()
    first = add_highlight_by_quote(window.store, window.release.id, words[0], note="First note")
    second = add_highlight_by_quote(window.store, window.release.id, words[3], note="Second")
    window.show_release(window.release.id)
    panel = window.highlight_panel
    panel.select_highlight(first.created)
    assert panel.note_edit.text() == "First note"
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    assert panel.selected_id() == second.created
    assert panel.note_edit.text() == "Second"


def test_a_long_quote_is_measured_as_the_lines_it_is_drawn_in(qapp) -> None:
    """Rows are measured by laying out only the beginning of a long quote; they must come
    out as tall as the quote is drawn: one line, a few, or three at most."""
    font = qapp.font()
    words = "security of the eastern flank " * 20
    for quote in ("Ukraine", words[:60], words[:90], words, "i" * 800, "W" * 800, "ab " * 300):
        drawn = _lines(quote, font, 240, 3)
        assert _line_count(quote, font, 240, 3) == len(drawn), quote[:20]
