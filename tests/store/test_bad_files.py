"""Every file of ``scripts/make_bad_files.py`` imported: no crash, no hang, one clear message
per refused file naming it, and the store unchanged by every file that failed.

The corpus is made at test time (the large file at 20 MB rather than the script's 100 MB, the
zip bomb at 256 MB rather than 10 GB); docs/reliability.md has the full-size run.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.imports.pipeline import import_paths
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag

REPO_ROOT = Path(__file__).resolve().parents[2]


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    make_bad_files = load_script("make_bad_files")
    return make_bad_files.make_corpus(tmp_path_factory.mktemp("bad"), big_mb=20, bomb_mb=256)


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table, the search index's own tables included."""
    names = [
        row[0]
        for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if row[0] != "releases_fts"  # the virtual table; its shadow tables hold its rows
    ]
    return {
        name: sorted(store.conn.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        for name in names
    }


# A file that made a parser hang fails this test, not the whole run's time limit; a hang
# guard, not a speed target.
@pytest.mark.timeout(120)
def test_every_bad_file_is_refused_clearly_or_read_and_never_hurts_the_store(
    corpus, store: Store
) -> None:
    saved = save_release(
        store,
        ParsedRelease(
            title="Earlier work",
            identity="earlier-1",
            body_markdown=paragraphs_to_markdown(["The analyst's highlight must survive."]),
        ),
        None,
    )
    tag = create_tag(store, "Kept").created
    add_highlight_by_quote(store, saved.release_id, "analyst's highlight", tag_ids=[tag])
    for name, info in corpus.manifest.items():
        path = corpus.out / name
        before = dump(store)
        summary = import_paths(store, [path])
        messages = [s for s in summary.skipped]
        assert all(s.file == str(path) and s.reason.strip() for s in messages), name
        # A parser bug lands in the pipeline's catch-all ("could not be read (KeyError…)");
        # a bad file must be refused on purpose, in a sentence.
        assert not any(s.reason.startswith("could not be") for s in messages), (name, messages)
        refused = summary.imported + summary.updated + summary.unchanged == 0
        if info["expect"] == "refused":
            assert refused and len(messages) == 1, (name, summary)
        if refused:
            assert dump(store) == before, name
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    (kept,) = highlights_of_release(store, saved.release_id)
    assert kept.quote == "analyst's highlight" and [t.name for t in kept.tags] == ["Kept"]
    # No entity was ever expanded, whatever was imported.
    assert (
        store.conn.execute("SELECT count(*) FROM releases WHERE text LIKE '%lollol%'").fetchone()[0]
        == 0
    )
    refused = [n for n, i in corpus.manifest.items() if i["expect"] == "refused"]
    assert len(refused) >= 60


def test_size_depth_and_bombs_are_refused_for_what_they_are(corpus, store: Store) -> None:
    """Each parser fix of this issue, by the file that needed it."""
    reasons = {}
    for name in (
        "big-20mb.html",
        "nested.json",
        "nested-lines.jsonl",
        "nested-quotes.md",
        "nested-lists.md",
        "zip-bomb-256mb.qdpx",
        "zip-bomb-lying-header.qdpx",
    ):
        (skipped,) = import_paths(store, [corpus.out / name]).skipped
        reasons[name] = skipped.reason
    # A bulk file is read a record at a time: the deep record is the one refused.
    assert reasons["nested.json"].startswith(
        "no usable release (record 1: it is nested too deeply to be a release"
    )
    assert reasons["nested-lines.jsonl"] == (
        "no usable release (record 1: it is nested too deeply to be a release)"
    )
    assert reasons["nested-quotes.md"] == "its quotes or lists are nested more than 100 levels deep"
    assert reasons["nested-lists.md"] == reasons["nested-quotes.md"]
    assert "more than one release can be" in reasons["big-20mb.html"]
    assert "compresses suspiciously well" in reasons["zip-bomb-256mb.qdpx"]
    # Read no further than its header's 1 KB: the lie shows as a bad checksum, at once.
    assert "Bad CRC-32" in reasons["zip-bomb-lying-header.qdpx"]
