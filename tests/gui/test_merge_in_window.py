"""File ▸ Merge a colleague's store…: the preview says what comes in and what differs, Merge
brings it into the list, codebook and reader, and Ctrl+Z / Ctrl+Shift+Z take it back and
merge again; a file that cannot be merged is one sentence and changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QListWidget, QMessageBox

from gui.dialogs.merge_preview import MergePreview
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag
from tests.gui.conftest import RELEASES
from tests.gui.window_helpers import choose_in_menu, open_release, press, reader, topic_names

SCREENS = Path(__file__).resolve().parents[2] / "bench" / "out" / "screens"
BEN_ONLY = ParsedRelease(
    title="Joint statement on grain exports",
    date="2023-07-20",
    source="Farnesina",
    identity="farnesina-grain",
    body_markdown=paragraphs_to_markdown(
        ["The ministers call for the safe passage of grain ships through the Black Sea."]
    ),
)


@pytest.fixture
def bens_store(tmp_path: Path) -> Path:
    """Ben's store: one release the window's store holds too, one of his own; his topics
    (Security in another colour, Grain new) and his highlights on both."""
    path = tmp_path / "ben.db"
    with Store(path) as store:
        store.coder = "Ben"
        shared = save_release(store, RELEASES[0], origin_file=None).release_id
        own = save_release(store, BEN_ONLY, origin_file=None).release_id
        security = create_tag(store, "Security", "#123456").created
        grain = create_tag(store, "Grain").created
        add_highlight_by_quote(store, shared, "security of the eastern flank", tag_ids=[security])
        add_highlight_by_quote(store, own, "safe passage of grain ships", tag_ids=[grain])
    return path


def _pick_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def _answer_preview(qtbot, seen: dict, press_merge: bool) -> None:
    """When the preview comes up: note its words, render it, then press Merge or Escape."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, MergePreview) or not dialog.isVisible():
            QTimer.singleShot(50, look)
            return
        labels = [label.text() for label in dialog.findChildren(QLabel)]
        listed = dialog.findChild(QListWidget, "mergeConflicts")
        rows = [listed.item(i).text() for i in range(listed.count())] if listed else []
        seen["words"] = "\n".join(labels + rows)
        SCREENS.mkdir(parents=True, exist_ok=True)
        dialog.grab().save(str(SCREENS / "merge-preview.png"))
        if press_merge:
            button = dialog.merge_button
            QTest.mouseClick(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
        else:
            QTest.keyClick(dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(0, look)


def _counts(db: Path) -> tuple[int, int, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("releases", "highlights", "tags")
        )
    finally:
        conn.close()


def test_the_merge_is_previewed_made_undone_and_redone_as_one_step(
    qtbot, window, filled_db, bens_store, monkeypatch
) -> None:
    before = _counts(filled_db)
    bens_bytes = hashlib.sha256(bens_store.read_bytes()).hexdigest()
    _pick_file(monkeypatch, bens_store)
    seen: dict = {}
    _answer_preview(qtbot, seen, press_merge=True)
    choose_in_menu(qtbot, window, "File", "Merge a colleague's store…")
    qtbot.waitUntil(lambda: "Grain" in topic_names(window))
    words = seen["words"]
    assert "1 new release (1 already here)" in words
    assert "1 new topic: “Grain”" in words
    assert "by Ben: 2" in words
    assert "#123456" in words  # Security's other colour is listed, ours kept
    assert _counts(filled_db) == (before[0] + 1, before[1] + 2, before[2] + 1)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The list shows Ben's release, and the reader paints his highlight on the shared one.
    qtbot.waitUntil(lambda: window.model.rowCount() == before[0] + 1)
    open_release(qtbot, window, "Minister meets NATO")
    assert [h.coder for h in window.reading.highlights] == ["Ben"]

    reader(window).setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _counts(filled_db) == before)
    qtbot.waitUntil(lambda: "Grain" not in topic_names(window))
    qtbot.waitUntil(lambda: window.reading.highlights == [])
    press(
        qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: _counts(filled_db) == (before[0] + 1, before[1] + 2, before[2] + 1))
    assert hashlib.sha256(bens_store.read_bytes()).hexdigest() == bens_bytes  # only read


def test_escape_in_the_preview_merges_nothing(qtbot, window, filled_db, bens_store, monkeypatch):
    before = _counts(filled_db)
    _pick_file(monkeypatch, bens_store)
    seen: dict = {}
    _answer_preview(qtbot, seen, press_merge=False)
    choose_in_menu(qtbot, window, "File", "Merge a colleague's store…")
    qtbot.waitUntil(lambda: "words" in seen)
    assert _counts(filled_db) == before
    assert not window.ops.undo_stack.canUndo()


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: p.write_text("release notes, not a store", "utf-8"), "not a Communiqué Desk"),
        (lambda p: _newer_store(p), "newer version"),
    ],
    ids=["not-a-store", "newer-schema"],
)
def test_what_cannot_be_merged_is_one_sentence_and_changes_nothing(
    qtbot, window, filled_db, tmp_path, monkeypatch, make, said
) -> None:
    other = tmp_path / "other.db"
    make(other)
    before = _counts(filled_db)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text))
    )
    _pick_file(monkeypatch, other)
    choose_in_menu(qtbot, window, "File", "Merge a colleague's store…")
    qtbot.waitUntil(lambda: bool(warnings))
    assert said in warnings[0] and "other.db" in warnings[0]
    assert "Nothing was changed" in warnings[0]
    assert _counts(filled_db) == before


def test_a_locked_store_is_one_sentence(qtbot, window, filled_db, bens_store, monkeypatch):
    before = _counts(filled_db)
    holder = sqlite3.connect(bens_store)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text))
    )
    _pick_file(monkeypatch, bens_store)
    try:
        choose_in_menu(qtbot, window, "File", "Merge a colleague's store…")
        qtbot.waitUntil(lambda: bool(warnings), timeout=20000)
    finally:
        holder.rollback()
        holder.close()
    assert "ben.db" in warnings[0] and "locked" in warnings[0]
    assert _counts(filled_db) == before


def _newer_store(path: Path) -> None:
    from store.schema import MIGRATIONS

    with Store(path):
        pass
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    conn.commit()
    conn.close()


def test_a_qdpx_project_is_previewed_and_merged_as_one_step(
    qtbot, window, filled_db, bens_store, tmp_path, monkeypatch
) -> None:
    from click.testing import CliRunner

    from cli.main import cli as communique

    project = tmp_path / "ben.qdpx"
    exported = CliRunner().invoke(
        communique,
        ["--db", str(bens_store), "export", "--format", "qdpx", "--output", str(project)],
    )
    assert exported.exit_code == 0, exported.output
    before = _counts(filled_db)
    _pick_file(monkeypatch, project)
    seen: dict = {}
    _answer_preview(qtbot, seen, press_merge=True)
    choose_in_menu(qtbot, window, "File", "Merge a colleague's store…")
    qtbot.waitUntil(lambda: "Grain" in topic_names(window))
    assert "by Ben: 2" in seen["words"]
    assert _counts(filled_db)[1] == before[1] + 2
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    reader(window).setFocus()
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _counts(filled_db) == before)
