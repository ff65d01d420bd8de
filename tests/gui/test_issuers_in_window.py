"""Issuers, speakers, languages and countries in the window, driven as an analyst would:
the list's Issuer column, the filters, the Issuers dialog and the title block's corrections.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QTableView

import store.text_facts as text_facts
from store.attribution import ANALYST, release_attribution
from store.db import Store
from store.imports.pipeline import import_paths
from store.issuers import find_issuer, get_issuer
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.gui.window_helpers import open_release, press, release_list, shown_window

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "state-dept-feeds"
RELEASES = [
    ParsedRelease(
        title="Minister meets NATO Secretary General",
        date="2022-11-25",
        language="en",
        issuer="Farnesina",
        speaker="Antonio Tajani",
        identity="farnesina-1",
        body_markdown=paragraphs_to_markdown(["The Minister discussed support for Ukraine."]),
    ),
    ParsedRelease(
        title="Déclaration sur la sécurité",
        date="2023-02-24",
        issuer="Ministère de l'Europe et des Affaires étrangères",
        identity="diplomatie-1",
        found_in_text=frozenset({"date"}),
        body_markdown=paragraphs_to_markdown(["Solidarité avec l'Ukraine, un an après."]),
    ),
    ParsedRelease(
        title="Statement on maritime security",
        date="2021-06-01",
        language="en",
        issuer="U.S. Department of State",
        speaker="Ned Price",
        identity="state-1",
        body_markdown=paragraphs_to_markdown(["The United States welcomes the agreement."]),
    ),
    ParsedRelease(
        title="Department Press Briefing",
        date="2021-06-02",
        language="en",
        issuer="Press Office of the Department",
        speaker="Ned Price, Spokesperson",
        identity="state-2",
        body_markdown=paragraphs_to_markdown(["Good afternoon, everyone."]),
    ),
]


@pytest.fixture
def attributed_db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store of four releases by four issuers, one French release whose language was
    detected and whose date was found in its text, two naming Ukraine.

    The language detector and the country finder are the text analysis' (another part of
    the program, not this one's): here they answer as they would for these texts.
    """
    monkeypatch.setattr(
        text_facts, "detect_language", lambda text: "fr" if "Solidarité" in text else None
    )
    monkeypatch.setattr(
        text_facts, "countries_mentioned", lambda text, _lang: ["UA"] if "Ukraine" in text else []
    )
    with Store(db_path) as store:
        for parsed in RELEASES:
            save_release(store, parsed, origin_file=None)
    return db_path


@pytest.fixture
def window(qtbot, attributed_db: Path):
    with shown_window(qtbot, attributed_db) as built:
        yield built


def listed_titles(window) -> set[str]:
    model = window.model
    return {model.summary(row).title for row in range(model.rowCount())}


def settled(qtbot, window, titles: set[str]) -> None:
    qtbot.waitUntil(lambda: not window.model.searching() and listed_titles(window) == titles)


def click(qtbot, widget, pos: QPoint | None = None) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos or widget.rect().center())


def test_the_list_shows_each_release_s_issuer_with_its_speaker_in_the_tooltip(
    qtbot, window, tmp_path
) -> None:
    model = window.model
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Issuer"
    rows = {model.summary(r).title: r for r in range(model.rowCount())}
    state = model.index(rows["Statement on maritime security"], 1)
    assert state.data() == "United States Department of State"  # the known issuer's name
    assert state.data(Qt.ItemDataRole.ToolTipRole).endswith("Speaker: Ned Price")
    french = model.index(rows["Déclaration sur la sécurité"], 1)
    assert "Speaker" not in french.data(Qt.ItemDataRole.ToolTipRole)
    # A click on the header orders the list by issuer, by name.
    header = release_list(window).horizontalHeader()
    click(qtbot, header.viewport(), QPoint(header.sectionViewportPosition(1) + 10, 5))
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert names == sorted(names, key=str.casefold) or names == sorted(
        names, key=str.casefold, reverse=True
    )
    window.grab().save(str(tmp_path / "list-with-issuers.png"))


