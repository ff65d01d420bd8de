"""Counterparts from the reader: Ctrl+Shift+O lists the other side's readout of the call the
release read reports, with its score and reasons; a click opens the two side by side.

The Italian foreign ministry's readout of a call is the real seed release of the corpus;
the other side's readout of the same call is written as NATO's press office words such
readouts, with the same day, participants and places."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from gui.dialogs.counterparts import CounterpartsDialog
from gui.dialogs.side_by_side import OPENING, SideBySideDialog
from store.db import Store
from store.imports.pipeline import import_paths
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.conftest import SEED
from tests.gui.window_helpers import open_release, press, shown_window

pytestmark = pytest.mark.usefixtures("qapp")

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
NATO_READOUT = ParsedRelease(
    title="Secretary General speaks with the Foreign Minister of Italy",
    date="2022-11-25",
    source="NATO",
    identity="nato-2022-11-25-tajani",
    language="en",
    body_markdown=paragraphs_to_markdown(
        [
            "NATO Secretary General Jens Stoltenberg spoke today with the Deputy Prime "
            "Minister and Minister of Foreign Affairs of Italy, Antonio Tajani, ahead of the "
            "meeting of NATO Foreign Ministers in Bucharest on 29 and 30 November.",
            "The Secretary General thanked Italy for its contributions to NATO missions and "
            "operations, including the missions in Iraq and in Kosovo, and for its support "
            "to Ukraine. They discussed the situation in the Western Balkans and the "
            "partnership between NATO and the European Union.",
        ]
    ),
)
UNRELATED = ParsedRelease(
    title="Statement on maritime security",
    date="2021-06-01",
    source="State Department",
    identity="state-1",
    body_markdown=paragraphs_to_markdown(
        ["The United States welcomes the agreement on maritime security in the region."]
    ),
)


@pytest.fixture
def readouts_db(db_path: Path) -> Path:
    if not SEED.exists():
        pytest.skip("the shared corpus is not here")
    with Store(db_path) as store:
        import_paths(store, [SEED])
        save_release(store, NATO_READOUT, origin_file=None)
        save_release(store, UNRELATED, origin_file=None)
    return db_path


def test_the_counterparts_of_the_release_read_open_side_by_side_with_a_click(
    qtbot, readouts_db: Path
) -> None:
    with shown_window(qtbot, readouts_db) as window:
        open_release(qtbot, window, "Telephone conversation")
        press(qtbot, Qt.Key.Key_O, CTRL_SHIFT)
        dialog = window.findChild(QDialog, "counterpartsDialog")
        assert isinstance(dialog, CounterpartsDialog)
        qtbot.addWidget(dialog)
        assert dialog.pending and "Looking" in dialog.summary.text()
        qtbot.waitUntil(lambda: not dialog.pending, timeout=20000)
        table = dialog.table
        assert table.rowCount() >= 1
        titles = [table.item(row, 4).text() for row in range(table.rowCount())]
        assert titles[0] == NATO_READOUT.title
        assert "Statement on maritime security" not in titles  # four years away
        assert float(table.item(0, 0).text()) > 0
        assert "same day" in table.item(0, 5).text()
        rect = table.visualRect(table.model().index(0, 4))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        side_by_side = window.findChild(QDialog, "sideBySide")
        assert isinstance(side_by_side, SideBySideDialog)
        qtbot.addWidget(side_by_side)
        qtbot.waitUntil(lambda: side_by_side.status.text() != OPENING)
        assert "Telephone conversation" in side_by_side.panes[0].header.text()
        assert NATO_READOUT.title in side_by_side.panes[1].header.text()
        qtbot.waitUntil(lambda: not side_by_side.pending, timeout=20000)
        assert side_by_side.passages is not None


def test_enter_on_a_counterpart_opens_the_pair(qtbot, readouts_db: Path) -> None:
    with shown_window(qtbot, readouts_db) as window:
        open_release(qtbot, window, "Telephone conversation")
        press(qtbot, Qt.Key.Key_O, CTRL_SHIFT)
        dialog = window.findChild(QDialog, "counterpartsDialog")
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: not dialog.pending, timeout=20000)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
        side_by_side = window.findChild(QDialog, "sideBySide")
        assert isinstance(side_by_side, SideBySideDialog)
        qtbot.addWidget(side_by_side)
        qtbot.waitUntil(lambda: side_by_side.status.text() != OPENING)
        assert NATO_READOUT.title in side_by_side.panes[1].header.text()
