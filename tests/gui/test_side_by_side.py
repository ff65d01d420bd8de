"""The two-column reader, driven as an analyst would: two rows picked in the list with
Ctrl+click and Ctrl+Shift+B, the wheel over one column, a click on a highlight and C,
Ctrl+Z. The pair is real: one message of the Swiss federal news service in German and in
French, imported from the corpus as any JSON Lines file is."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QDialog
from side_by_side_helpers import (
    CONVOY,
    click_in,
    found,
    message_versions,
    screen_y,
    wheel,
    write_jsonl,
)

from gui.dialogs.side_by_side import ALIGNING, OPENING, SideBySideDialog
from gui.text.aligned_passages import A, B
from gui.widgets.level_scrolling import READING_LINE
from gui.widgets.release_header import SIDE_BY_SIDE_LINK
from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.imports.pipeline import import_paths
from store.releases import page_of_releases
from store.tags import create_tag
from tests.gui.window_helpers import press, release_list, shown_window

pytestmark = pytest.mark.usefixtures("qapp")

GERMAN_QUOTE = "Konvoi mit 300 Tonnen chemischen Produkten"
FRENCH_QUOTE = "300 tonnes de produits chimiques"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def convoy_db(tmp_path: Path, db_path: Path) -> Path:
    """The convoy message in German and in French, a highlight on each, and a third
    release (the other message's German) so that picking two of three matters."""
    german, french = message_versions(CONVOY)
    (other,) = message_versions("56383", ("de",))
    with Store(db_path) as store:
        import_paths(store, [write_jsonl(tmp_path / "convoy.jsonl", [german, french, other])])
        ids = {r.language: r.id for r in page_of_releases(store, limit=10) if "Donetsk" in r.title}
        ukraine = create_tag(store, "Ukraine").created
        aid = create_tag(store, "Humanitarian aid").created
        add_highlight_by_quote(store, ids["de"], GERMAN_QUOTE, tag_ids=[ukraine, aid])
        add_highlight_by_quote(store, ids["fr"], "convoi humanitaire", tag_ids=[aid])
    return db_path


@pytest.fixture
def window(qtbot, convoy_db: Path):
    with shown_window(qtbot, convoy_db) as built:
        yield built


def ctrl_click_rows(qtbot, window, *title_parts: str) -> None:
    """Click the row of the first title, Ctrl+click the rows of the others."""
    view = release_list(window)
    model = view.model()
    for number, part in enumerate(title_parts):
        (row,) = [r for r in range(model.rowCount()) if part in model.index(r, 2).data()]
        modifier = Qt.KeyboardModifier.ControlModifier if number else Qt.KeyboardModifier(0)
        rect = view.visualRect(model.index(row, 2))
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def open_side_by_side(qtbot, window) -> SideBySideDialog:
    ctrl_click_rows(qtbot, window, "Hilfskonvoi", "Arrivée à Donetsk")
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    dialog = window.findChild(QDialog, "sideBySide")
    assert isinstance(dialog, SideBySideDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def aligned(qtbot, dialog: SideBySideDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.pending and dialog.passages is not None, timeout=20000)


def test_two_rows_picked_with_ctrl_click_open_side_by_side_and_align_off_the_window_thread(
    qtbot, window
) -> None:
    dialog = open_side_by_side(qtbot, window)
    # The texts and their alignment come from the dialog's worker.
    assert dialog.status.text() in (OPENING, ALIGNING) and dialog.passages is None
    qtbot.waitUntil(lambda: dialog.status.text() != OPENING)
    titles = [pane.header.text() for pane in dialog.panes]
    assert "Schweizer Hilfskonvoi" in titles[0] and "German" in titles[0]
    assert "Arrivée à Donetsk" in titles[1] and "French" in titles[1]
    assert GERMAN_QUOTE in dialog.views[A].toPlainText()
    aligned(qtbot, dialog)
    assert len(dialog.passages.pairs) >= 5  # the message's paragraphs, at least
    assert "passages aligned" in dialog.status.text()
    # Both sides' highlights are painted in their topics' colours.
    for side, quote in ((A, GERMAN_QUOTE), (B, "convoi humanitaire")):
        view = dialog.views[side]
        cursor = found(view, quote)
        cursor.setPosition(cursor.selectionStart() + 2)
        assert cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush


def test_one_release_picked_is_opened_beside_another_language_version_of_it(qtbot, window) -> None:
    """The import found the German and the French to be one statement (no id says so)."""
    ctrl_click_rows(qtbot, window, "Hilfskonvoi")
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    dialog = window.findChild(QDialog, "sideBySide")
    assert isinstance(dialog, SideBySideDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.status.text() != OPENING)
    assert "German" in dialog.panes[A].header.text()
    assert "French" in dialog.panes[B].header.text()


def test_one_release_of_no_group_picked_says_to_pick_two(qtbot, window) -> None:
    ctrl_click_rows(qtbot, window, "Schetyna")
    press(qtbot, Qt.Key.Key_B, CTRL_SHIFT)
    assert window.findChild(QDialog, "sideBySide") is None
    assert "Select two releases" in window.statusBar().currentMessage()


def test_the_wheel_over_one_column_brings_the_other_level(qtbot, window) -> None:
    dialog = open_side_by_side(qtbot, window)
    dialog.resize(1100, 520)  # short columns: the texts scroll
    aligned(qtbot, dialog)
    german, french = dialog.views
    checked = 0
    for _step in range(8):
        wheel(german, 2)
        qtbot.waitUntil(lambda: french.verticalScrollBar().value() > 0)
        # The passage at German's reading line, and its counterpart, stand level.
        reading_y = german.verticalScrollBar().value() + german.viewport().height() * READING_LINE
        position = (
            german.document()
            .documentLayout()
            .hitTest(QPointF(0, reading_y), Qt.HitTestAccuracy.FuzzyHit)
        )
        pair = dialog.passages.pair_at(A, position)
        if pair is None or pair not in dialog.passages.level:
            continue  # a passage only in German, or one moved: between two level pairs
        line = german.fontMetrics().height()
        screen_line = german.viewport().mapTo(dialog, german.viewport().rect().topLeft()).y() + (
            german.viewport().height() * READING_LINE
        )
        top = screen_y(french, pair.spans[B].start)
        bottom = screen_y(french, pair.spans[B].end - 1) + line
        assert top - line <= screen_line <= bottom + line
        checked += 1
    assert checked >= 3
    # And the other way: the French column leads, the German follows.
    before = german.verticalScrollBar().value()
    wheel(french, -3)
    qtbot.waitUntil(lambda: german.verticalScrollBar().value() < before)


def test_the_pair_under_the_cursor_is_emphasised_on_both_sides(qtbot, window) -> None:
    dialog = open_side_by_side(qtbot, window)
    aligned(qtbot, dialog)
    german, french = dialog.views
    click_in(qtbot, german, "Hilfsgütern")
    pair = dialog.passages.pair_at(A, german.textCursor().position())
    assert pair is not None
    assert german.emphasised == pair.spans[A] and french.emphasised == pair.spans[B]
    shown = french.document().toPlainText()
    # The French counterpart of the German sentence about the 15 lorries names them too.
    emphasised = shown[pair.spans[B].start : pair.spans[B].end]
    assert "camions" in emphasised


def test_a_highlight_is_carried_to_the_other_side_by_key_and_ctrl_z_removes_it(
    qtbot, window
) -> None:
    dialog = open_side_by_side(qtbot, window)
    aligned(qtbot, dialog)
    german, french = dialog.views
    store = window.store
    french_id = dialog.release_ids[B]
    before = {h.id for h in highlights_of_release(store, french_id)}
    click_in(qtbot, german, GERMAN_QUOTE)
    qtbot.keyClick(german, Qt.Key.Key_C)
    after = highlights_of_release(store, french_id)
    (carried,) = [h for h in after if h.id not in before]
    (source,) = [h for h in highlights_of_release(store, dialog.release_ids[A])]
    assert {t.name for t in carried.tags} == {t.name for t in source.tags}
    # Its own offsets: the French passage aligned with the German one, which holds the
    # same facts in French.
    assert FRENCH_QUOTE in carried.quote
    assert french.selected_highlight_id == carried.id
    cursor = found(french, FRENCH_QUOTE)
    cursor.setPosition(cursor.selectionStart() + 3)
    assert cursor.charFormat().background().style() != Qt.BrushStyle.NoBrush
    qtbot.keyClick(french, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {h.id for h in highlights_of_release(store, french_id)} == before
    qtbot.waitUntil(lambda: french.selected_highlight_id is None)


def test_what_only_one_side_has_is_tinted_and_labelled(qtbot, tmp_path, db_path) -> None:
    """The same German release twice, the second with a paragraph of another message
    added: that paragraph is only in B."""
    (german,) = message_versions(CONVOY, ("de",))
    (other,) = message_versions("56383", ("de",))
    # Its paragraph on the two ministers' talks about Ukraine, Russia and the OSCE.
    added = other["body"].split("<br /><br />")[1].split("<")[0]
    assert added.startswith("Die beiden Aussenminister")
    longer = dict(german, title="Ergänzt: der Konvoi in Donetsk")
    longer["body"] = german["body"] + f"<p>{added}</p>"
    with Store(db_path) as store:
        import_paths(store, [write_jsonl(tmp_path / "two.jsonl", [german, longer])])
    with shown_window(qtbot, db_path) as window:
        ctrl_click_rows(qtbot, window, "Schweizer Hilfskonvoi", "Ergänzt")
        press(
            qtbot,
            Qt.Key.Key_B,
            CTRL_SHIFT,
        )
        dialog = window.findChild(QDialog, "sideBySide")
        qtbot.addWidget(dialog)
        aligned(qtbot, dialog)
        short, long = dialog.views
        (only,) = long.only
        assert added.split()[0] in long.document().toPlainText()[only.start : only.end]
        assert short.only == []
        long.verticalScrollBar().setValue(long.verticalScrollBar().maximum())
        qtbot.waitUntil(lambda: long.visible_range()[1] > only.start)
        picture = long.viewport().grab().toImage()
        rect = long.line_rects(only)[0]
        # Most pixels of a line of text are its background: the tint, not the base.
        row = int(rect.center().y())
        colours = Counter(
            picture.pixelColor(x, row).name() for x in range(int(rect.left()), int(rect.right()))
        )
        background = colours.most_common(1)[0][0]
        assert background != long.palette().color(QPalette.ColorRole.Base).name()


def test_the_title_block_names_the_other_language_and_opens_the_two_side_by_side(
    qtbot, window
) -> None:
    ctrl_click_rows(qtbot, window, "Hilfskonvoi")
    header = window.reader.header
    qtbot.waitUntil(lambda: "Also in:" in header.text())
    assert ">FR</a>" in header.text() and "side by side" in header.text()
    # Tab to the title block's "side by side" link, as the keyboard reaches links, and Enter.
    links = re.findall(r'href="([^"]+)"', header.text())
    header.setFocus(Qt.FocusReason.TabFocusReason)
    for _ in range(links.index(SIDE_BY_SIDE_LINK) + 1):  # the first Tab reaches the first link
        qtbot.keyClick(header, Qt.Key.Key_Tab)
    qtbot.keyClick(header, Qt.Key.Key_Return)
    dialog = window.findChild(QDialog, "sideBySide")
    assert isinstance(dialog, SideBySideDialog)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.status.text() != OPENING)
    assert "French" in dialog.panes[B].header.text()
