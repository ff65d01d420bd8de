"""Cleaning releases again from their originals: every format, highlights kept or orphaned."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli as communique
from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.imports.pipeline import import_paths
from store.reclean import reclean
from store.releases import get_release, page_of_releases, release_versions
from tests.conftest import CORPUS, SEED


def _import_samples(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    shutil.copy(sorted((CORPUS / "state-dept-feeds").glob("*.rss"))[0], folder / "feed.rss")
    (folder / "bulk.jsonl").write_text(
        json.dumps({"id": "n-1", "title": "Note", "source": "MFA", "text": "One. Two."}) + "\n",
        encoding="utf-8",
    )
    (folder / "note.md").write_text("# Readout\n\nThe *Minister* met.\n", encoding="utf-8")
    summary = import_paths(store, [folder])
    assert summary.imported == 13 and not summary.skipped


def test_recleaning_with_the_same_cleaners_changes_nothing(store: Store, tmp_path: Path) -> None:
    _import_samples(store, tmp_path)
    summary = reclean(store)
    assert (summary.updated, summary.unchanged, summary.skipped) == (0, 13, [])


def test_an_improved_cleaner_gives_a_new_version_and_highlights_follow(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    _import_samples(store, tmp_path)
    (seed,) = [r for r in page_of_releases(store, limit=50) if r.date == "2022-11-25"]
    kept = add_highlight_by_quote(store, seed.id, "southern flank").created
    lost = add_highlight_by_quote(store, seed.id, "Today, the Deputy Prime Minister").created
    # A "better" cleaner that also drops the opening paragraph.
    from store.ingest import page_text, sniff

    original = page_text.parse_page_text

    def trimmed(text: str, filename: str = ""):
        parsed = original(text, filename)
        body = parsed.body_markdown.split("\n\n", 1)[1]
        return replace(parsed, body_markdown=body)

    monkeypatch.setattr(sniff, "parse_page_text", trimmed)
    summary = reclean(store, [seed.id])
    assert (summary.updated, summary.orphaned) == (1, 1)
    release = get_release(store, seed.id)
    assert release.text.startswith("The conversation focused")
    assert len(release_versions(store, seed.id)) == 1
    by_id = {h.id: h for h in highlights_of_release(store, seed.id)}
    assert release.text[by_id[kept].start : by_id[kept].end] == "southern flank"
    assert by_id[lost].orphaned


def test_the_reclean_command_reports_in_json(db_path: Path, tmp_path: Path) -> None:
    with Store(db_path) as store:
        _import_samples(store, tmp_path)
    result = CliRunner().invoke(communique, ["--db", str(db_path), "reclean", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "updated": 0,
        "unchanged": 13,
        "orphaned": 0,
        "skipped": [],
    }
