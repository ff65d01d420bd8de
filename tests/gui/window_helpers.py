"""Helpers shared by the window tests: the window shown, and the actions a person takes in it."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QListView, QTableView, QTextEdit

from gui.models.highlight_list_model import IdRole
from store.tags import find_tag


@contextmanager
def shown_window(qtbot, db_path: Path):
    """The real main window on a store, shown (offscreen) and closed with its store after."""
    from gui.app import build_window

    built = build_window(db_path)
    qtbot.addWidget(built)
    built.show()
    qtbot.waitExposed(built)
    # The keys the analyst presses go to the active window; Qt activates a shown one a
    # moment after it is exposed.
    with qtbot.waitActive(built):
        built.activateWindow()
    yield built
    built.close()
    built.store.close()


def release_list(window) -> QTableView:
    return window.findChild(QTableView, "releaseList")


def reader(window) -> QTextEdit:
    return window.findChild(QTextEdit, "readerView")


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def open_release(qtbot, window, title_part: str) -> None:
    """Click the row whose title contains ``title_part``."""
    view = release_list(window)
    model = view.model()
    rows = [r for r in range(model.rowCount()) if title_part in model.index(r, 2).data()]
    assert rows, title_part
    rect = view.visualRect(model.index(rows[0], 2))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: window.release is not None and title_part in window.release.title)


def _found(view: QTextEdit, text: str, until: str | None) -> QTextCursor:
    """A cursor selecting ``text`` (or from ``text`` to the end of ``until``) in a view."""
    document = view.document()
    found = document.find(text)
    assert not found.isNull(), text
    if until is not None:
        end = document.find(until, found.selectionEnd())
        assert not end.isNull(), until
        found.setPosition(found.selectionStart())
        found.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    return found


def _as_canonical(cursor: QTextCursor) -> str:
    """What a cursor selects, as the canonical text writes it (Qt's paragraph and line
    separators as blank line and newline)."""
    return cursor.selectedText().replace("\u2029", "\n\n").replace("\u2028", "\n")


def select_text(window, text: str, until: str | None = None) -> tuple[str, int]:
    """Select ``text`` (or from ``text`` to the end of ``until``) in the reader.

    Returns what the analyst selected, as the canonical text writes it, and where the
    selection starts.
    """
    view = reader(window)
    found = _found(view, text, until)
    view.setTextCursor(found)
    return _as_canonical(found), found.selectionStart()


def drag_select(qtbot, window, text: str, until: str | None = None) -> str:
    """Select ``text`` (or from ``text`` to the end of ``until``) in the reader with the
    mouse: press before its first character, drag, release after its last.

    Returns what the mouse selected, as the canonical text writes it.
    """
    view = reader(window)
    wanted = _found(view, text, until)
    ends = []
    for position in (wanted.selectionStart(), wanted.selectionEnd()):
        caret = QTextCursor(view.document())
        caret.setPosition(position)
        ends.append(view.cursorRect(caret).center())
    first, last = ends
    viewport = view.viewport()
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(viewport, left, Qt.KeyboardModifier.NoModifier, first)
    QTest.mouseMove(viewport, (first + last) / 2)
    QTest.mouseMove(viewport, last)
    QTest.mouseRelease(viewport, left, Qt.KeyboardModifier.NoModifier, last)
    selected = view.textCursor()
    assert (selected.selectionStart(), selected.selectionEnd()) == (
        wanted.selectionStart(),
        wanted.selectionEnd(),
    ), (text, _as_canonical(selected))
    return _as_canonical(selected)


def _point_at(view: QTextEdit, position: int) -> QPoint:
    caret = QTextCursor(view.document())
    caret.setPosition(position)
    return view.cursorRect(caret).center()


def position_in(window, text: str, offset: int) -> int:
    """The reader position ``offset`` UTF-16 units into the first ``text`` it shows."""
    return _found(reader(window), text, None).selectionStart() + offset


def drag(qtbot, window, start: int, end: int, modifiers=Qt.KeyboardModifier.NoModifier) -> str:
    """Drag the mouse in the reader from one position to another (holding ``modifiers``)
    and return what ends up selected, as the canonical text writes it."""
    view = reader(window)
    first, last = _point_at(view, start), _point_at(view, end)
    viewport = view.viewport()
    left = Qt.MouseButton.LeftButton
    QTest.mousePress(viewport, left, modifiers, first)
    QTest.mouseMove(viewport, (first + last) / 2)
    QTest.mouseMove(viewport, last)
    QTest.mouseRelease(viewport, left, modifiers, last)
    return _as_canonical(view.textCursor())


def shift_click(qtbot, window, position: int) -> str:
    """Shift-click at a reader position (extending the selection); returns the selection."""
    view = reader(window)
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        _point_at(view, position),
    )
    return _as_canonical(view.textCursor())


def choose_in_menu(qtbot, window, *path: str) -> None:
    """Click a menu of the menu bar, then each entry of ``path`` (submenus included), as
    the analyst would with the mouse. Entries are named by their text without the ``&``."""
    from PySide6.QtWidgets import QMenu

    def named(menu_actions, name):
        found = [a for a in menu_actions if a.text().replace("&", "") == name]
        assert found, (name, [a.text() for a in menu_actions])
        return found[0]

    bar = window.menuBar()
    title, *entries = path
    top = named(bar.actions(), title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center())
    menu: QMenu = top.menu()
    for entry in entries:
        qtbot.waitUntil(menu.isVisible)
        item = named(menu.actions(), entry)
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(item).center())
        menu = item.menu()
        if menu is None:
            break


def click_text(qtbot, window, text: str) -> None:
    """Click inside ``text`` in the reader (on a highlight: selects it)."""
    view = reader(window)
    inside = _found(view, text, None)
    inside.setPosition((inside.selectionStart() + inside.selectionEnd()) // 2)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(inside).center()
    )


def press(qtbot, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key where the keyboard focus is, as the analyst's keyboard would."""
    focused = QApplication.focusWidget()
    assert focused is not None, "no widget has the keyboard focus"
    qtbot.keyClick(focused, key, modifiers)


