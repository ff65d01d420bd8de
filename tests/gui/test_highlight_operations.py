"""Highlight operations through the runner: one step each, undone and redone in the store."""

from __future__ import annotations

import pytest

from gui.operations.highlights import AddHighlight, RetagHighlight, TopicChoice
from gui.operations.runner import Operations
from store.highlights import get_highlight, highlights_of_release
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag, find_tag

BODY = "Ministers discussed Ukraine. They spoke of sanctions. Energy security came last."


@pytest.fixture
def ops(qapp, store) -> Operations:
    return Operations(store)


@pytest.fixture
def release_id(store) -> int:
    parsed = ParsedRelease(title="Council", body_markdown=BODY, date="2024-01-02", source="T")
    return save_release(store, parsed, None).release_id


def test_a_highlight_with_a_new_topic_is_one_step_of_undo(ops, store, release_id) -> None:
    ukraine = create_tag(store, "Ukraine").created
    seen: list = []
    ops.bus.changed.connect(seen.append)
    operation = AddHighlight(release_id, 20, 27, TopicChoice((ukraine,), ("Arctic council",)))
    assert ops.run(operation)
    arctic = find_tag(store, "Arctic council")
    highlight = get_highlight(store, operation.highlight_id)
    assert highlight.quote == "Ukraine"
    assert sorted(t.name for t in highlight.tags) == ["Arctic council", "Ukraine"]
    assert seen[-1].tags and seen[-1].highlights == {release_id}
    assert ops.undo_stack.count() == 1
    ops.undo_stack.undo()
    assert highlights_of_release(store, release_id) == []
    assert find_tag(store, "Arctic council") is None
    assert find_tag(store, "Ukraine") is not None  # only what the step created goes
    ops.undo_stack.redo()
    again = get_highlight(store, operation.highlight_id)
    assert find_tag(store, "Arctic council").id == arctic.id
    assert sorted(t.name for t in again.tags) == ["Arctic council", "Ukraine"]


def test_a_name_that_exists_is_taken_not_created_nor_deleted_on_undo(ops, store, release_id):
    sanctions = create_tag(store, "Sanctions").created
    made = AddHighlight(release_id, 0, 9, TopicChoice())
    ops.run(made)
    ops.run(RetagHighlight(made.highlight_id, TopicChoice((), ("sanctions",))))
    assert [t.id for t in get_highlight(store, made.highlight_id).tags] == [sanctions]
    ops.undo_stack.undo()
    assert get_highlight(store, made.highlight_id).tags == ()
    assert find_tag(store, "Sanctions").id == sanctions


def test_a_refusal_is_reported_once_and_leaves_nothing(ops, store, release_id) -> None:
    told: list[tuple[str, str]] = []
    ops.failed.connect(lambda title, message: told.append((title, message)))
    assert not ops.run(AddHighlight(release_id, 5, 500, TopicChoice((), ("New topic",))))
    assert len(told) == 1 and told[0][0].startswith("Highlight passage")
    assert find_tag(store, "New topic") is None
    assert ops.undo_stack.count() == 0
