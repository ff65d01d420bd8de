"""The Concordance tab driven as an analyst drives it: Ctrl+Shift+K, a phrase typed, headers
clicked, lines selected and tagged in one undoable step, a line double-clicked into the
reader, the lines exported; bad phrases answered in one sentence."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QTableView

from gui.dialogs.tag_picker import TagPicker
from gui.models.concordance_model import DATE, LEFT, MATCH
from gui.operations.highlights import TopicChoice
from store.bulk_coding import tag_places
from store.concordance import count_occurrences, occurrence_places
from store.highlights import highlights_of_release
from store.phrases import Phrase
from store.tags import find_tag
from tests.gui.window_helpers import press, reader


def table(window) -> QTableView:
    return window.findChild(QTableView, "concordanceTable")


def count_text(window) -> str:
    return window.findChild(QLabel, "concordanceCount").text()


def look_for(qtbot, window, phrase: str) -> None:
    press(
        qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    box = window.findChild(QLineEdit, "concordancePhrase")
    assert window.tabs.currentWidget() is window.concordance_view and box.hasFocus()
    qtbot.keyClicks(box, phrase)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def wait_counted(qtbot, window) -> None:
    """Until the count and the first page are both in: they come from two workers, in
    either order."""
    view = window.concordance_view
    qtbot.waitUntil(
        lambda: not view.counting and (view.total == 0 or view.model.rowCount() > 0),
        timeout=5000,
    )


def all_highlights(window) -> list:
    store = window.store
    ids = [row[0] for row in store.conn.execute("SELECT id FROM releases")]
    return [h for i in ids for h in highlights_of_release(store, i)]


def click_row(qtbot, view: QTableView, row: int, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    rect = view.visualRect(view.model().index(row, MATCH))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())


def test_a_phrase_typed_lists_every_occurrence_aligned(qtbot, window, tmp_path: Path) -> None:
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    expected = count_occurrences(window.store, Phrase.parse("security"))
    view = table(window)
    assert expected >= 2 and view.model().rowCount() == expected
    assert f"{expected} occurrences" in count_text(window)
    matches = {view.model().index(r, MATCH).data() for r in range(expected)}
    assert matches == {"security"}
    left = view.model().index(0, LEFT).data(Qt.ItemDataRole.TextAlignmentRole)
    assert left & Qt.AlignmentFlag.AlignRight
    window.resize(1400, 700)
    qtbot.wait(50)
    assert window.grab().save(str(tmp_path / "concordance.png"))  # looked at: see the README


def test_clicking_the_date_header_sorts_newest_first(qtbot, window) -> None:
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    view = table(window)
    dates = lambda: [view.model().index(r, DATE).data() for r in range(view.model().rowCount())]  # noqa: E731
    assert dates() == sorted(dates())
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(DATE) + header.sectionSize(DATE) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    qtbot.waitUntil(lambda: dates() == sorted(dates(), reverse=True) and len(dates()) > 1)


def test_selected_lines_are_tagged_in_one_undoable_step(qtbot, window, monkeypatch) -> None:
    ukraine = find_tag(window.store, "Ukraine").id
    monkeypatch.setattr(
        TagPicker, "ask", classmethod(lambda cls, store, parent: TopicChoice((ukraine,)))
    )
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    view = table(window)
    click_row(qtbot, view, 0)
    click_row(qtbot, view, 1, Qt.KeyboardModifier.ControlModifier)
    assert "2 selected" in count_text(window)
    qtbot.mouseClick(window.findChild(QPushButton, "concordanceTag"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.concordance_view.tagging)
    assert [[t.name for t in h.tags] for h in all_highlights(window)] == [["Ukraine"]] * 2
    qtbot.waitUntil(
        lambda: (
            sum(bool(view.model().index(r, 5).data()) for r in range(view.model().rowCount())) == 2
        )
    )
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.ops.busy)  # written on a worker
    assert all_highlights(window) == []
    press(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: not window.ops.busy)
    assert len(all_highlights(window)) == 2


def test_tag_all_leaves_tagged_lines_alone(qtbot, window, monkeypatch) -> None:
    security = find_tag(window.store, "Security").id
    monkeypatch.setattr(
        TagPicker, "ask", classmethod(lambda cls, store, parent: TopicChoice((security,)))
    )
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    total = window.concordance_view.total
    view = table(window)
    click_row(qtbot, view, 0)
    qtbot.mouseClick(window.findChild(QPushButton, "concordanceTag"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.concordance_view.tagging)
    wait_counted(qtbot, window)
    qtbot.mouseClick(window.findChild(QPushButton, "concordanceTagAll"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(all_highlights(window)) == total)
    said = f"{total - 1} highlight{'s' if total > 2 else ''} added, 1 already tagged"
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == said)


def test_double_click_opens_the_passage_selected_in_the_reader(qtbot, window) -> None:
    look_for(qtbot, window, "eastern flank")
    wait_counted(qtbot, window)
    view = table(window)
    rect = view.visualRect(view.model().index(0, MATCH))
    # QTest's double click needs the press of a first click on the same row before it.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.tabs.currentWidget() is window.splitter)
    assert reader(window).textCursor().selectedText() == "eastern flank"


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("?! -- ,", "punctuation alone"),
        ("word " * 80, "at most 64 words"),
        ("x" * 5000, "No release holds"),
        ('"eastern flank', "1 occurrence"),
    ],
)
def test_bad_phrases_get_one_sentence(qtbot, window, typed: str, said: str) -> None:
    look_for(qtbot, window, typed)
    qtbot.waitUntil(lambda: said in count_text(window), timeout=5000)


def test_the_lines_are_exported_as_csv(qtbot, window, monkeypatch, tmp_path: Path) -> None:
    target = tmp_path / "lines.csv"
    monkeypatch.setattr("gui.widgets.concordance_view.ask_export_path", lambda parent: target)
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    qtbot.mouseClick(window.findChild(QPushButton, "concordanceExport"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == window.concordance_view.total
    assert {row["match"] for row in rows} == {"security"}


def test_accents_and_case_do_not_count(qtbot, window) -> None:
    look_for(qtbot, window, "SECURITE")
    wait_counted(qtbot, window)
    assert table(window).model().index(0, MATCH).data() == "Sécurité"


def test_a_topic_narrows_the_lines_to_releases_carrying_it(qtbot, window) -> None:
    store = window.store
    ukraine = find_tag(store, "Ukraine").id
    (first, *_rest) = occurrence_places(store, Phrase.parse("security"))
    tag_places(store, [first], [ukraine])
    look_for(qtbot, window, "security")
    wait_counted(qtbot, window)
    assert window.concordance_view.total >= 2
    box = window.findChild(QComboBox, "concordanceTopic")
    qtbot.keyClicks(box, "Ukraine")
    qtbot.waitUntil(lambda: window.concordance_view.total == 1)
    line = table(window).model().line(0)
    assert (line.release_id, line.start, line.end) == first
    assert table(window).model().index(0, 5).data() == "Ukraine"