def background_of(window, text: str) -> str | None:
    """The highlight colour painted under the middle of ``text`` in the reader, or None."""
    inside = _found(reader(window), text, None)
    inside.setPosition((inside.selectionStart() + inside.selectionEnd() + 1) // 2)
    brush = inside.charFormat().background()
    return brush.color().name() if brush.style() != Qt.BrushStyle.NoBrush else None


def select_topic(window, name: str) -> int:
    """Select a topic in the codebook tree as a click would."""
    tree = window.findChild(QAbstractItemView, "tagTree")
    model = tree.model()
    matches = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1, Qt.MatchFlag.MatchRecursive
    )
    assert matches, name
    tree.selectionModel().select(
        matches[0],
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return find_tag(window.store, name).id


def laid_out(view: QTextEdit) -> bool:
    """Whether Qt has laid out the view's whole text and sized its scroll bar to it (it lays
    out a long text in steps after showing it, and sizes the bar when the layout is done)."""
    document = view.document()
    if document.lastBlock().layout().lineCount() == 0:
        return False
    height = document.documentLayout().documentSize().toSize().height()
    return view.verticalScrollBar().maximum() == max(0, height - view.viewport().height())


def topic_tree(window) -> QAbstractItemView:
    return window.findChild(QAbstractItemView, "tagTree")


def topic_names(window) -> list[str]:
    """Every topic name the codebook tree shows, depth first."""
    model = topic_tree(window).model()
    names: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            names.append(index.data())
            walk(index)

    walk(QModelIndex())
    return names


def click_topic(qtbot, window, name: str) -> None:
    """Click a topic's row in the codebook tree."""
    tree = topic_tree(window)
    model = tree.model()
    matches = model.match(
        model.index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1, Qt.MatchFlag.MatchRecursive
    )
    assert matches, name
    tree.scrollTo(matches[0])  # a long codebook: scrolled to the topic first, as by hand
    rect = tree.visualRect(matches[0])
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def highlight_rows(window) -> list[int]:
    """The ids of the highlights the highlights panel lists, in its order."""
    listing = window.findChild(QListView, "highlightList")
    model = listing.model()
    rows = [model.index(row, 0) for row in range(model.rowCount())]
    return [i.data(IdRole) for i in rows if i.flags() & Qt.ItemFlag.ItemIsSelectable]


def click_highlight_row(qtbot, window, highlight_id: int) -> None:
    """Click a highlight's row in the highlights panel."""
    listing = window.findChild(QListView, "highlightList")
    model = listing.model()
    (index,) = [
        model.index(row, 0)
        for row in range(model.rowCount())
        if model.index(row, 0).data(IdRole) == highlight_id
    ]
    listing.scrollTo(index)
    pos: QPoint = listing.visualRect(index).center()
    qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=pos)
