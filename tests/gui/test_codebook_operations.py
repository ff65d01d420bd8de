"""Codebook operations: each redo and undo is a real change in the store, announced."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from gui.bus import ChangeBus
from gui.operations.codebook import (
    CreateTag,
    DeleteTag,
    DescribeTag,
    MergeTags,
    MoveTag,
    RecolourTag,
    RenameTag,
)
from gui.operations.runner import Operations
from store.highlights import add_highlight_by_quote, get_highlight
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag, find_tag, get_tag, list_tags

BODY = "Ministers discussed Ukraine. They spoke of sanctions. Energy security came last."


@pytest.fixture
def ops(qapp, store) -> Operations:
    return Operations(store)


@pytest.fixture
def bus(ops) -> ChangeBus:
    return ops.bus


@pytest.fixture
def stack(ops) -> QUndoStack:
    return ops.undo_stack


@pytest.fixture
def announced(bus: ChangeBus) -> list:
    seen: list = []
    bus.changed.connect(seen.append)
    return seen


def _run(ops: Operations, operation) -> str | None:
    """Run an operation as the window does; its refusal, if any."""
    ops.run(operation)
    return operation.error


def _release(store) -> int:
    parsed = ParsedRelease(title="Council", body_markdown=BODY, date="2024-01-02", source="T")
    return save_release(store, parsed, None).release_id


def _tag(store, name: str, parent_id: int | None = None) -> int:
    return create_tag(store, name, parent_id=parent_id).created


def _tag_names(store, highlight_id: int) -> set[str]:
    return {t.name for t in get_highlight(store, highlight_id).tags}


def test_create_undo_redo_keeps_the_same_id(ops, store, bus, stack, announced):
    command = CreateTag("Ukraine")
    assert _run(ops, command) is None
    tag_id = command.tag_id
    assert get_tag(store, tag_id).name == "Ukraine"
    stack.undo()
    assert get_tag(store, tag_id) is None
    stack.redo()
    assert get_tag(store, tag_id).name == "Ukraine"
    assert len(announced) == 3 and all(c.tags for c in announced)


def test_rename_recolour_describe_round_trip(ops, store, bus, stack):
    tag_id = _tag(store, "Sanctions")
    _run(ops, RenameTag(get_tag(store, tag_id), "Sanctions regime"))
    _run(ops, RecolourTag(get_tag(store, tag_id), "#123456"))
    _run(ops, DescribeTag(get_tag(store, tag_id), "Restrictive measures"))
    tag = get_tag(store, tag_id)
    assert (tag.name, tag.colour, tag.description) == (
        "Sanctions regime",
        "#123456",
        "Restrictive measures",
    )
    stack.undo()
    stack.undo()
    stack.undo()
    tag = get_tag(store, tag_id)
    assert (tag.name, tag.colour != "#123456", tag.description) == ("Sanctions", True, "")
    stack.redo()
    assert get_tag(store, tag_id).name == "Sanctions regime"


def test_a_refused_rename_is_reported_and_not_stacked(ops, store, bus, stack):
    _tag(store, "Ukraine")
    other = _tag(store, "Kosovo")
    error = _run(ops, RenameTag(get_tag(store, other), "ukraine"))
    assert "already exists" in error
    assert stack.count() == 0
    assert get_tag(store, other).name == "Kosovo"


def test_move_and_undo(ops, store, bus, stack):
    balkans = _tag(store, "Western Balkans")
    kosovo = _tag(store, "Kosovo")
    _run(ops, MoveTag(get_tag(store, kosovo), balkans))
    assert get_tag(store, kosovo).parent_id == balkans
    stack.undo()
    assert get_tag(store, kosovo).parent_id is None
    error = _run(ops, MoveTag(get_tag(store, balkans), balkans))
    assert error and get_tag(store, balkans).parent_id is None


def test_delete_keeps_highlights_and_undo_restores_links_and_children(ops, store, bus, stack):
    release = _release(store)
    energy = _tag(store, "Energy")
    gas = _tag(store, "Gas", parent_id=energy)
    highlight = add_highlight_by_quote(store, release, "Energy security", tag_ids=[energy]).created
    _run(ops, DeleteTag(get_tag(store, energy)))
    assert find_tag(store, "Energy") is None
    assert get_highlight(store, highlight) is not None and _tag_names(store, highlight) == set()
    assert get_tag(store, gas).parent_id is None
    stack.undo()
    assert _tag_names(store, highlight) == {"Energy"}
    assert get_tag(store, gas).parent_id == energy
    stack.redo()
    assert find_tag(store, "Energy") is None


def test_merge_and_undo_restore_exactly_the_links_before(ops, store, bus, stack, announced):
    release = _release(store)
    russia = _tag(store, "Russia sanctions")
    sanctions = _tag(store, "Sanctions")
    child = _tag(store, "Oil price cap", parent_id=russia)
    only_source = add_highlight_by_quote(store, release, "Ukraine", tag_ids=[russia]).created
    both = add_highlight_by_quote(store, release, "sanctions", tag_ids=[russia, sanctions]).created
    only_target = add_highlight_by_quote(store, release, "Energy", tag_ids=[sanctions]).created

    _run(ops, MergeTags(get_tag(store, russia), get_tag(store, sanctions)))
    assert get_tag(store, russia) is None
    assert _tag_names(store, only_source) == {"Sanctions"}
    assert _tag_names(store, both) == {"Sanctions"}
    assert get_tag(store, child).parent_id == sanctions
    assert release in announced[-1].highlights

    stack.undo()
    assert _tag_names(store, only_source) == {"Russia sanctions"}
    assert _tag_names(store, both) == {"Russia sanctions", "Sanctions"}
    assert _tag_names(store, only_target) == {"Sanctions"}
    assert get_tag(store, child).parent_id == russia
    assert [t.name for t in list_tags(store)] == ["Oil price cap", "Russia sanctions", "Sanctions"]

    stack.redo()
    assert get_tag(store, russia) is None and _tag_names(store, only_source) == {"Sanctions"}