def test_typing_a_speaker_s_name_lists_only_the_releases_where_they_speak(qtbot, window) -> None:
    box = window.findChild(QLineEdit, "speakerFilter")
    click(qtbot, box)
    qtbot.keyClicks(box, "ned pr")
    settled(qtbot, window, {"Statement on maritime security", "Department Press Briefing"})
    assert window.count_label.text() == "2 releases"
    box.clear()
    settled(qtbot, window, {parsed.title for parsed in RELEASES})


def test_clicking_issuers_in_the_issuer_filter_lists_theirs(qtbot, window) -> None:
    button = window.findChild(QPushButton, "issuerFilter")
    click(qtbot, button)
    popup = button.popup
    qtbot.waitUntil(popup.isVisible)
    choices = popup.list

    def click_issuer(name: str) -> None:
        (item,) = [
            choices.item(row)
            for row in range(choices.count())
            if choices.item(row).toolTip() == name
        ]
        choices.scrollToItem(item)
        click(qtbot, choices.viewport(), choices.visualItemRect(item).center())

    farnesina = find_issuer(window.store, "Farnesina").name  # a known issuer's own name
    click_issuer(farnesina)
    click_issuer("United States Department of State")
    settled(
        qtbot, window, {"Minister meets NATO Secretary General", "Statement on maritime security"}
    )
    assert button.text() == "2 issuers"
    click_issuer(farnesina)  # picked again: let go
    settled(qtbot, window, {"Statement on maritime security"})
    # Typing in the pop-up's line finds an issuer; Enter picks the first one found.
    qtbot.keyClicks(popup.find_box, "press off")
    qtbot.keyClick(popup.find_box, Qt.Key.Key_Return)
    settled(qtbot, window, {"Statement on maritime security", "Department Press Briefing"})


