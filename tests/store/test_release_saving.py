"""Saving a batch of releases gives exactly what saving them one by one gives.

An import saves its files in batches (``save_releases``); revisions, repeats and releases
met twice in one file must come out as ``save_release`` makes them, release by release.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.highlights import add_highlight
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import ROWS_PER_STATEMENT, save_release, save_releases
from store.releases import ReleaseFilter, count_releases
from store.tags import create_tag

BODIES = [
    "Italy supports Ukraine.",
    "Italy firmly supports Ukraine.",
    "The ministers discussed sanctions and grain exports.",
    "Talks on the Western Balkans continue in Brussels.",
]


def _release(identity: str, body: int, date: str | None) -> ParsedRelease:
    return ParsedRelease(
        title=f"Readout {identity}",
        body_markdown=paragraphs_to_markdown([BODIES[body]]),
        date=date,
        source="MFA",
        identity=identity,
        raw=f'{{"id": "{identity}", "body": {body}}}',
        raw_format="json",
    )


releases = st.lists(
    st.builds(
        _release,
        identity=st.sampled_from(["a", "b", "c", "d"]),
        body=st.integers(0, len(BODIES) - 1),
        date=st.sampled_from([None, "2024-02-10"]),
    ),
    max_size=12,
)


def _with_history(path: Path) -> Store:
    """A store that already holds release "a" (with a highlight) and a revision of "b"."""
    store = Store(path)
    first = save_release(store, _release("a", 0, None), "old.json")
    tag = create_tag(store, "Ukraine").created
    add_highlight(store, first.release_id, 6, 14, [tag])
    save_release(store, _release("b", 0, None), "old.json")
    save_release(store, _release("b", 2, None), "old.json")
    return store


def _contents(store: Store) -> dict[str, list[tuple]]:
    """Everything saving writes, but the time stamps."""
    queries = {
        "releases": "SELECT id, identity, title, date, source, body_markdown, text, "
        "content_hash, origin_file, highlight_count FROM releases ORDER BY id",
        "versions": "SELECT id, release_id, title, text, content_hash, origin_file "
        "FROM release_versions ORDER BY id",
        "originals": "SELECT * FROM originals ORDER BY release_id",
        "highlights": 'SELECT id, release_id, start, "end", quote, orphaned FROM highlights',
        "search": "SELECT rowid FROM releases_fts WHERE releases_fts MATCH 'firmly OR grain' "
        "ORDER BY rowid",
    }
    return {name: store.conn.execute(sql).fetchall() for name, sql in queries.items()}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(batch=releases, cut=st.integers(0, 12))
def test_a_batch_saves_what_saving_one_by_one_saves(tmp_path_factory, batch, cut) -> None:
    folder = tmp_path_factory.mktemp("stores")
    with _with_history(folder / "one.db") as one, _with_history(folder / "batch.db") as many:
        singly = [save_release(one, parsed, "new.json") for parsed in batch]
        batched = save_releases(many, [(p, None) for p in batch[:cut]], "new.json")
        batched += save_releases(many, [(p, None) for p in batch[cut:]], "new.json")
        assert batched == singly
        assert _contents(many) == _contents(one)
        assert count_releases(many, ReleaseFilter()) == count_releases(one, ReleaseFilter())


def test_many_new_releases_span_several_statements_in_order(tmp_path) -> None:
    count = 2 * ROWS_PER_STATEMENT + 50
    batch = [(_release(f"r{n:04d}", n % len(BODIES), None), None) for n in range(count)]
    with Store(tmp_path / "s.db") as store:
        results = save_releases(store, batch, "big.json")
        ids = [row[0] for row in store.conn.execute("SELECT id FROM releases ORDER BY identity")]
        assert [r.release_id for r in results] == ids == list(range(1, count + 1))
        assert {r.outcome for r in results} == {"imported"}
        (originals,) = store.conn.execute("SELECT count(*) FROM originals").fetchone()
        assert originals == count


def test_a_batch_that_fails_leaves_the_store_as_it_was(tmp_path) -> None:
    # The bad record fails in the originals' insert, after its release and the others were
    # inserted by earlier statements of the same batch.
    good = [(_release(f"r{n}", 0, None), None) for n in range(ROWS_PER_STATEMENT + 5)]
    unformatted = ParsedRelease(title="T", body_markdown="Text.\n", raw_format=None)  # type: ignore[arg-type]
    with Store(tmp_path / "s.db") as store:
        save_release(store, _release("kept", 1, None), None)
        before = _contents(store)
        with pytest.raises(sqlite3.IntegrityError):
            save_releases(store, [*good, (unformatted, None)], "broken.json")
        assert _contents(store) == before
