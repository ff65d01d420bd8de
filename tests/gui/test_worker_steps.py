"""A bulk tagging's undo and redo through the runner: written on a worker's connection, the
stack moved only once the write is committed, every other edit refused meanwhile, and a
write the store refuses leaving the highlights and the stack as they were."""

from __future__ import annotations

import sqlite3

import pytest

from gui.operations.bulk_coding import TagOccurrences
from gui.operations.highlights import AddHighlight, TopicChoice
from gui.operations.runner import Operations
from store.concordance import occurrence_places
from store.highlights import highlights_of_release
from store.parsed import ParsedRelease
from store.phrases import Phrase
from store.release_saving import save_release
from store.tags import create_tag

BODY = " ".join(f"Sanctions package {n} was agreed." for n in range(40))


@pytest.fixture
def ops(qapp, store) -> Operations:
    return Operations(store)


@pytest.fixture
def tagged(ops, store) -> tuple[int, TagOccurrences]:
    """A release whose forty "sanctions" were tagged in one bulk step."""
    parsed = ParsedRelease(title="Council", body_markdown=BODY, date="2024-01-02", source="T")
    release_id = save_release(store, parsed, None).release_id
    topic = create_tag(store, "Sanctions").created
    places = occurrence_places(store, Phrase.parse("sanctions"))
    step = TagOccurrences(places, TopicChoice((topic,)))
    assert ops.run(step)
    assert len(highlights_of_release(store, release_id)) == 40
    return release_id, step


@pytest.fixture
def write_lock(db_path):
    """Another connection holding the store's write lock until ``rollback()``."""
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.rollback()
    other.close()


def test_an_undo_is_written_on_a_worker_and_edits_wait_for_it(
    qtbot, ops, store, tagged, write_lock
) -> None:
    release_id, step = tagged
    said: list[str] = []
    ops.said.connect(lambda text, _ms: said.append(text))
    ops.undo()
    # The worker waits for the lock; the window's thread is free, and refuses other edits.
    assert ops.busy and ops.undo_stack.index() == 1
    assert len(highlights_of_release(store, release_id)) == 40
    assert not ops.run(AddHighlight(release_id, 0, 9, TopicChoice()))
    ops.undo()
    ops.redo()
    waiting = "waits: Undoing “Tag 40 occurrences”…"
    assert said[1:] == [f"{what} {waiting}" for what in ("Highlight passage", "Undo", "Redo")]
    assert len(highlights_of_release(store, release_id)) == 40
    write_lock.rollback()
    qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
    assert highlights_of_release(store, release_id) == []
    assert ops.undo_stack.index() == 0 and said[-1] == f"Undone: {step.text()}"
    ids = set(step.added)
    ops.redo()
    qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
    assert {h.id for h in highlights_of_release(store, release_id)} == ids


def test_an_undo_the_store_refuses_leaves_the_highlights_and_the_stack(
    qtbot, ops, store, tagged
) -> None:
    release_id, step = tagged
    reported: list[tuple[str, str]] = []
    ops.failed.connect(lambda title, message: reported.append((title, message)))
    # A real refusal halfway through the delete: the highlights before it are deleted
    # first, then the whole transaction is rolled back.
    last = max(step.added)
    store.conn.execute(
        f"CREATE TRIGGER kept_by_the_test BEFORE DELETE ON highlights WHEN old.id = {last} "
        "BEGIN SELECT RAISE(ABORT, 'this highlight is kept'); END"
    )
    ops.undo()
    qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
    assert len(highlights_of_release(store, release_id)) == 40
    assert ops.undo_stack.index() == 1
    [(title, message)] = reported
    assert title == "Undo: not done" and "this highlight is kept" in message
    store.conn.execute("DROP TRIGGER kept_by_the_test")
    ops.undo()
    qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
    assert highlights_of_release(store, release_id) == []
    ops.redo()
    qtbot.waitUntil(lambda: not ops.busy, timeout=15_000)
    assert {h.id for h in highlights_of_release(store, release_id)} == set(step.added)
