"""Statement groups in the window, driven as an analyst would: rows picked with the mouse,
the list's context menu opened by a right-click and answered with the keys, Ctrl+Alt+J,
Ctrl+Z, View ▸ One Row per Statement clicked, a French word pasted into the search box.

The releases are real: three messages of the Swiss federal news service in German, French,
Italian and English, imported without their message ids so that the detector groups them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from statement_helpers import choose_in_row_menu, click_rows, row_of_title
from swiss_versions import swiss_records, versions_by_message, write_without_truth

from gui import settings
from gui.widgets.release_header import LEAVE_STATEMENT_LINK
from store.db import Store
from store.imports.pipeline import import_paths
from tests.gui.window_helpers import (
    choose_in_menu,
    open_release,
    press,
    release_list,
    shown_window,
)

pytestmark = pytest.mark.usefixtures("qapp")

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
CTRL_ALT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
SAME = "Same statement in other languages"
NOT_SAME = "Not the same statement"
# Titles (or their starts) of the versions used: message 55984, the airport's declaration.
AIRPORT_FR = "Aéroport de Bâle-Mulhouse"
AIRPORT_DE = "Flughafen Basel-Mülhausen"
AIRPORT_EN = "EuroAirport"
CREDENTIALS_DE = "Beglaubigungsschreibens"  # message 55874: de, fr, it
MANDATE_DE = "Bundesrat verabschiedet Mandat"  # message 55886: de, fr, it, en


def _records() -> list[dict]:
    return swiss_records(3)  # 55874 (de, fr, it), 55886 and 55984 (de, fr, it, en)


@pytest.fixture
def swiss_db(tmp_path: Path, db_path: Path) -> Path:
    """The three messages but the airport's English version, which a later import brings."""
    records = [r for r in _records() if not r["title"].startswith(AIRPORT_EN)]
    with Store(db_path) as store:
        import_paths(store, [write_without_truth(records, tmp_path / "swiss.jsonl")])
        assert _groups(store) == _truth(store, records)  # the detector found them
    return db_path


def _truth(store: Store, records: list[dict]) -> set[frozenset[int]]:
    return {frozenset(ids) for ids in versions_by_message(store, records).values()}


def _groups(store: Store) -> set[frozenset[int]]:
    rows = store.conn.execute("SELECT group_id, release_id FROM statement_members").fetchall()
    found: dict[int, set[int]] = {}
    for group_id, release_id in rows:
        found.setdefault(group_id, set()).add(release_id)
    return {frozenset(ids) for ids in found.values()}


def _state(store: Store) -> tuple:
    """Every membership with its group id and origin, and every split."""
    members = store.conn.execute(
        "SELECT release_id, group_id, origin FROM statement_members ORDER BY release_id"
    ).fetchall()
    splits = store.conn.execute(
        "SELECT release_id, apart_from FROM statement_splits ORDER BY 1, 2"
    ).fetchall()
    return members, splits


def _id(window, title_part: str) -> int:
    (found,) = [
        row[0]
        for row in window.store.conn.execute("SELECT id, title FROM releases")
        if title_part in row[1]
    ]
    return found


def _said(window) -> str:
    return window.statusBar().currentMessage()


def test_a_right_click_takes_a_version_out_and_ctrl_z_puts_it_back_exactly(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        store = window.store
        before = _state(store)
        french = _id(window, AIRPORT_FR)
        open_release(qtbot, window, AIRPORT_FR)
        header = window.reader.header
        assert "Also in:" in header.text() and ">DE</a>" in header.text()
        entries = choose_in_row_menu(qtbot, window, AIRPORT_FR, NOT_SAME)
        assert SAME in entries and NOT_SAME in entries
        qtbot.waitUntil(lambda: "Also in:" not in header.text())
        german = _id(window, AIRPORT_DE)
        assert not any(french in g for g in _groups(store))
        assert any(german in g for g in _groups(store))
        assert "statement of its own" in _said(window)
        press(qtbot, Qt.Key.Key_Z, CTRL)
        assert _state(store) == before
        qtbot.waitUntil(lambda: ">DE</a>" in header.text())
        press(qtbot, Qt.Key.Key_Z, CTRL_SHIFT)  # redo: out again, its splits as they were
        assert not any(french in g for g in _groups(store))
        assert (
            store.conn.execute(
                "SELECT count(*) FROM statement_splits WHERE release_id = ?", (french,)
            ).fetchone()[0]
            == 2
        )  # apart from the German and the Italian


def test_a_version_taken_out_stays_out_when_a_further_version_is_imported(
    qtbot, swiss_db: Path, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from gui.dialogs import import_dialog

    english = [r for r in _records() if r["title"].startswith(AIRPORT_EN)]
    further = write_without_truth(english, tmp_path / "english.jsonl")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(further)], ""))
    )
    summaries = []
    monkeypatch.setattr(import_dialog, "show_import_summary", lambda _p, s: summaries.append(s))
    with shown_window(qtbot, swiss_db) as window:
        click_rows(qtbot, window, AIRPORT_FR)
        press(qtbot, Qt.Key.Key_J, CTRL_ALT)  # Not the same statement
        french = _id(window, AIRPORT_FR)
        qtbot.waitUntil(lambda: not any(french in g for g in _groups(window.store)))
        press(qtbot, Qt.Key.Key_I, CTRL)  # File ▸ Import files…
        qtbot.waitUntil(lambda: bool(summaries))
        assert summaries[0].imported == 1
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        groups = _groups(window.store)
        german, english = _id(window, AIRPORT_DE), _id(window, AIRPORT_EN)
        assert any(english in g for g in groups)  # the new version was grouped
        # The one taken out stays apart from the versions it was taken from.
        assert not any(french in g and german in g for g in groups)


