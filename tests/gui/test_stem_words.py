"""The "Stem words" boxes driven with the mouse: in the Concordance tab and the Trends dialog,
ticked, "Sanktion" finds "Sanktionen" in real Swiss releases; the choice is remembered by the
next window."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox
from window_helpers import shown_window

from gui.models.concordance_model import MATCH
from store.db import Store
from store.imports.pipeline import import_paths
from tests.gui.test_concordance_view import look_for, table, wait_counted
from tests.gui.test_trends_dialog import SHOTS, follow, open_trends
from tests.swiss_store import SWISS


@pytest.fixture
def swiss_db(db_path: Path, tmp_path: Path) -> Path:
    """The Swiss releases that speak of sanctions (German, French, English), imported."""
    lines = [
        line
        for line in SWISS.read_text("utf-8").splitlines()
        if any(word in json.loads(line)["body"] for word in ("Sanktion", "sanction"))
    ]
    part = tmp_path / "sanctions.jsonl"
    part.write_text("\n".join(lines) + "\n", "utf-8")
    with Store(db_path) as store:
        assert import_paths(store, [part]).imported == len(lines)
    return db_path


def click(qtbot, box: QCheckBox) -> None:
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())


def matches(window) -> set[str]:
    model = table(window).model()
    return {model.index(row, MATCH).data() for row in range(model.rowCount())}


def test_ticking_stem_words_in_the_concordance_finds_inflected_forms(qtbot, swiss_db: Path) -> None:
    with shown_window(qtbot, swiss_db) as window:
        look_for(qtbot, window, "Sanktion")
        wait_counted(qtbot, window)
        written = window.concordance_view.total
        assert "Sanktionen" not in matches(window)
        box = window.findChild(QCheckBox, "concordanceStem")
        assert not box.isChecked()
        click(qtbot, box)
        assert box.isChecked()
        qtbot.waitUntil(lambda: "Sanktionen" in matches(window), timeout=5000)
        wait_counted(qtbot, window)
        assert window.concordance_view.total > written
        window.resize(1400, 700)
        qtbot.wait(50)
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(SHOTS / "concordance-stemmed.png"))
    with shown_window(qtbot, swiss_db) as again:
        assert again.findChild(QCheckBox, "concordanceStem").isChecked()


def test_ticking_stem_words_in_the_trends_dialog_counts_inflected_forms(
    qtbot, swiss_db: Path
) -> None:
    with shown_window(qtbot, swiss_db) as window:
        dialog = open_trends(qtbot, window)
        follow(qtbot, dialog, "Sanktion")
        written = sum(point.occurrences for point in dialog.trend.series)
        box = dialog.findChild(QCheckBox, "trendStem")
        click(qtbot, box)
        qtbot.waitUntil(
            lambda: (
                not dialog.pending
                and sum(point.occurrences for point in dialog.trend.series) > written
            ),
            timeout=10_000,
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert dialog.grab().save(str(SHOTS / "trends-stemmed.png"))
        dialog.close()
    with shown_window(qtbot, swiss_db) as again:
        assert open_trends(qtbot, again).findChild(QCheckBox, "trendStem").isChecked()
