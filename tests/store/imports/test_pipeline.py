"""The import entry point over the real corpus: feeds, page dumps, bad files."""

from __future__ import annotations

import email.utils
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from store.canonical import canonical_text
from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.imports.pipeline import _Workers, import_paths
from store.ingest.sniff import PARSERS
from store.releases import (
    ReleaseFilter,
    count_releases,
    get_release,
    page_of_releases,
    release_versions,
)
from tests.conftest import CORPUS, SEED

FEEDS = CORPUS / "state-dept-feeds"


@pytest.fixture(scope="module")
def feed_store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("feeds") / "feeds.db"
    with Store(path) as store:
        summary = import_paths(store, [FEEDS])
        yield store, summary


def _manifest() -> dict[str, dict]:
    return json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))


def test_the_65_snapshots_give_exactly_405_releases(feed_store) -> None:
    store, summary = feed_store
    assert count_releases(store) == 405
    assert summary.imported == 405
    # manifest.json is not a feed: it is reported, not imported.
    assert [Path(s.file).name for s in summary.skipped] == ["manifest.json"]


def test_each_release_ends_with_its_latest_title_and_date(feed_store) -> None:
    store, _ = feed_store
    by_url = {r.url: r for r in page_of_releases(store, limit=1000)}
    for entry in _manifest().values():
        release = by_url[entry["link"]]
        published = email.utils.parsedate_to_datetime(entry["pubDate"])
        assert release.title == entry["title"]
        assert release.date == published.date().isoformat()


def test_the_13_revised_releases_end_as_their_latest_version(feed_store) -> None:
    store, summary = feed_store
    by_url = {r.url: r for r in page_of_releases(store, limit=1000)}
    revised = {e["link"]: e for e in _manifest().values() if len(e["versions"]) > 1}
    assert len(revised) == 13
    for link, entry in revised.items():
        latest_file = FEEDS / entry["last_seen_in"]
        (latest,) = [r for r in PARSERS["feed"](latest_file.read_bytes(), latest_file.name)[0]
                     if r.url == link]  # fmt: skip
        stored = get_release(store, by_url[link].id)
        assert (stored.title, stored.text) == (latest.title, canonical_text(latest.body_markdown))
    # Earlier texts are kept, not lost (one revision changed only markup the cleaner drops).
    with_history = [link for link in revised if release_versions(store, by_url[link].id)]
    assert len(with_history) >= 12


def test_reimporting_the_feeds_changes_nothing(feed_store) -> None:
    store, _ = feed_store
    again = import_paths(store, sorted(FEEDS.glob("*.rss")))
    assert (again.imported, again.updated) == (0, 0)
    assert again.unchanged == 650  # 65 snapshots of 10 items
    assert count_releases(store) == 405


def test_a_bad_file_is_reported_and_the_others_import(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "broken.rss").write_text("<rss><channel><item><title>Half", encoding="utf-8")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "empty.md").write_bytes(b"")
    summary = import_paths(store, [folder, tmp_path / "missing.txt"])
    assert summary.imported == 1
    reasons = {Path(s.file).name: s.reason for s in summary.skipped}
    assert set(reasons) == {"broken.rss", "binary.txt", "empty.md", "missing.txt"}
    assert all(reason.strip() for reason in reasons.values())
    (release,) = page_of_releases(store)
    assert release.date == "2022-11-25"


def test_a_revised_page_keeps_highlights_whose_quote_is_still_found(
    store: Store, tmp_path: Path
) -> None:
    page = tmp_path / "readout.txt"
    text = SEED.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    import_paths(store, [page])
    (release,) = page_of_releases(store)
    add_highlight_by_quote(store, release.id, "full independence and resilience of Ukraine")
    add_highlight_by_quote(store, release.id, "deescalate tension")
    page.write_text(text.replace("deescalate tension", "reduce tensions"), encoding="utf-8")
    summary = import_paths(store, [page])
    assert (summary.updated, summary.orphaned) == (1, 1)
    kept, lost = highlights_of_release(store, release.id)
    assert kept.quote == "full independence and resilience of Ukraine" and not kept.orphaned
    assert lost.quote == "deescalate tension" and lost.orphaned
    assert count_releases(store, ReleaseFilter(has_highlights=True)) == 1


