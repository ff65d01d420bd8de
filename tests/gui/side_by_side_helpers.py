"""Helpers of the two-column reader's tests: a real pair from the Swiss federal news service
imported into a store, and the analyst's hands on the side-by-side dialog's columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication, QTextEdit

from tests.conftest import CORPUS

SWISS_NEWS = CORPUS / "swiss-news" / "releases.jsonl"
# One message in German and French: a Swiss aid convoy reaches Donetsk (May 2015).
CONVOY = "57284"


def message_versions(message: str, languages: tuple[str, ...] = ("de", "fr")) -> list[dict]:
    """The records of one message of the corpus, in ``languages`` order."""
    if not SWISS_NEWS.exists():
        pytest.skip("the shared corpus is not here")
    records = {}
    with SWISS_NEWS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["message"] == message and record["language"] in languages:
                records[record["language"]] = record
    return [records[language] for language in languages]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    """The records as a JSON Lines file, without the message id (as another source would
    give them)."""
    path.write_text(
        "\n".join(json.dumps({k: v for k, v in r.items() if k != "message"}) for r in records),
        encoding="utf-8",
    )
    return path


def found(view: QTextEdit, text: str) -> QTextCursor:
    cursor = view.document().find(text)
    assert not cursor.isNull(), text
    return cursor


def point_at(view: QTextEdit, position: int) -> QPoint:
    caret = QTextCursor(view.document())
    caret.setPosition(position)
    return view.cursorRect(caret).center()


def click_in(qtbot, view: QTextEdit, text: str) -> None:
    """Click in the middle of ``text`` in a column."""
    inside = found(view, text)
    middle = (inside.selectionStart() + inside.selectionEnd()) // 2
    view.ensureCursorVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(view, middle))


def wheel(view: QTextEdit, notches: int) -> None:
    """Turn the mouse wheel over a column's text: ``notches`` down (negative: up)."""
    viewport = view.viewport()
    inside = QPointF(viewport.width() / 2, viewport.height() / 2)
    event = QWheelEvent(
        inside,
        QPointF(viewport.mapToGlobal(inside.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, event)


def screen_y(view: QTextEdit, position: int) -> int:
    """Where the line showing ``position`` is on the screen (window coordinates)."""
    caret = QTextCursor(view.document())
    caret.setPosition(position)
    top = view.cursorRect(caret).top()
    return view.viewport().mapTo(view.window(), QPoint(0, top)).y()