def choose_in(qtbot, box: QComboBox, label_start: str) -> None:
    """Open a filter's list with the mouse and choose an entry with the keys."""
    click(qtbot, box)
    qtbot.waitUntil(box.view().isVisible)
    wanted = next(i for i in range(box.count()) if box.itemText(i).startswith(label_start))
    steps = wanted - box.currentIndex()
    for _ in range(abs(steps)):
        qtbot.keyClick(box.view(), Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    qtbot.keyClick(box.view(), Qt.Key.Key_Return)


def test_language_and_country_choosers_name_what_they_filter(qtbot, window) -> None:
    language = window.findChild(QComboBox, "languageFilter")
    choose_in(qtbot, language, "French")
    assert language.currentText() == "French (1)"  # a detected language counts as one
    settled(qtbot, window, {"Déclaration sur la sécurité"})
    choose_in(qtbot, language, "Any language")
    country = window.findChild(QComboBox, "countryFilter")
    choose_in(qtbot, country, "Ukraine")
    assert country.currentText() == "Ukraine (2)"
    settled(qtbot, window, {"Minister meets NATO Secretary General", "Déclaration sur la sécurité"})


def issuers_table(qtbot, window) -> QTableView:
    qtbot.keyClick(
        window,
        Qt.Key.Key_U,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.issuers_dialog
    assert dialog is not None
    active(qtbot, dialog)
    return dialog.table


def active(qtbot, dialog) -> None:
    """A dialog the analyst is working in: shown and the active window (offscreen, Qt
    activates a new window only when asked)."""
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def an_editor(qtbot, table: QTableView) -> QLineEdit:
    """The line the table opened to edit a cell, once it has the keyboard focus."""
    qtbot.waitUntil(lambda: table.state() == QTableView.State.EditingState)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is table.viewport()
    return editor


def cell(table: QTableView, name: str, column: int = 0):
    model = table.model()
    (row,) = [r for r in range(model.rowCount()) if model.index(r, 0).data() == name]
    return model.index(row, column)


def test_renaming_an_issuer_in_the_dialog_by_double_click_and_undoing_it(qtbot, window) -> None:
    table = issuers_table(qtbot, window)
    farnesina = find_issuer(window.store, "Farnesina")
    rect = table.visualRect(cell(table, farnesina.name))
    click(qtbot, table.viewport(), rect.center())  # a double-click: press, release, again
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = an_editor(qtbot, table)
    editor.selectAll()
    qtbot.keyClicks(editor, "Italian Ministry of Foreign Affairs")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_issuer(window.store, farnesina.id).name != farnesina.name)
    assert get_issuer(window.store, farnesina.id).name == "Italian Ministry of Foreign Affairs"
    assert cell(table, "Italian Ministry of Foreign Affairs").isValid()
    # The list shows the new name; the old one still finds the issuer.
    shown = {window.model.index(r, 1).data() for r in range(window.model.rowCount())}
    assert "Italian Ministry of Foreign Affairs" in shown
    assert find_issuer(window.store, "Farnesina").id == farnesina.id
    table.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_issuer(window.store, farnesina.id).name == farnesina.name
    assert cell(table, farnesina.name).isValid()


def test_merging_two_selected_issuers_with_the_button_takes_names_and_releases_along(
    qtbot, window, tmp_path
) -> None:
    table = issuers_table(qtbot, window)
    state = find_issuer(window.store, "United States Department of State")
    press_office = find_issuer(window.store, "Press Office of the Department")
    viewport = table.viewport()
    click(qtbot, viewport, table.visualRect(cell(table, press_office.name)).center())
    qtbot.mouseClick(
        viewport,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        table.visualRect(cell(table, state.name)).center(),
    )
    dialog = window.issuers_dialog
    assert "into “United States Department of State”" in dialog.summary.text()
    dialog.grab().save(str(tmp_path / "issuers-dialog.png"))
    click(qtbot, dialog.merge_button)
    assert get_issuer(window.store, press_office.id) is None
    merged = get_issuer(window.store, state.id)
    assert merged.releases == 2
    assert find_issuer(window.store, "Press Office of the Department").id == state.id
    assert "Press Office of the Department" in cell(table, state.name, 3).data()
    table.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert get_issuer(window.store, press_office.id).releases == 1
    assert get_issuer(window.store, state.id).releases == 1


def test_setting_an_issuer_s_country_with_the_keys(qtbot, window) -> None:
    table = issuers_table(qtbot, window)
    office = "Press Office of the Department"  # an issuer no known one answered to
    click(qtbot, table.viewport(), table.visualRect(cell(table, office)).center())
    click(qtbot, window.issuers_dialog.country_button)
    editor = an_editor(qtbot, table)
    qtbot.keyClicks(editor, "us")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the table ends the edit a moment later
    qtbot.waitUntil(lambda: find_issuer(window.store, office).country is not None)
    assert find_issuer(window.store, office).country == "US"
    assert cell(table, office, 1).data() == "United States (US)"


def link_point(qtbot, header, link: str) -> QPoint:
    """Where the mouse is over a link of the title block: moved across its lines, from the
    bottom, until the label says it hovers that link."""
    # Laid out for its new text first: the block grows to the lines it now holds.
    qtbot.waitUntil(lambda: header.height() >= header.heightForWidth(header.width()))
    hovered: list[str] = []
    header.linkHovered.connect(hovered.append)
    for y in range(header.height() - 4, header.height() // 3, -4):
        for x in range(4, header.width(), 5):
            QTest.mouseMove(header, QPoint(x, y))
            if hovered and hovered[-1] == link:
                return QPoint(x, y)
    raise AssertionError(f"no link {link} in {header.text()}")


def test_correcting_the_issuer_in_the_title_block_by_mouse_then_undoing_it(qtbot, window) -> None:
    open_release(qtbot, window, "maritime")
    header = window.reader.header
    assert "United States Department of State</a> · <a" in header.text()
    assert "Ned Price" in header.text() and "English" in header.text()
    click(qtbot, header, link_point(qtbot, header, "communique:correct:issuer"))
    dialog = window.corrections.dialog
    active(qtbot, dialog)
    editor = QApplication.focusWidget()
    assert editor is dialog.edits["issuer"] and editor.selectedText() == editor.text()
    qtbot.keyClicks(editor, "Maritime Security Secretariat")  # no issuer has this name
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    release_id = window.release.id
    corrected = release_attribution(window.store, release_id)
    new = ("Maritime Security Secretariat", ANALYST)
    assert (corrected.issuer, corrected.origins["issuer"]) == new
    qtbot.waitUntil(lambda: ">Maritime Security Secretariat</a>" in header.text())
    active(qtbot, window)  # back in the window once the dialog is closed
    window.reader.view.setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = release_attribution(window.store, release_id)
    assert restored.issuer == "United States Department of State"
    assert restored.origins["issuer"] == "source"
    # The issuer the correction made went with it.
    assert find_issuer(window.store, "Maritime Security Secretariat") is None
    assert "United States Department of State</a>" in header.text()


def test_the_title_block_marks_found_values_and_corrects_them_from_the_keyboard(
    qtbot, window, tmp_path
) -> None:
    open_release(qtbot, window, "Déclaration")
    header = window.reader.header
    assert "French" in header.text()
    assert header.value_tip("language") == "Language, detected from the text — click to correct"
    assert header.value_tip("date") == "Date, found in the text — click to correct"
    assert header.value_tip("issuer").startswith("Issuer, as the source gives it")
    found = [part for part in header.text().split("<a ") if "correct:language" in part]
    assert "font-style:italic" in found[0]
    qtbot.waitUntil(lambda: header.height() >= header.heightForWidth(header.width()))
    window.reader.grab().save(str(tmp_path / "title-block-detected.png"))
    release_id = window.release.id
    window.reader.view.setFocus()
    press(
        qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialog = window.corrections.dialog
    active(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Tab)  # issuer → speaker
    press(qtbot, Qt.Key.Key_Tab)  # → date
    press(qtbot, Qt.Key.Key_Tab)  # → language
    assert QApplication.focusWidget() is dialog.edits["language"]
    qtbot.keyClicks(dialog.edits["language"], "\b\ben")
    press(qtbot, Qt.Key.Key_Return)
    now = release_attribution(window.store, release_id)
    assert (now.language, now.origins["language"]) == ("en", ANALYST)
    qtbot.waitUntil(lambda: "English" in header.text())
    assert header.value_tip("language") == "Language, set by hand — click to correct"


def test_a_correction_survives_importing_the_same_file_again(qtbot, tmp_path) -> None:
    feed = sorted(FEEDS.glob("*.rss"))[0]
    db = tmp_path / "feeds.db"
    with Store(db) as store:
        import_paths(store, [feed])
    with shown_window(qtbot, db) as window:
        open_release(qtbot, window, "Yemen National Day")
        release_id = window.release.id
        header = window.reader.header
        click(qtbot, header, link_point(qtbot, header, "communique:correct:issuer"))
        dialog = window.corrections.dialog
        active(qtbot, dialog)
        press(qtbot, Qt.Key.Key_Tab)  # the speaker, which the feed does not give
        qtbot.keyClicks(dialog.edits["speaker"], "Antony J. Blinken")
        press(qtbot, Qt.Key.Key_Return)
        assert release_attribution(window.store, release_id).speaker == "Antony J. Blinken"
        with Store(db) as other:  # the same file, imported again through the pipeline
            import_paths(other, [feed])
        kept = release_attribution(window.store, release_id)
        assert (kept.speaker, kept.origins["speaker"]) == ("Antony J. Blinken", ANALYST)
        qtbot.waitUntil(lambda: "Antony J. Blinken" in header.text())