def test_cancelling_keeps_whole_files_only(store: Store, tmp_path: Path) -> None:
    feeds = sorted(FEEDS.glob("*.rss"))[:3]
    asked = []

    def cancel_after_first() -> bool:
        asked.append(1)
        return len(asked) > 1

    summary = import_paths(store, feeds, should_cancel=cancel_after_first)
    assert summary.cancelled and summary.files == 1
    assert count_releases(store) == summary.imported == 10


@pytest.mark.skipif(not hasattr(os, "nice"), reason="this system has no process niceness")
def test_the_converting_processes_give_way_to_the_window() -> None:
    """Big files are converted by processes at a lower priority than the program importing,
    so the window's thread gets a core before them."""
    workers = _Workers()
    try:
        assert workers.pool().submit(os.nice, 0).result() > os.nice(0)
    finally:
        workers.shutdown()


def test_half_a_surrogate_pair_in_json_spoils_one_character_not_the_file(
    store: Store, tmp_path: Path
) -> None:
    # "\ud800" is valid JSON but no text can hold it; the sanitiser and SQLite refuse it.
    lines = [
        json.dumps({"title": "Before", "body": "<p>Fine.</p>", "id": "a"}),
        '{"title": "Half \\ud800 a pair", "id": "b",'
        ' "body": "<p>Lone \\udc00 half, \\ud83d\\ude00 whole.</p>"}',
        json.dumps({"title": "After", "body": "<p>Also fine.</p>", "id": "c"}),
    ]
    path = tmp_path / "releases.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = import_paths(store, [path])
    assert (summary.imported, summary.skipped) == (3, [])
    titles = {title: text for title, text in store.conn.execute("SELECT title, text FROM releases")}
    assert set(titles) == {"Before", "Half \ufffd a pair", "After"}
    assert titles["Half \ufffd a pair"] == "Lone \ufffd half, 😀 whole."


def _big_jsonl(path: Path) -> None:
    """Records over several pieces: bad lines, a release met again revised in a later
    piece, the same record twice, paragraphs with Markdown specials and entities."""
    lines = []
    for n in range(1, 301):
        body = f"<p>Statement {n} on sanctions &amp; *grain* exports.</p><p>Second [part].</p>"
        record = {"id": f"release-{n:04d}", "title": f"Statement {n}", "body": body}
        lines.append(json.dumps(record))
    lines[4] = '{"title": "Broken'  # record 5
    lines[199] = json.dumps({"id": "untitled", "body": "<p>No title.</p>"})  # record 200
    lines[249] = lines[9].replace("Second [part]", "A revised second part")  # record 10 again
    lines[279] = lines[19]  # record 20 again, unchanged
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_big_file_converted_in_pieces_imports_as_a_small_one(tmp_path, monkeypatch) -> None:
    from store.imports import pipeline

    _big_jsonl(tmp_path / "releases.jsonl")
    assert (tmp_path / "releases.jsonl").stat().st_size > 20 * 1500
    results = {}
    for way, smallest_big_file in (("whole", 10**9), ("pieces", 1)):
        monkeypatch.setattr(pipeline, "PARALLEL_MIN_BYTES", smallest_big_file)
        monkeypatch.setattr(pipeline, "CHUNK_BYTES", 1500)  # about twenty pieces
        with Store(tmp_path / f"{way}.db") as store:
            summary = import_paths(store, [tmp_path / "releases.jsonl"])
            rows = store.conn.execute(
                "SELECT id, identity, title, body_markdown, text, content_hash FROM releases "
                "ORDER BY id"
            ).fetchall()
            originals = store.conn.execute("SELECT * FROM originals ORDER BY 1").fetchall()
            versions = store.conn.execute("SELECT release_id, text FROM release_versions")
            results[way] = (asdict(summary), rows, originals, versions.fetchall())
    assert results["pieces"] == results["whole"]
    summary = results["pieces"][0]
    assert (summary["imported"], summary["updated"], summary["unchanged"]) == (296, 1, 1)
    assert [s["reason"].split(" (")[0] for s in summary["skipped"]] == [
        "record 5: not valid JSON",
        "record 200: no title",
    ]
