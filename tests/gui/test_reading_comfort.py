"""Reading comfort: text size from the keyboard, a reading width and an appearance from the
View menu, all remembered for the next session (a second window on the same settings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui.appearance import apply_appearance
from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.gui.window_helpers import (
    action,
    choose_in_menu,
    open_release,
    press,
    reader,
    shown_window,
)

pytestmark = pytest.mark.usefixtures("qapp")
Key, Mod = Qt.Key, Qt.KeyboardModifier
PARAGRAPH = " ".join(
    ["The Minister reaffirmed Italy's commitment to the Alliance and to its partners."] * 8
)


@pytest.fixture(autouse=True)
def _system_palette_after():
    yield
    apply_appearance("system")  # the application outlives the test; give it back its palette


@pytest.fixture
def long_db(filled_db: Path) -> Path:
    with Store(filled_db) as store:
        body = paragraphs_to_markdown([PARAGRAPH, PARAGRAPH])
        save_release(store, ParsedRelease("A long paragraph", body, identity="long"), None)
    return filled_db


def first_line_length(window) -> int:
    """How many characters the first line of the release's text holds, as laid out."""
    view = reader(window)
    block = view.document().findBlock(view.document().find("The Minister").selectionStart())
    return block.layout().lineAt(0).textLength()


def test_ctrl_plus_minus_and_zero_change_the_text_size(qtbot, window) -> None:
    open_release(qtbot, window, "NATO")
    view = reader(window)
    normal = view.text_size()
    press(qtbot, Key.Key_Plus, Mod.ControlModifier)
    larger = view.text_size()
    press(qtbot, Key.Key_Equal, Mod.ControlModifier)  # the same key without Shift
    assert normal < larger < view.text_size()
    press(qtbot, Key.Key_Minus, Mod.ControlModifier)
    assert view.text_size() == larger
    assert view.document().defaultFont().pointSizeF() == larger  # the text itself follows
    press(qtbot, Key.Key_0, Mod.ControlModifier)
    assert view.text_size() == normal


def test_a_narrow_reading_width_holds_fewer_characters_a_line(qtbot, long_db) -> None:
    with shown_window(qtbot, long_db) as window:
        open_release(qtbot, window, "long paragraph")
        full = first_line_length(window)
        choose_in_menu(qtbot, window, "View", "Reading width", "Narrow")
        narrow = first_line_length(window)
        assert action(window, "actionWidthNarrow").isChecked()
        assert not action(window, "actionWidthFull").isChecked()
        assert 45 <= narrow <= 75 < full
        # Centred: the text begins as far from the left as it ends from the right.
        frame = reader(window).document().rootFrame().frameFormat()
        assert frame.leftMargin() == frame.rightMargin() > 0
        choose_in_menu(qtbot, window, "View", "Reading width", "Wide")
        assert narrow < first_line_length(window) <= 110


def test_dark_and_light_appearance_from_the_view_menu(qtbot, window) -> None:
    def window_colour() -> int:
        return QApplication.palette().color(QPalette.ColorRole.Window).lightness()

    def reader_colour() -> int:
        return reader(window).palette().color(QPalette.ColorRole.Base).lightness()

    system = QApplication.palette().color(QPalette.ColorRole.Window).name()
    choose_in_menu(qtbot, window, "View", "Appearance", "Dark")
    assert window_colour() < 80
    qtbot.waitUntil(lambda: reader_colour() < 80)  # Qt hands widgets the palette in events
    choose_in_menu(qtbot, window, "View", "Appearance", "Light")
    assert window_colour() > 180
    qtbot.waitUntil(lambda: reader_colour() > 180)
    choose_in_menu(qtbot, window, "View", "Appearance", "System")
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == system
    assert action(window, "actionAppearanceSystem").isChecked()


def test_text_size_width_and_appearance_come_back_next_session(qtbot, long_db) -> None:
    with shown_window(qtbot, long_db) as window:
        normal = reader(window).text_size()
        press(qtbot, Key.Key_Plus, Mod.ControlModifier)
        press(qtbot, Key.Key_Plus, Mod.ControlModifier)
        chosen = reader(window).text_size()
        choose_in_menu(qtbot, window, "View", "Reading width", "Narrow")
        choose_in_menu(qtbot, window, "View", "Appearance", "Dark")
    apply_appearance("system")  # as a new program would start
    with shown_window(qtbot, long_db) as again:
        assert reader(again).text_size() == chosen > normal
        assert action(again, "actionWidthNarrow").isChecked()
        assert action(again, "actionAppearanceDark").isChecked()
        assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() < 80
        open_release(qtbot, again, "long paragraph")
        assert first_line_length(again) <= 75
