"""The excerpts view driven as an analyst would: tick topics, type words, double-click a row.

The store (``build_excerpt_store``, also used by the export and timeline tests) has a topic
with two sub-topics, releases in several months and highlights with emoji, Arabic, an astral
CJK character and a passage across two paragraphs, plus a long release whose highlight lies
far below the first screen so that opening it must scroll.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtTest import QTest

from gui.models.excerpt_model import QUOTE, ExcerptModel
from gui.widgets.excerpts_view import ExcerptsView
from store.db import Store
from store.excerpts import query_excerpts
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag
from tests.gui.window_helpers import laid_out, shown_window

LONG_PARAGRAPHS = [f"Paragraph {n} of the long readout, about nothing much." for n in range(80)]
LONG_PARAGRAPHS[70] = "Deep in the text: the Minister announced new support for Ukraine."
RELEASES = [
    ParsedRelease(
        "Minister meets NATO Secretary General",
        paragraphs_to_markdown(
            [
                "Rome, 25 November 2022. The Minister met the Secretary General of NATO.",
                "They discussed support for Ukraine and the security of the eastern flank.",
            ]
        ),
        date="2022-11-25",
        source="Farnesina",
        identity="nato",
    ),
    ParsedRelease(
        "Déclaration sur la sécurité 🇺🇦",
        paragraphs_to_markdown(
            [
                "Solidarité avec l'Ukraine 🇺🇦 un an après.",
                "Sécurité européenne: la France et ses partenaires agissent ensemble.",
                "نص عربي: الأمن والاستقرار في المنطقة.",
                "Rare character 𠀋 and more text after it.",
            ]
        ),
        date="2023-02-24",
        source="Diplomatie",
        identity="declaration",
    ),
    ParsedRelease(
        "Statement on maritime security",
        "The United States welcomes the agreement on maritime security in the region.",
        date="2021-06-01",
        source="State Department",
        identity="maritime",
    ),
    ParsedRelease(
        "Long readout",
        paragraphs_to_markdown(LONG_PARAGRAPHS),
        date="2023-02-10",
        source="Farnesina",
        identity="long",
    ),
]


def build_excerpt_store(path: Path) -> dict[str, dict[str, int]]:
    """Write the sample store to ``path``; returns ids by name: releases, tags, highlights."""
    with Store(path) as store:
        releases = {
            parsed.identity: save_release(store, parsed, None).release_id for parsed in RELEASES
        }
        tags = {"Security": create_tag(store, "Security", "#336699").created}
        tags["Ukraine"] = create_tag(store, "Ukraine", "#f5c518", tags["Security"]).created
        tags["NATO"] = create_tag(store, "NATO", "#ff8800", tags["Security"]).created
        tags["Économie"] = create_tag(store, "Économie", "#22aa55").created

        def mark(release: str, quote: str, names: list[str], note: str = "") -> int:
            ids = [tags[n] for n in names]
            return add_highlight_by_quote(
                store, releases[release], quote, tag_ids=ids, note=note
            ).created

        highlights = {
            "nato": mark("nato", "The Minister met the Secretary General of NATO.", ["NATO"]),
            "support": mark("nato", "support for Ukraine", ["Ukraine", "Économie"], "Aid"),
            "flag": mark("declaration", "Solidarité avec l'Ukraine 🇺🇦", ["Ukraine"], "Drapeau"),
            "two_paragraphs": mark(
                "declaration",
                "agissent ensemble. نص عربي: الأمن",
                ["Security"],
                "Spans two paragraphs\nand a line break",
            ),
            "rare": mark("declaration", "Rare character 𠀋 and more", ["Économie"]),
            "maritime": mark(
                "maritime", "agreement on maritime security", ["Security"], "Sea lanes"
            ),
            "deep": mark("long", "new support for Ukraine", ["Ukraine"]),
        }
    return {"releases": releases, "tags": tags, "highlights": highlights}


@pytest.fixture
def sample(db_path: Path) -> dict[str, dict[str, int]]:
    return build_excerpt_store(db_path)


@pytest.fixture
def view(qtbot, db_path: Path, sample):
    """The view alone on its own store connection and bus (``view.test_bus``)."""
    from gui.operations.runner import Operations

    with Store(db_path) as store:
        operations = Operations(store)
        shown = ExcerptsView(operations)
        shown.test_bus = operations.bus
        qtbot.addWidget(shown)
        shown.resize(1100, 700)
        shown.show()
        qtbot.waitExposed(shown)
        yield shown
        shown.close()


@pytest.fixture
def excerpt_window(qtbot, db_path: Path, sample):
    with shown_window(qtbot, db_path) as built:
        yield built


def counted(view: ExcerptsView) -> ExcerptModel:
    """The view's model once its count and first page have arrived: they are queried off
    the window's thread."""
    deadline = time.monotonic() + 10
    while view.model.counting():
        assert time.monotonic() < deadline, "the count never arrived"
        QTest.qWait(5)
    return view.model


