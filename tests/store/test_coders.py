"""Coders: every highlight and codebook change carries the analyst who made it."""

from __future__ import annotations

from pathlib import Path

import pytest
from older_stores import codebook_before_coders, highlight_before_coders

import store.db as db_module
from store.bulk_coding import tag_places
from store.coder_names import CoderError, clean_coder, default_coder
from store.coders import list_coders, rename_coder
from store.db import Store
from store.highlights import (
    add_highlight,
    delete_highlight,
    get_highlight,
    highlights_of_release,
    restore_highlight,
)
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag, merge_tags, rename_tag

BODY = "The Ministers discussed sanctions against Russia and support for Ukraine."


def _release(store: Store) -> int:
    return save_release(store, ParsedRelease("Readout", BODY), None).release_id


def test_a_highlight_carries_the_session_coder_through_undo(store: Store) -> None:
    release_id = _release(store)
    store.coder = "Ana Petrović"
    made = add_highlight(store, release_id, 4, 13).created
    store.coder = "ben"
    highlight = get_highlight(store, made)
    assert highlight.coder == "Ana Petrović"
    delete_highlight(store, made)
    restore_highlight(store, highlight)  # undone by another session: still Ana's
    assert get_highlight(store, made).coder == "Ana Petrović"


def test_bulk_tagging_leaves_alone_only_what_the_same_coder_tagged(store: Store) -> None:
    release_id = _release(store)
    topic = create_tag(store, "Sanctions").created
    start = BODY.index("sanctions")
    place = (release_id, start, start + len("sanctions"))
    store.coder = "ana"
    assert len(tag_places(store, [place], [topic]).highlight_ids) == 1
    assert tag_places(store, [place], [topic]).already_tagged == 1
    store.coder = "ben"  # coding independently: Ana's highlight is not Ben's
    assert len(tag_places(store, [place], [topic]).highlight_ids) == 1
    assert sorted(h.coder for h in highlights_of_release(store, release_id)) == ["ana", "ben"]


def test_each_codebook_change_is_logged_with_its_coder(store: Store) -> None:
    store.coder = "ana"
    ukraine = create_tag(store, "Ukraine").created
    store.coder = "ben"
    rename_tag(store, ukraine, "Ukraine war")
    kyiv = create_tag(store, "Kyiv").created
    merge_tags(store, kyiv, ukraine)
    log = store.conn.execute(
        "SELECT tag_id, change, detail, coder FROM codebook_changes ORDER BY id"
    ).fetchall()
    assert log == [
        (ukraine, "created", "Ukraine", "ana"),
        (ukraine, "renamed", "Ukraine war", "ben"),
        (kyiv, "created", "Kyiv", "ben"),
        (kyiv, "merged", str(ukraine), "ben"),
    ]


def test_renaming_a_coder_joins_two_spellings(store: Store) -> None:
    release_id = _release(store)
    for coder in ("apetrovic", "Ana Petrović"):
        store.coder = coder
        add_highlight(store, release_id, 0, 3)
    rename_coder(store, "apetrovic", "Ana Petrović")
    assert [(c.name, c.highlights) for c in list_coders(store)] == [("Ana Petrović", 2)]
    with pytest.raises(CoderError, match="No highlight has the coder “nobody”"):
        rename_coder(store, "nobody", "Ana")


def test_highlights_of_an_older_store_have_no_coder_until_named(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_coders = next(
        number
        for number, statements in enumerate(db_module.MIGRATIONS)
        if any("codebook_changes" in statement for statement in statements)
    )
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", before_coders)
    codebook_before_coders(monkeypatch)
    with Store(db_path) as older:
        release_id = _release(older)
        highlight_before_coders(older, release_id, 4, 13, [create_tag(older, "Sanctions").created])
    monkeypatch.undo()
    with Store(db_path) as upgraded:
        assert [(c.name, c.label) for c in list_coders(upgraded)] == [("", "(no coder named)")]
        rename_coder(upgraded, "", "Ana")
        assert highlights_of_release(upgraded, release_id)[0].coder == "Ana"


def test_the_default_coder_is_named_by_the_environment_else_the_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COMMUNIQUE_CODER", "  Ana   Petrović ")
    assert default_coder() == "Ana Petrović"
    monkeypatch.setenv("COMMUNIQUE_CODER", "x" * 500)
    assert default_coder() == "x" * 80  # never refused: every session needs a name
    monkeypatch.delenv("COMMUNIQUE_CODER")
    assert default_coder()  # the system user's name, or "analyst"
    with pytest.raises(CoderError, match="needs a name"):
        clean_coder("   ")
