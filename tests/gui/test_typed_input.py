"""Anything typed into the search box and the filters, or given to ``communique search``:
FTS5 syntax, quotes, NUL bytes, very long input, any script. Never an exception.

The store's search has its own property test (``test_releases``); here the strings go
through the real widgets, the debounce and the list model, as typing does.
"""

from __future__ import annotations

import json
import string
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit

from cli.main import cli as communique

PIECES = [
    '"', "'", "*", "NEAR(", "NEAR/2", "(", ")", "AND", "OR", "NOT", "^", ":", "title:", "text:",
    "{title text}:", "-", "+", "\x00", "\\", "%", "_", '""', "''", "NATO", "Ukraine", "𠀋",
    "🇺🇦", "الأمن", "e\u0301", "\u200f", "\r\n", "\t", ";", "--", "/*", "DROP TABLE releases;",
    "sécurité", "日本語", "\ufeff", "\u2028",
]  # fmt: skip
typed = st.one_of(
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)), max_size=12).map("".join),
    st.text(max_size=300),
    st.builds(
        lambda piece, n: piece * n, st.sampled_from([*PIECES, "word "]), st.integers(1, 5000)
    ),
)
TYPING = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Keys QTest can type (it aborts on others); any other text is pasted.
KEYS = string.ascii_letters + string.digits + string.punctuation + " "
# The typed filter fields of the window: the release search and the codebook filter.
FILTER_FIELDS = ("searchBox", "tagFilter")


@pytest.fixture
def fields(window) -> list[QLineEdit]:
    found = [window.findChild(QLineEdit, name) for name in FILTER_FIELDS]
    assert None not in found
    return found


@TYPING
@given(text=typed, enter=st.booleans())
def test_anything_typed_into_search_and_filters_is_taken(
    qtbot, window, fields, text: str, enter: bool
) -> None:
    search = fields[0]
    if search.text() == text:
        search.setText(text + "x")  # the box must change for its debounce to start
    with qtbot.captureExceptions() as raised:
        # The list is queried when the typing pauses (the debounce) or at once on Enter.
        with qtbot.waitSignal(window.filters.filterChanged, timeout=2000):
            for field in fields:
                field.setText(text)
            if enter:
                qtbot.keyClick(search, Qt.Key.Key_Return)
        if window.model.rowCount():
            window.model.index(0, 2).data()
    assert not raised, raised


@TYPING
@given(keys=st.text(alphabet=KEYS, max_size=20), pasted=st.text(max_size=40))
def test_anything_typed_into_the_date_filters_is_taken(
    qtbot, window, keys: str, pasted: str
) -> None:
    edits = window.filters.findChildren(QDateEdit)
    assert len(edits) == 2
    with qtbot.captureExceptions() as raised:
        for edit in edits:
            line = edit.findChild(QLineEdit)
            line.selectAll()
            qtbot.keyClicks(edit, keys)  # QTest types ASCII keys only
            line.selectAll()
            line.insert(pasted)  # what pasting or an input method does
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        window.model.rowCount()
    assert not raised, raised


@TYPING
@given(text=typed)
def test_anything_given_to_the_search_command_is_taken(filled_db: Path, text: str) -> None:
    # "--" ends the options, as a script passing any text must write it ("-Ukraine").
    args = ["--db", str(filled_db), "search", "--json", "--", text]
    result = CliRunner().invoke(communique, args)
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
