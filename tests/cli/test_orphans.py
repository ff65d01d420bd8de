"""``communique orphans``: highlights that lost their place, listed for people and scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.db import Store
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag


def release(*paragraphs: str) -> ParsedRelease:
    return ParsedRelease(
        title="Readout", body_markdown=paragraphs_to_markdown(list(paragraphs)), identity="g-1"
    )


@pytest.fixture
def orphan(db_path: Path) -> tuple[int, int]:
    """A release revised so that one of its two highlights lost its words."""
    with Store(db_path) as store:
        store.coder = "ana"
        saved = save_release(store, release("Italy supports Ukraine.", "Sanctions stay."), None)
        tag = create_tag(store, "Sanctions").created
        add_highlight_by_quote(store, saved.release_id, "supports Ukraine")
        lost = add_highlight_by_quote(
            store, saved.release_id, "Sanctions stay", tag_ids=[tag], note="check"
        )
        save_release(store, release("Italy supports Ukraine.", "Talks continue."), None)
    return saved.release_id, lost.created


def test_orphans_json_lists_each_orphan_with_its_quote_tags_and_note(run, orphan) -> None:
    release_id, highlight_id = orphan
    code, out, _ = run("orphans", "--json")
    assert code == 0
    assert json.loads(out) == [
        {
            "id": highlight_id,
            "release_id": release_id,
            "quote": "Sanctions stay",
            "tags": ["Sanctions"],
            "note": "check",
            "coder": "ana",
        }
    ]
    code, out, _ = run("show", "--json", str(release_id))
    assert [h["quote"] for h in json.loads(out)["highlights"]] == ["supports Ukraine"]


def test_orphans_as_text_name_the_release_quote_and_tags(run, orphan) -> None:
    release_id, highlight_id = orphan
    code, out, _ = run("orphans")
    assert code == 0
    assert (
        out.strip()
        == f"#{highlight_id} in release {release_id} Sanctions: “Sanctions stay”  (check)"
    )


def test_no_orphans(run, db_path: Path) -> None:
    Store(db_path).close()
    code, out, err = run("orphans", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run("orphans")
    assert (code, out) == (0, "")
    assert "No highlight has lost its place." in err