def shown_ids(view: ExcerptsView) -> set[int]:
    model = counted(view)
    return {model.excerpt(row).highlight_id for row in range(model.rowCount())}


def tick(view: ExcerptsView, *names: str) -> None:
    """Tick topics in the checklist by name, as a click on their boxes would."""
    for item in view.topics._items():
        if item.text(0) in names:
            item.setCheckState(0, Qt.CheckState.Checked)


def test_lists_every_anchored_excerpt_with_a_count(view, sample) -> None:
    assert shown_ids(view) == set(sample["highlights"].values())
    assert view.count_label.text() == "7 excerpts"
    assert view.table.objectName() == "excerptTable"


def test_one_topic_includes_its_sub_topics_unless_told_not_to(view, sample) -> None:
    h = sample["highlights"]
    tick(view, "Security")
    security_family = {h[k] for k in ("nato", "support", "flag", "two_paragraphs", "maritime")}
    assert shown_ids(view) == security_family | {h["deep"]}
    assert view.count_label.text() == "6 excerpts"
    view.sub_topics.setChecked(False)
    assert shown_ids(view) == {h["two_paragraphs"], h["maritime"]}
    assert view.count_label.text() == "2 excerpts"


def test_two_topics_any_or_all(view, sample) -> None:
    h = sample["highlights"]
    tick(view, "Ukraine", "Économie")
    assert shown_ids(view) == {h["support"], h["flag"], h["rare"], h["deep"]}
    view.match_box.setCurrentIndex(view.match_box.findData("all"))
    assert shown_ids(view) == {h["support"]}
    assert view.count_label.text() == "1 excerpt"


def test_words_in_quote_or_note_after_a_pause(qtbot, view, sample) -> None:
    h = sample["highlights"]
    view.search_box.setText("🇺🇦")
    assert counted(view).rowCount() == 7  # debounced: nothing yet
    qtbot.waitUntil(lambda: shown_ids(view) == {h["flag"]})
    view.search_box.setText("SEA LANES")  # the note, whatever the case
    qtbot.waitUntil(lambda: shown_ids(view) == {h["maritime"]})
    assert view.count_label.text() == "1 excerpt"


def test_source_and_dates_narrow(view, sample) -> None:
    h = sample["highlights"]
    view.source_box.setCurrentIndex(view.source_box.findData("Farnesina"))
    assert shown_ids(view) == {h["nato"], h["support"], h["deep"]}
    view.since_edit.setDate(QDate(2023, 1, 1))
    assert shown_ids(view) == {h["deep"]}


def test_quote_cell_shows_context_and_one_line(view, sample) -> None:
    model = counted(view)
    row = next(
        r
        for r in range(model.rowCount())
        if model.excerpt(r).highlight_id == sample["highlights"]["two_paragraphs"]
    )
    before, quote, after = model.data(model.index(row, 0), ExcerptModel.QuotePartsRole)
    assert "\n" not in quote and quote == "agissent ensemble. نص عربي: الأمن"
    assert before.endswith("partenaires") and after.startswith("والاستقرار")
    assert model.data(model.index(row, 1)) == "Security"
    assert model.data(model.index(row, 2)) == "Spans two paragraphs and a line break"


def test_refreshes_when_a_highlight_changes(view, sample) -> None:
    from store.highlights import delete_highlight

    assert counted(view).rowCount() == 7
    view.test_bus.announce(delete_highlight(view.store, sample["highlights"]["rare"]))
    assert counted(view).rowCount() == 6 and view.count_label.text() == "6 excerpts"


def test_model_passes_the_model_tester(qtmodeltester, view) -> None:
    qtmodeltester.check(view.model)
    tick(view, "NATO")
    qtmodeltester.check(view.model)


def test_double_click_opens_the_passage_in_the_reader(qtbot, excerpt_window, sample) -> None:
    window = excerpt_window
    window.window_actions["actionShowExcerpts"].trigger()
    view = window.excerpts_view
    assert window.tabs.currentWidget() is view
    tick(view, "Ukraine")
    model = counted(view)
    deep = sample["highlights"]["deep"]
    row = next(r for r in range(model.rowCount()) if model.excerpt(r).highlight_id == deep)
    excerpt = model.excerpt(row)
    view.table.scrollTo(model.index(row, 0))
    rect = view.table.visualRect(model.index(row, 3))
    # QTest's double click needs the press of a first click on the same row before it.
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.openExcerpt, timeout=2000) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [excerpt.release_id, deep]
    reader = window.reader.view
    assert window.tabs.currentWidget() is window.splitter
    assert window.release.id == sample["releases"]["long"]
    assert reader.selected_highlight_id == deep
    [selection] = reader.extraSelections()
    span = reader.positions.to_qt(excerpt.start, excerpt.end)
    cursor = selection.cursor
    assert (cursor.selectionStart(), cursor.selectionEnd()) == (span.start, span.end)
    assert selection.cursor.selectedText() == "new support for Ukraine"
    assert reader.verticalScrollBar().value() > 0  # paragraph 70 is far below the first screen
    assert reader.viewport().rect().contains(reader.cursorRect().center())
    assert not window.window_actions["actionShowExcerpts"].isChecked()


