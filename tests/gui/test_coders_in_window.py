"""View ▸ Coders: a colleague's highlights carry a mark of their own in the reader, can be
hidden from the reader, the highlight panel and the Excerpts tab (never from the store),
and are read-only unless the analyst chooses to edit them; the choice outlasts the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from store import coder_names
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.tags import find_tag
from tests.gui.window_helpers import (
    background_of,
    choose_in_menu,
    click_text,
    highlight_rows,
    open_release,
    press,
    reader,
    shown_window,
)

SCREENS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screens"
ANAS = "support for Ukraine"
BENS = "security of the eastern flank"


@pytest.fixture
def two_coders_db(filled_db: Path) -> Path:
    """One release with a highlight of Ana's (the analyst at the window) and one of Ben's."""
    with Store(filled_db) as store:
        (release_id,) = store.conn.execute(
            "SELECT id FROM releases WHERE title LIKE 'Minister meets%'"
        ).fetchone()
        ukraine, security = find_tag(store, "Ukraine").id, find_tag(store, "Security").id
        store.coder = "Ana"
        add_highlight_by_quote(store, release_id, ANAS, tag_ids=[ukraine])
        store.coder = "Ben"
        add_highlight_by_quote(store, release_id, BENS, tag_ids=[security])
    coder_names.choose_coder("Ana")
    return filled_db


def _underline_of(window, text: str) -> QTextCharFormat:
    view = reader(window)
    found = view.document().find(text)
    found.setPosition((found.selectionStart() + found.selectionEnd()) // 2)
    return found.charFormat()


def _coder_of_rows(window) -> list[str]:
    coders = {h.id: h.coder for h in window.reading.highlights}
    return [coders[i] for i in highlight_rows(window)]


def test_hiding_a_colleague_leaves_only_your_highlights_painted(qtbot, two_coders_db) -> None:
    with shown_window(qtbot, two_coders_db) as window:
        open_release(qtbot, window, "Minister meets NATO")
        # Both painted with their topic's fill; Ben's also underlined in his mark, Ana's not.
        assert background_of(window, ANAS) is not None
        assert background_of(window, BENS) is not None
        assert (
            _underline_of(window, BENS).underlineStyle()
            != QTextCharFormat.UnderlineStyle.NoUnderline
        )
        assert _underline_of(window, BENS).underlineColor() == window.coders.mark_of("Ben").colour
        assert (
            _underline_of(window, ANAS).underlineStyle()
            == QTextCharFormat.UnderlineStyle.NoUnderline
        )
        SCREENS.mkdir(parents=True, exist_ok=True)
        reader(window).grab().save(str(SCREENS / "coders-both.png"))
        assert sorted(_coder_of_rows(window)) == ["Ana", "Ben"]

        choose_in_menu(qtbot, window, "View", "Coders", "Ben — 1 highlight")
        qtbot.waitUntil(lambda: background_of(window, BENS) is None)
        assert background_of(window, ANAS) is not None
        assert _coder_of_rows(window) == ["Ana"]
        reader(window).grab().save(str(SCREENS / "coders-ben-hidden.png"))

        press(qtbot, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # the Excerpts tab
        excerpts = window.excerpts_view
        qtbot.waitUntil(lambda: excerpts.model.rowCount() == 1)
        coder_column = excerpts.model.COLUMNS.index("Coder")
        assert excerpts.model.index(0, coder_column).data() == "Ana"
        with Store(two_coders_db) as store:  # hidden, not gone
            (count,) = store.conn.execute("SELECT count(*) FROM highlights").fetchone()
        assert count == 2

    with shown_window(qtbot, two_coders_db) as window:  # remembered
        open_release(qtbot, window, "Minister meets NATO")
        assert background_of(window, BENS) is None
        choose_in_menu(qtbot, window, "View", "Coders", "Show all coders")
        qtbot.waitUntil(lambda: background_of(window, BENS) is not None)


def test_a_colleagues_highlight_is_read_only_until_you_choose_to_edit(qtbot, two_coders_db) -> None:
    with shown_window(qtbot, two_coders_db) as window:
        open_release(qtbot, window, "Minister meets NATO")
        click_text(qtbot, window, BENS)
        view = reader(window)
        view.setFocus()
        press(qtbot, Qt.Key.Key_Delete)
        assert "read-only" in window.statusBar().currentMessage()
        assert sorted(_coder_of_rows(window)) == ["Ana", "Ben"]

        choose_in_menu(qtbot, window, "View", "Coders", "Edit colleagues' highlights")
        click_text(qtbot, window, BENS)
        view.setFocus()
        press(qtbot, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: _coder_of_rows(window) == ["Ana"])
        # Your own highlight is editable whatever the choice.
        choose_in_menu(qtbot, window, "View", "Coders", "Edit colleagues' highlights")
        click_text(qtbot, window, ANAS)
        view.setFocus()
        press(qtbot, Qt.Key.Key_Delete)
        qtbot.waitUntil(lambda: _coder_of_rows(window) == [])
