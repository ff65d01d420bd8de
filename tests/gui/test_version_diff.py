"""Comparing a release's versions in the window: the action, the header link and the dialog.

A release of the sample store is revised (same identity, changed words, hostile markup in
the new text and title); the window is driven as an analyst would: pick the release, trigger
Compare versions, read the marked document.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCharFormat, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QDialog
from test_main_window import open_release

from gui.dialogs.version_diff import DIFF_KIND, VersionDiffDialog
from gui.widgets.release_header import COMPARE_LINK
from store.db import Store
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from tests.gui.window_helpers import shown_window

pytestmark = pytest.mark.usefixtures("qapp")

HOSTILE = "<img src=x onerror=alert(1)>"
REVISED = ParsedRelease(  # conftest's "Statement on maritime security", revised
    title="Statement on <b>maritime</b> security",
    date="2021-06-01",
    source="State Department",
    identity="state-1",
    body_markdown=paragraphs_to_markdown(
        [
            "The United States warmly welcomes the agreement on security in the region "
            f"{HOSTILE} today."
        ]
    ),
)


@pytest.fixture
def revised_db(filled_db: Path) -> Path:
    with Store(filled_db) as store:
        assert save_release(store, REVISED, origin_file="second.rss").outcome == "updated"
    return filled_db


@pytest.fixture
def revised_window(qtbot, revised_db: Path, monkeypatch: pytest.MonkeyPatch):
    # The seam: the dialog is shown, not run modally, so the test can read it.
    monkeypatch.setattr(VersionDiffDialog, "present", staticmethod(lambda dialog: dialog.show()))
    with shown_window(qtbot, revised_db) as built:
        yield built


def compare_action(window) -> QAction:
    found = window.findChild(QAction, "actionCompareVersions")
    assert found is not None
    return found


def open_comparison(qtbot, window) -> VersionDiffDialog:
    compare_action(window).trigger()
    dialog = window.findChild(QDialog, "versionDiff")
    assert isinstance(dialog, VersionDiffDialog)
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def marked(document: QTextDocument) -> dict[str, list[tuple[str, QTextCharFormat]]]:
    """The document's text runs by the kind they were drawn as ("removed", "added", None)."""
    runs: dict[str, list[tuple[str, QTextCharFormat]]] = {}
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            kind = fragment.charFormat().property(DIFF_KIND)
            runs.setdefault(kind, []).append((fragment.text(), fragment.charFormat()))
            it += 1
        block = block.next()
    return runs


def test_a_revised_release_offers_the_comparison_and_it_marks_the_changed_words(
    qtbot, revised_window
) -> None:
    open_release(qtbot, revised_window, "security")
    assert compare_action(revised_window).isEnabled()
    dialog = open_comparison(qtbot, revised_window)

    assert dialog.from_box.currentIndex() == 0 and dialog.to_box.currentIndex() == 1
    assert "Version 1" in dialog.from_box.currentText()
    assert "second.rss" in dialog.to_box.currentText()
    runs = marked(dialog.view.document())
    assert [text for text, _ in runs["removed"]] == ["maritime "]
    assert [text for text, _ in runs["added"]] == ["warmly ", f" {HOSTILE} today"]
    assert all(fmt.fontStrikeOut() for _, fmt in runs["removed"])
    assert not any(fmt.fontStrikeOut() for _, fmt in runs["added"])
    assert runs["removed"][0][1].background() != runs["added"][0][1].background()
    assert dialog.summary.text() == "1 word removed, 5 added"
    assert len(dialog.changes) == 3


def test_hostile_markup_in_a_version_is_shown_as_literal_text(qtbot, revised_window) -> None:
    open_release(qtbot, revised_window, "security")
    dialog = open_comparison(qtbot, revised_window)
    document = dialog.view.document()
    assert HOSTILE in document.toPlainText()
    for _text, fmt in sum(marked(document).values(), []):
        assert not fmt.isImageFormat() and not QTextImageFormat(fmt).name()
        assert not fmt.isAnchor()
    assert dialog.view.loadResource(QTextDocument.ResourceType.ImageResource.value, "x") is None
    # The title changed (with markup in it): shown, literally, words marked.
    assert dialog.title_change.isVisibleTo(dialog)
    title = dialog.title_change.document().toPlainText()
    assert title == "Changed title: Statement on <b>maritime</b> security"
    assert [t for t, _ in marked(dialog.title_change.document())["added"]] == ["<b>", "</b>"]


def press(qtbot, dialog: VersionDiffDialog, shift: bool, expected: str) -> None:
    """Press F7 (or Shift+F7) in the dialog and wait for the button's animated click."""
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(dialog.view, Qt.Key.Key_F7, modifier)
    qtbot.waitUntil(lambda: dialog.position.text() == expected)


def test_f7_and_shift_f7_step_through_the_changes(qtbot, revised_window) -> None:
    open_release(qtbot, revised_window, "security")
    dialog = open_comparison(qtbot, revised_window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    press(qtbot, dialog, shift=False, expected="Change 1 of 3")
    press(qtbot, dialog, shift=False, expected="Change 2 of 3")
    assert dialog.view.textCursor().position() == dialog.changes[1][0][0]
    assert dialog.view.extraSelections()[0].cursor.selectedText() == "maritime "
    press(qtbot, dialog, shift=True, expected="Change 1 of 3")
    press(qtbot, dialog, shift=True, expected="Change 3 of 3")  # round from the first


def test_choosing_the_same_version_twice_shows_no_change(qtbot, revised_window) -> None:
    open_release(qtbot, revised_window, "security")
    dialog = open_comparison(qtbot, revised_window)
    dialog.from_box.setCurrentIndex(1)
    assert dialog.summary.text() == "The two texts are the same."
    assert set(marked(dialog.view.document())) == {None}
    assert not dialog.next_button.isEnabled()


def test_the_header_links_to_the_comparison_only_for_a_revised_release(
    qtbot, revised_window
) -> None:
    header = revised_window.reader.header
    open_release(qtbot, revised_window, "NATO")
    assert not compare_action(revised_window).isEnabled()
    assert COMPARE_LINK not in header.text()
    open_release(qtbot, revised_window, "security")
    assert "1 earlier version — compare" in header.text()
    header.linkActivated.emit(COMPARE_LINK)
    assert isinstance(revised_window.findChild(QDialog, "versionDiff"), VersionDiffDialog)


def test_a_release_revised_while_it_is_read_offers_the_comparison(qtbot, window) -> None:
    open_release(qtbot, window, "security")
    assert not compare_action(window).isEnabled()
    result = save_release(window.store, REVISED, origin_file="second.rss")
    window.ops.announce(result.changes)
    qtbot.waitUntil(lambda: compare_action(window).isEnabled())
    assert "1 earlier version" in window.reader.header.text()