def test_picked_rows_are_joined_by_the_context_menu_and_the_join_is_undone(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        store = window.store
        click_rows(qtbot, window, AIRPORT_FR)
        choose_in_row_menu(qtbot, window, AIRPORT_FR, NOT_SAME)
        french, german = _id(window, AIRPORT_FR), _id(window, AIRPORT_DE)
        qtbot.waitUntil(lambda: not any(french in g for g in _groups(store)))
        split = _state(store)
        click_rows(qtbot, window, AIRPORT_DE, AIRPORT_FR)
        choose_in_row_menu(qtbot, window, AIRPORT_FR, SAME)
        joined = next(g for g in _groups(store) if german in g)
        assert french in joined and len(joined) == 3  # the French back with de and it
        assert not store.conn.execute(
            "SELECT 1 FROM statement_splits WHERE release_id = ?", (french,)
        ).fetchone()  # the split is forgotten: the analyst says they are one
        assert "now one statement" in _said(window)
        press(qtbot, Qt.Key.Key_Z, CTRL)
        assert _state(store) == split


def test_a_choice_that_cannot_be_one_statement_is_refused_in_one_sentence(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        store = window.store
        before = _state(store)
        click_rows(qtbot, window, CREDENTIALS_DE)
        press(qtbot, Qt.Key.Key_J, CTRL_SHIFT)
        assert _said(window).startswith("Select two or more releases")
        click_rows(qtbot, window, CREDENTIALS_DE, MANDATE_DE)
        press(qtbot, Qt.Key.Key_J, CTRL_SHIFT)
        assert _said(window) == (
            "These releases are all in German: the versions of one statement are in "
            "different languages."
        )
        click_rows(qtbot, window, AIRPORT_DE, AIRPORT_FR)
        press(qtbot, Qt.Key.Key_J, CTRL_SHIFT)
        assert _said(window) == "These releases are already one statement."
        assert _state(store) == before
        assert window.ops.undo_stack.count() == 0


def test_the_title_blocks_link_takes_the_release_out_of_its_statement(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        open_release(qtbot, window, AIRPORT_FR)
        header = window.reader.header
        qtbot.waitUntil(lambda: "not the same statement" in header.text())
        links = re.findall(r'href="([^"]+)"', header.text())
        header.setFocus(Qt.FocusReason.TabFocusReason)
        for _ in range(links.index(LEAVE_STATEMENT_LINK) + 1):
            qtbot.keyClick(header, Qt.Key.Key_Tab)
        qtbot.keyClick(header, Qt.Key.Key_Return)
        french = _id(window, AIRPORT_FR)
        assert not any(french in g for g in _groups(window.store))
        qtbot.waitUntil(lambda: "Also in:" not in header.text())


def _titles(window) -> list[str]:
    model = release_list(window).model()
    return [model.index(row, 2).data() for row in range(model.rowCount())]


def test_one_row_per_statement_lists_each_statement_once_in_the_language_read(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        assert len(_titles(window)) == 10 and "10 releases" in window.count_label.text()
        open_release(qtbot, window, MANDATE_DE.split()[0] + " verabschiedet Mandat")
        open_release(qtbot, window, "Federal Council adopts")  # English, read last
        choose_in_menu(qtbot, window, "View", "One Row per Statement")
        qtbot.waitUntil(lambda: len(_titles(window)) == 3)
        assert window.count_label.text() == "3 statements"
        titles = _titles(window)
        # Each row in English where its statement has an English version, its languages
        # before its title, its own first.
        assert any(t.startswith("EN DE FR IT │ Federal Council adopts") for t in titles)
        airport = next(t for t in titles if "Bâle" in t or "Basel" in t)
        assert airport.startswith("DE FR IT │ ")  # no English version yet: the first
        assert settings.one_row_per_statement()
        # Opening a row opens the version shown, and the title block offers the others.
        open_release(qtbot, window, "Federal Council adopts")
        assert window.release.language == "en"
        header = window.reader.header.text()
        assert all(f">{code}</a>" in header for code in ("DE", "FR", "IT"))
        # Every version again, by the same click.
        choose_in_menu(qtbot, window, "View", "One Row per Statement")
        qtbot.waitUntil(lambda: len(_titles(window)) == 10)
        assert not settings.one_row_per_statement()


def test_a_french_word_finds_the_statement_whose_row_shows_the_english_version(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        open_release(qtbot, window, "Federal Council adopts")  # English read last
        choose_in_menu(qtbot, window, "View", "One Row per Statement")
        qtbot.waitUntil(lambda: len(_titles(window)) == 3)
        box = window.filters.search_box
        QApplication.clipboard().setText("négociations")  # a word of the French title only
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        qtbot.keyClick(box, Qt.Key.Key_V, CTRL)
        qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not window.model.searching() and len(_titles(window)) == 1)
        (title,) = _titles(window)
        assert title.startswith("EN DE FR IT │ Federal Council adopts")
        row = row_of_title(window, "Federal Council adopts")
        assert row == 0 and window.count_label.text() == "1 statement"


def test_the_choice_of_one_row_per_statement_is_remembered(qtbot, swiss_db: Path) -> None:
    with shown_window(qtbot, swiss_db) as window:
        choose_in_menu(qtbot, window, "View", "One Row per Statement")
        qtbot.waitUntil(lambda: len(_titles(window)) == 3)
    with shown_window(qtbot, swiss_db) as window:
        assert window.findChild(
            type(window.window_actions["actionSameStatement"]), "actionOneRowPerStatement"
        ).isChecked()
        qtbot.waitUntil(lambda: len(_titles(window)) == 3)
