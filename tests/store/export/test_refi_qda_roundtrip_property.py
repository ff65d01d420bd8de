"""Property: any text, any passage, through .qdpx and back into a new store, unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.excerpts import ExcerptFilter, query_excerpts
from store.export import write_export
from store.highlights import add_highlight
from store.imports.refi_qda import import_refi
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.releases import get_release
from store.tags import create_tag

# Emoji (astral, joined, flags), astral CJK, combining marks, right-to-left script,
# Markdown's own characters and plain words.
PIECES = st.sampled_from(
    ["🇺🇦", "👩‍👩‍👧", "𠀋", "é", "e\u0301", "الأمن", "שלום", "*", "_", "#", "1.", "&", "<b>", '"']
)
WORDS = st.lists(
    st.one_of(PIECES, st.text("abcdefghij", min_size=1, max_size=8)), min_size=1, max_size=12
)
PARAGRAPHS = st.lists(WORDS.map(" ".join), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=PARAGRAPHS, data=st.data())
def test_any_passage_survives_export_and_import(paragraphs: list[str], data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        with Store(folder / "a.db") as store:
            parsed = ParsedRelease("Prop", paragraphs_to_markdown(paragraphs), identity="p" * 20)
            release_id = save_release(store, parsed, None).release_id
            text = get_release(store, release_id).text
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            if not text[start:end].strip():
                return
            tag = create_tag(store, "Τag ✓").created
            add_highlight(store, release_id, start, end, [tag], note=text[start:end])
            write_export(store, "qdpx", folder / "p.qdpx", ExcerptFilter())
            (before,) = query_excerpts(store)
        with Store(folder / "b.db") as new:
            result = import_refi(new, folder / "p.qdpx")
            assert result.problems == []
            (after,) = query_excerpts(new)
            assert get_release(new, after.release_id).text == text
            assert (after.start, after.end, after.quote, after.note) == (
                before.start,
                before.end,
                before.quote,
                before.note,
            )
            assert [t.name for t in after.tags] == ["Τag ✓"]


@pytest.mark.parametrize("tool", ["maxqda", "atlas.ti", "nvivo"])
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=PARAGRAPHS, data=st.data())
def test_any_passage_survives_each_tools_project(
    tool: str, paragraphs: list[str], data: st.DataObject
) -> None:
    """The same, through a project written for each tool (CRLF files, UTF-16 positions)."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        with Store(folder / "a.db") as store:
            parsed = ParsedRelease("Prop", paragraphs_to_markdown(paragraphs), identity="p" * 20)
            release_id = save_release(store, parsed, None).release_id
            text = get_release(store, release_id).text
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            if not text[start:end].strip():
                return
            add_highlight(store, release_id, start, end, [], note="")
            write_export(store, "qdpx", folder / "p.qdpx", ExcerptFilter(), for_tool=tool)
            (before,) = query_excerpts(store)
        with Store(folder / "b.db") as new:
            assert import_refi(new, folder / "p.qdpx").problems == []
            (after,) = query_excerpts(new)
            assert (after.start, after.end, after.quote) == (before.start, before.end, before.quote)