def test_opening_a_passage_with_emoji_and_two_paragraphs(qtbot, excerpt_window, sample) -> None:
    window = excerpt_window
    window.show_excerpts()
    window.excerpts_view.openExcerpt.emit(
        sample["releases"]["declaration"], sample["highlights"]["two_paragraphs"]
    )
    [selection] = window.reader.view.extraSelections()
    # QTextCursor gives a paragraph break as U+2029.
    assert selection.cursor.selectedText() == "agissent ensemble.\u2029نص عربي: الأمن"
    assert window.highlight_panel.selected_id() == sample["highlights"]["two_paragraphs"]


def test_export_action_is_enabled_and_ctrl_e_shows_excerpts(excerpt_window) -> None:
    actions = excerpt_window.window_actions
    assert actions["actionExport"].isEnabled()
    assert actions["actionExport"].shortcut().toString() == "Ctrl+Shift+E"
    assert actions["actionShowExcerpts"].shortcut().toString() == "Ctrl+E"
    actions["actionShowExcerpts"].trigger()
    assert excerpt_window.tabs.currentWidget() is excerpt_window.excerpts_view
    actions["actionShowExcerpts"].trigger()
    assert excerpt_window.tabs.currentWidget() is excerpt_window.splitter


def test_opening_the_last_of_many_highlights_shows_its_row_in_the_panel(
    qtbot, db_path: Path, sample
) -> None:
    """The panel lays its rows out a batch at a time; a jump far down must still show the row,
    and the reader the passage."""
    long_id = sample["releases"]["long"]
    with Store(db_path) as store:
        marked = [
            add_highlight_by_quote(store, long_id, f"Paragraph {n} of the long readout").created
            for n in range(60)
        ]
    with shown_window(qtbot, db_path) as window:
        window.show_excerpts()
        window.excerpts_view.openExcerpt.emit(long_id, marked[-1])
        panel = window.highlight_panel
        assert panel.selected_id() == marked[-1]
        row = panel.list.visualRect(panel.list.currentIndex())
        assert panel.list.viewport().rect().contains(row.center())
        reader = window.reader.view
        qtbot.waitUntil(lambda: laid_out(reader))  # the bars settle; the passage stays in view
        assert reader.viewport().rect().contains(reader.cursorRect().center())


def test_excerpts_deep_in_the_list_are_blank_until_their_page_arrives(qtbot, view, db_path):
    model = counted(view)
    model._rows.page_size = 2  # every page after the first comes from the worker
    model.refresh()
    counted(view)
    with Store(db_path) as store:
        expected = [e.highlight_id for e in query_excerpts(store, model.excerpt_filter)]
    last = model.rowCount() - 1
    assert last >= 2
    view.table.scrollToBottom()
    assert model.index(last, QUOTE).data(ExcerptModel.HighlightIdRole) is None

    def listed() -> list[int | None]:
        return [
            model.index(row, QUOTE).data(ExcerptModel.HighlightIdRole) for row in range(last + 1)
        ]

    qtbot.waitUntil(lambda: None not in listed())
    assert listed() == expected


def test_the_window_counts_excerpts_off_its_thread_then_fills_the_table(
    qtbot, excerpt_window, db_path, sample
) -> None:
    window = excerpt_window
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    view = window.excerpts_view
    assert window.tabs.currentWidget() is view
    qtbot.waitUntil(lambda: not view.model.counting())
    checklist = view.topics
    item = next(item for item in checklist._items() if item.text(0) == "Ukraine")
    box = checklist.visualItemRect(item)
    qtbot.mouseClick(  # the check box at the item's left edge
        checklist.viewport(), Qt.MouseButton.LeftButton, pos=box.topLeft() + QPoint(10, 8)
    )
    assert item.checkState(0) == Qt.CheckState.Checked
    assert view.model.counting() and view.count_label.text() == "Counting…"
    assert view.model.rowCount() == 0  # nothing listed until the count arrives
    qtbot.waitUntil(lambda: not view.model.counting())
    with Store(db_path) as store:
        expected = [e.highlight_id for e in query_excerpts(store, view.model.excerpt_filter)]
    assert len(expected) > 1
    assert view.count_label.text() == f"{len(expected)} excerpts"
    model = view.model
    listed = [
        model.index(row, QUOTE).data(ExcerptModel.HighlightIdRole)
        for row in range(model.rowCount())
    ]
    assert listed == expected
    view.grab().save(str(db_path.with_name("excerpts-counted.png")))
    qtbot.waitUntil(lambda: not view.timeline_pending)
