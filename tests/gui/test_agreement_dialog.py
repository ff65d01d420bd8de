"""The Agreement dialog driven as an analyst drives it: Ctrl+Shift+G, the coders and topic
chosen from the keyboard, a topic double-clicked to see its overlap, passages double-clicked
to read them, rows picked with clicks and Ctrl+click and kept under a curator, Ctrl+Z, and
the report saved by clicking. Two coders' highlights on the window's releases, emoji and a
character beyond the Basic Multilingual Plane among them (Qt counts UTF-16 units there)."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QPushButton

from gui.dialogs import agreement_dialog
from gui.dialogs.agreement_dialog import AgreementDialog
from store.agreement import agreement
from store.db import Store
from store.highlights import add_highlight
from store.overlaps import overlap
from store.tags import find_tag
from tests.gui.window_helpers import reader, shown_window

SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

CODED = [  # coder, release id, passage, topic
    ("ana", 1, "The Minister met the Secretary General of NATO", "Security"),
    ("ben", 1, "Secretary General of NATO.", "Security"),
    ("ana", 1, "support for Ukraine", "Ukraine"),
    ("ben", 1, "the eastern flank", "Security"),
    ("ana", 2, "Solidarité avec l'Ukraine 🇺🇦", "Ukraine"),
    ("ben", 2, "l'Ukraine 🇺🇦 un an après", "Ukraine"),
    ("ana", 2, "𠀋 and more text", "Security"),
    ("ben", 2, "Sécurité européenne", "Security"),
]


@pytest.fixture
def coded_window(qtbot, filled_db: Path):
    with Store(filled_db) as store:
        for coder, release_id, passage, topic in CODED:
            (text,) = store.conn.execute(
                "SELECT text FROM releases WHERE id = ?", (release_id,)
            ).fetchone()
            start = text.index(passage)
            tag = find_tag(store, topic).id
            add_highlight(store, release_id, start, start + len(passage), [tag], coder=coder)
    with shown_window(qtbot, filled_db) as built:
        yield built
        dialog = built.findChild(AgreementDialog)
        if dialog is not None:
            qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)


def open_agreement(qtbot, window) -> AgreementDialog:
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: (
            window.findChild(AgreementDialog) is not None
            and window.findChild(AgreementDialog).isVisible()
        )
    )
    dialog = window.findChild(AgreementDialog)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    return dialog


def choose(qtbot, dialog: AgreementDialog, name: str, shown: str) -> None:
    """Pick an entry of a choice box from the keyboard (focus it, arrow down to it)."""
    box = dialog.findChild(QComboBox, name)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while box.currentText() != shown:
        assert box.currentIndex() < box.count() - 1, (shown, box.currentText())
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)


def rows_of(view: QAbstractItemView) -> list[list[str]]:
    model = view.model()
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def row_point(view: QAbstractItemView, row: int, column: int = 0):
    return view.visualRect(view.model().index(row, column)).center()


def double_click_row(qtbot, view: QAbstractItemView, row: int, column: int = 0) -> None:
    viewport = view.viewport()
    point = row_point(view, row, column)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def highlight_rows(store: Store) -> list[tuple]:
    return store.conn.execute(
        'SELECT h.id, h.release_id, h.start, h."end", h.coder, h.quote, group_concat(ht.tag_id) '
        "FROM highlights h LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id "
        "GROUP BY h.id ORDER BY h.id"
    ).fetchall()


def test_the_figures_are_the_store_s_per_topic_and_release(qtbot, coded_window) -> None:
    dialog = open_agreement(qtbot, coded_window)
    assert (dialog.coder_a.currentText(), dialog.coder_b.currentText()) == ("ana", "ben")
    report = agreement(coded_window.store, "ana", "ben")
    topics = rows_of(dialog.topic_table)
    assert [row[0] for row in topics] == ["Overall", *(t.tag for t in report.topics)]
    expected = [report.overall, *(t.figures for t in report.topics)]
    for row, figures in zip(topics, expected, strict=True):
        assert row[1] == f"{figures.units:,}" and row[3] == f"{figures.only_a:,}"
        assert row[7:] == [f"{figures.kappa:.3f}", f"{figures.alpha:.3f}"]
    releases = rows_of(dialog.release_table)
    assert [row[0] for row in releases] == [
        "Minister meets NATO Secretary General",
        "Déclaration sur la sécurité 🇺🇦",
    ]
    assert releases[1][3] == f"{report.releases[1].figures.percent:.1f}"
    assert f"kappa {report.overall.kappa:.3f}" in dialog.summary.text()

    choose(qtbot, dialog, "agreementTopic", "Ukraine")
    assert [row[0] for row in rows_of(dialog.topic_table)] == ["Overall", "Ukraine"]
    choose(qtbot, dialog, "agreementCoderB", "ana")
    assert dialog.summary.text() == "Choose two different coders."
    assert rows_of(dialog.topic_table) == []


def test_a_topic_s_overlap_side_by_side_opens_passages_in_the_reader(qtbot, coded_window):
    dialog = open_agreement(qtbot, coded_window)
    topics = rows_of(dialog.topic_table)
    double_click_row(qtbot, dialog.topic_table, [row[0] for row in topics].index("Ukraine"))
    qtbot.waitUntil(lambda: dialog.tabs.currentWidget() is dialog.overlap_view)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    assert dialog.topic.currentText() == "Ukraine"
    view = dialog.overlap_view.table
    ukraine = find_tag(coded_window.store, "Ukraine").id
    expected = overlap(coded_window.store, "ana", "ben", ukraine).passages
    assert rows_of(view) == [
        ["Minister meets NATO Secretary General", "2022-11-25", "support for Ukraine", "", ""],
        [
            "Déclaration sur la sécurité 🇺🇦",
            "2023-02-24",
            "Solidarité avec l'Ukraine 🇺🇦",
            "l'Ukraine 🇺🇦",
            "l'Ukraine 🇺🇦 un an après",
        ],
    ]
    assert len(expected) == 2
    assert dialog.overlap_view.summary.text().startswith("2 passages on 2 releases")

    double_click_row(qtbot, view, 1, 3)
    text = reader(coded_window)
    qtbot.waitUntil(lambda: coded_window.release is not None and coded_window.release.id == 2)
    qtbot.waitUntil(lambda: text.textCursor().hasSelection())
    # The passage either coded, selected: in UTF-16 units the flag is four, not two.
    assert text.textCursor().selectedText() == "Solidarité avec l'Ukraine 🇺🇦 un an après"


def test_keeping_rows_under_a_curator_is_one_step_that_ctrl_z_takes_back(qtbot, coded_window):
    store = coded_window.store
    dialog = open_agreement(qtbot, coded_window)
    choose(qtbot, dialog, "agreementTopic", "Security")
    dialog.tabs.setCurrentWidget(dialog.overlap_view)
    view = dialog.overlap_view.table
    passages = [row[2] or row[4] for row in rows_of(view)]
    assert passages == [
        "The Minister met the Secretary General of NATO",
        "the eastern flank",
        "Sécurité européenne",
        "𠀋 and more text",
    ]
    before = highlight_rows(store)
    figures = agreement(store, "ana", "ben")

    curator = dialog.findChild(QLineEdit, "curatorName")
    assert curator.text() == store.coder  # the analyst's own name, until another is typed
    curator.selectAll()
    qtbot.keyClicks(curator, "ana")
    viewport = view.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     row_point(view, 0))  # fmt: skip
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier,
                     row_point(view, 3))  # fmt: skip
    keep_both = dialog.findChild(QPushButton, "keepBoth")
    qtbot.mouseClick(keep_both, Qt.MouseButton.LeftButton)
    assert "one of the coders compared" in dialog.overlap_view.message.text()
    assert highlight_rows(store) == before

    curator.selectAll()
    qtbot.keyClicks(curator, "Chloe")
    qtbot.mouseClick(keep_both, Qt.MouseButton.LeftButton)
    kept = [row for row in highlight_rows(store) if row[4] == "Chloe"]
    security = str(find_tag(store, "Security").id)
    assert sorted((row[5], row[6]) for row in kept) == [
        ("The Minister met the Secretary General of NATO.", security),  # A's and B's joined
        ("𠀋 and more text", security),
    ]
    assert "Kept both coders' passages as 2 highlights under Chloe" in (
        dialog.overlap_view.message.text()
    )
    assert agreement(store, "ana", "ben") == figures  # the coders' own highlights untouched

    qtbot.mouseClick(dialog.findChild(QPushButton, "keepA"), Qt.MouseButton.LeftButton)
    assert "1 already kept" in dialog.overlap_view.message.text()  # Ana's 𠀋 passage
    assert len([row for row in highlight_rows(store) if row[4] == "Chloe"]) == 3
    assert coded_window.ops.undo_stack.count() == 2

    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [row for row in highlight_rows(store) if row[4] == "Chloe"] == kept
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert highlight_rows(store) == before
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL_SHIFT)
    assert [row for row in highlight_rows(store) if row[4] == "Chloe"] == kept  # same ids


def test_the_report_saved_from_the_dialog_holds_its_figures(
    qtbot, coded_window, tmp_path, monkeypatch
) -> None:
    dialog = open_agreement(qtbot, coded_window)
    target = tmp_path / "agreement.xlsx"
    monkeypatch.setattr(
        agreement_dialog.QFileDialog, "getSaveFileName", lambda *_args: (str(target), "")
    )
    save = dialog.findChild(QPushButton, "saveAgreementReport")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    assert dialog.summary.text() == f"Saved the report as {target}."
    sheet = load_workbook(target)["Topics"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    shown = rows_of(dialog.topic_table)[1:]
    assert [row[header.index("tag")] for row in rows] == [row[0] for row in shown]
    assert [f"{row[header.index('alpha')]:.3f}" for row in rows] == [row[8] for row in shown]


def test_screens_of_the_figures_and_the_overlap(qtbot, coded_window) -> None:
    dialog = open_agreement(qtbot, coded_window)
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENS / "agreement.png"))
    choose(qtbot, dialog, "agreementTopic", "Security")
    dialog.tabs.setCurrentWidget(dialog.overlap_view)
    view = dialog.overlap_view.table
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     row_point(view, 0))  # fmt: skip
    assert dialog.grab().save(str(SCREENS / "agreement-overlap.png"))


def test_every_pair_of_coders_lists_each_pair_s_figures(qtbot, coded_window) -> None:
    store = coded_window.store
    (text,) = store.conn.execute("SELECT text FROM releases WHERE id = 1").fetchone()
    start = text.index("support for Ukraine")
    ukraine = find_tag(store, "Ukraine").id
    add_highlight(store, 1, start, start + 19, [ukraine], coder="chloé")
    dialog = open_agreement(qtbot, coded_window)
    qtbot.mouseClick(dialog.every_pair, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    pairs = [row[0] for row in rows_of(dialog.topic_table) if row[1] == "Overall"]
    assert pairs == ["ana – ben", "ana – chloé", "ben – chloé"]
    assert not dialog.coder_a.isEnabled()
    assert "choose a topic" in dialog.overlap_view.summary.text()


def test_choices_changed_quickly_show_the_last_one_s_figures(qtbot, coded_window) -> None:
    dialog = open_agreement(qtbot, coded_window)
    box = dialog.findChild(QComboBox, "agreementTopic")
    box.setFocus()
    for _ in range(box.count() - 1):  # down to the last topic without waiting for figures
        qtbot.keyClick(box, Qt.Key.Key_Down)
    last = box.currentText()
    qtbot.waitUntil(lambda: not dialog.pending, timeout=10_000)
    assert [row[0] for row in rows_of(dialog.topic_table)] == ["Overall", last]
    assert dialog.overlap_view.overlap.tag_id == box.currentData()
