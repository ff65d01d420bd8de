"""The window and its store: importing by drop, other writers, switching stores, layout."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QAction, QDropEvent
from PySide6.QtWidgets import QMessageBox

from gui.app import build_window
from store.db import Store
from store.highlights import add_highlight_by_quote, get_highlight, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import count_releases

SEED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "corpus"
    / "farnesina"
    / "000_ee7cf94feceb9baf.txt"
)


def drop(window, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)


def test_dropping_a_file_imports_it_through_the_import_dialog(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    from gui.dialogs import import_dialog

    if not SEED.exists():
        pytest.skip("the shared corpus is not here")
    shown = []
    monkeypatch.setattr(import_dialog, "show_import_summary", lambda parent, s: shown.append(s))
    shutil.copy(SEED, tmp_path / "seed.txt")
    drop(window, [tmp_path / "seed.txt"])
    assert shown and shown[0].imported == 1
    assert window.model.rowCount() == 4
    assert "4 releases" in window.count_label.text()


def test_a_change_by_another_program_shows_up(qtbot, window, filled_db) -> None:
    with Store(filled_db) as other:
        save_release(
            other,
            ParsedRelease(title="Written elsewhere", body_markdown="Text.\n", identity="x-1"),
            None,
        )
    qtbot.waitUntil(lambda: window.model.rowCount() == 4, timeout=3000)


def test_another_program_highlighting_the_open_release_repaints_it(
    qtbot, window, filled_db
) -> None:
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    words = window.release.text.split()[2]
    with Store(filled_db) as other:
        add_highlight_by_quote(other, window.release.id, words)
    qtbot.waitUntil(lambda: len(window.reader.view.painted) == 1, timeout=3000)
    assert len(window.highlight_panel.highlights()) == 1


def test_switching_store_points_every_view_at_it(qtbot, window, tmp_path) -> None:
    other_path = tmp_path / "other.db"
    with Store(other_path) as other:
        save_release(other, ParsedRelease(title="Only here", body_markdown="Alone.\n"), None)
    window.select_row(0)
    assert window.files.switch_store(other_path)
    assert window.model.rowCount() == 1
    assert window.model.index(0, 2).data() == "Only here"
    assert window.release is None and window.reader.view.toPlainText() == ""
    assert "other.db" in window.windowTitle()
    assert window.ops.undo_stack.count() == 0


def test_a_file_that_is_not_a_store_is_refused_and_nothing_changes(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    stranger = tmp_path / "notes.db"
    stranger.write_text("not a database at all " * 100)
    assert not window.files.switch_store(stranger)
    assert told and "not a Communiqué Desk store" in told[0]
    assert window.model.rowCount() == 3


def test_splitter_sizes_persist(qtbot, window, filled_db) -> None:
    # Within the offscreen screen (800 × 800), which a restored geometry is clamped to.
    window.resize(780, 700)
    window.splitter.setSizes([300, 400])
    wanted = window.splitter.sizes()
    window.close()
    again = build_window(filled_db)
    qtbot.addWidget(again)
    again.show()
    assert again.splitter.sizes() == wanted
    again.close()
    again.store.close()


def test_note_written_in_the_panel_is_saved_and_undoable(qtbot, window) -> None:
    window.select_row(0)
    qtbot.waitUntil(lambda: window.release is not None)
    made = add_highlight_by_quote(window.store, window.release.id, window.release.text.split()[0])
    window.ops.announce(made)
    panel = window.highlight_panel
    panel.select_highlight(made.created)
    panel.note_edit.setText("Check against the Italian original.")
    panel.note_edit.editingFinished.emit()
    assert get_highlight(window.store, made.created).note == "Check against the Italian original."
    window.ops.undo_stack.undo()
    assert get_highlight(window.store, made.created).note == ""


def highlight_then_revise(window, identity: str, revised_text: str) -> tuple[int, int]:
    """A release with "grain exports" highlighted, then revised to ``revised_text`` (which
    the window is told of); returns (release id, highlight id)."""
    store = window.store

    def release(text: str) -> ParsedRelease:
        return ParsedRelease("Revised", paragraphs_to_markdown([text]), identity=identity)

    saved = save_release(store, release("The talks covered energy and grain exports."), None)
    made = add_highlight_by_quote(store, saved.release_id, "grain exports").created
    window.ops.announce(save_release(store, release(revised_text), None).changes)
    return saved.release_id, made


def test_a_highlight_that_lost_its_place_is_listed_apart(qtbot, window) -> None:
    store = window.store
    release_id, _ = highlight_then_revise(window, "revised-1", "The talks covered energy only.")
    window.show_release(release_id)
    listed = window.highlight_panel.list.model()
    texts = [listed.index(row, 0).data() for row in range(2)]
    assert texts[0].startswith("Lost its place")
    assert "grain exports" in texts[1]
    assert window.reader.view.painted == []
    assert highlights_of_release(store, release_id)[0].orphaned
    assert count_releases(store) == 4


def test_a_lost_highlight_can_be_moved_onto_the_selected_text(qtbot, window) -> None:
    store = window.store
    release_id, made = highlight_then_revise(
        window, "revised-2", "The talks covered energy and wheat exports."
    )
    window.show_release(release_id)
    window.highlight_panel.select_highlight(made)
    view = window.reader.view
    view.setTextCursor(view.document().find("wheat exports"))
    window.findChild(QAction, "actionMoveHighlight").trigger()
    moved = get_highlight(store, made)
    assert (moved.quote, moved.orphaned) == ("wheat exports", False)
    window.ops.undo_stack.undo()
    assert get_highlight(store, made).orphaned
