"""Merging a colleague's store: releases matched by identity or content, topics by name,
highlights by release, offsets and coder — never duplicated, never dropped, undoable."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from store.db import Store
from store.highlights import add_highlight_by_quote, highlights_of_release
from store.imports.pipeline import import_paths
from store.merge import MergeError, merge_store, preview_merge, undo_merge
from store.releases import count_releases
from store.tags import create_tag, find_tag, recolour_tag, rename_tag
from tests.conftest import CORPUS

SWISS = CORPUS / "swiss-news" / "releases.jsonl"
FEEDS = CORPUS / "state-dept-feeds"


def _part_of_swiss(folder: Path, name: str, languages: tuple[str, ...], count: int) -> Path:
    lines = [
        line
        for line in SWISS.read_text("utf-8").splitlines()
        if json.loads(line)["language"] in languages
    ][:count]
    path = folder / name
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


@pytest.fixture
def two_stores(tmp_path: Path) -> tuple[Path, Path]:
    """Ana's store (English and German releases) and Ben's (English and French): they share
    the English ones, each imported from their own copy of the file."""
    ana, ben = tmp_path / "ana.db", tmp_path / "ben.db"
    for path, coder, languages in ((ana, "ana", ("en", "de")), (ben, "ben", ("en", "fr"))):
        with Store(path) as store:
            store.coder = coder
            part = _part_of_swiss(tmp_path, f"{coder}.jsonl", languages, 40)
            assert not import_paths(store, [part]).skipped
    return ana, ben


def _first_english(store: Store) -> int:
    (release_id,) = store.conn.execute(
        "SELECT id FROM releases WHERE language = 'en' ORDER BY identity LIMIT 1"
    ).fetchone()
    return release_id


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_merge_brings_their_releases_topics_and_highlights_once(two_stores) -> None:
    ana_path, ben_path = two_stores
    with Store(ben_path) as ben:
        ben.coder = "ben"
        switzerland = create_tag(ben, "Switzerland", "#cc0000", description="Swiss policy").created
        shared = _first_english(ben)
        add_highlight_by_quote(ben, shared, "Switzerland", tag_ids=[switzerland], note="ben's")
        theirs = count_releases(ben)
    before = _digest(ben_path)
    with Store(ana_path) as ana:
        ana.coder = "ana"
        mine = count_releases(ana)
        shared_here = _first_english(ana)
        add_highlight_by_quote(ana, shared_here, "Switzerland")  # Ana's own, untagged
        result = merge_store(ana, ben_path)
        english = ana.conn.execute(
            "SELECT count(*) FROM releases WHERE language = 'en'"
        ).fetchone()[0]
        assert count_releases(ana) == mine + theirs - english + 0  # the shared ones once
        assert len(result.releases_added) == theirs - result.releases_matched
        assert find_tag(ana, "Switzerland").colour == "#cc0000"
        coders = sorted(h.coder for h in highlights_of_release(ana, shared_here))
        assert coders == ["ana", "ben"]  # same passage, two coders: both kept
        (bens,) = [h for h in highlights_of_release(ana, shared_here) if h.coder == "ben"]
        assert ([t.name for t in bens.tags], bens.note) == (["Switzerland"], "ben's")
        again = merge_store(ana, ben_path)
        assert again.adds_nothing and count_releases(ana) == mine + theirs - english
    assert _digest(ben_path) == before  # the colleague's store is only read


def test_what_differs_in_the_codebook_is_listed_not_taken(two_stores) -> None:
    ana_path, ben_path = two_stores
    for path in two_stores:
        with Store(path) as store:
            create_tag(store, "Sanctions", "#336699")
            create_tag(store, "Neutrality", "#22aa55")
    with Store(ben_path) as ben:
        recolour_tag(ben, find_tag(ben, "Sanctions").id, "#ff0000")
        rename_tag(ben, find_tag(ben, "Neutrality").id, "Swiss neutrality")
    with Store(ana_path) as ana:
        result = merge_store(ana, ben_path)
        kinds = {conflict.kind: conflict.message for conflict in result.conflicts}
        assert "#ff0000" in kinds["topic-colour"] and "#336699" in kinds["topic-colour"]
        assert "“Neutrality” was renamed “Swiss neutrality”" in kinds["topic-renamed"]
        assert find_tag(ana, "Sanctions").colour == "#336699"
        assert find_tag(ana, "Swiss neutrality") is None and result.tags_added == []


def test_the_preview_writes_nothing_and_undo_takes_away_exactly_the_merge(two_stores) -> None:
    ana_path, ben_path = two_stores
    with Store(ben_path) as ben:
        ben.coder = "ben"
        topic = create_tag(ben, "Switzerland").created
        add_highlight_by_quote(ben, _first_english(ben), "Switzerland", tag_ids=[topic])
    with Store(ana_path) as ana:
        tables = ("releases", "highlights", "highlight_tags", "tags", "release_fingerprints")

        def counts() -> list[int]:
            return [ana.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables]

        before = counts()
        preview = preview_merge(ana, ben_path)
        assert counts() == before
        result = merge_store(ana, ben_path)
        assert (len(result.releases_added), len(result.highlights_added)) == (
            len(preview.releases_added),
            len(preview.highlights_added),
        )
        assert counts() != before
        undo_merge(ana, result)
        assert counts() == before


def test_a_release_with_another_text_keeps_ours_and_places_their_highlights(
    tmp_path: Path,
) -> None:
    feeds = sorted(FEEDS.glob("*.rss"))
    manifest = json.loads((FEEDS / "manifest.json").read_text("utf-8"))
    revised_in = min(
        entry["last_seen_in"] for entry in manifest.values() if len(entry["versions"]) > 1
    )
    ana_path, ben_path = tmp_path / "ana.db", tmp_path / "ben.db"
    with Store(ana_path) as ana:  # the snapshots before the first revision's
        import_paths(ana, [feed for feed in feeds if feed.name < revised_in])
    with Store(ben_path) as ben:
        import_paths(ben, feeds)  # later snapshots: revised releases among them
        revised = ben.conn.execute(
            "SELECT r.id, r.identity FROM releases r WHERE EXISTS (SELECT 1 FROM "
            "release_versions v WHERE v.release_id = r.id) ORDER BY r.id"
        ).fetchall()
        assert revised
    with Store(ana_path) as ana:
        texts = dict(ana.conn.execute("SELECT identity, text FROM releases"))
    with Store(ben_path) as ben:
        newer = dict(ben.conn.execute("SELECT identity, text FROM releases"))
    on_both = [
        (rid, identity)
        for rid, identity in revised
        if identity in texts and texts[identity] != newer[identity]
    ]
    assert on_both, "a release Ana holds in an earlier version"
    with Store(ben_path) as ben:
        ben.coder = "ben"
        release_id, identity = on_both[0]
        text = ben.conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,))
        words = text.fetchone()[0].split()[:6]  # the opening, which the revision kept
        made = add_highlight_by_quote(ben, release_id, " ".join(words)).created
        (bens,) = [h for h in highlights_of_release(ben, release_id) if h.id == made]
    assert " ".join(words[:3]) in texts[identity]
    with Store(ana_path) as ana:
        result = merge_store(ana, ben_path)
        assert any(c.kind == "release-text" for c in result.conflicts)
        (ours,) = ana.conn.execute("SELECT id FROM releases WHERE identity = ?", (identity,))
        placed = [h for h in highlights_of_release(ana, ours[0]) if h.coder == "ben"]
        assert [h.quote for h in placed] == [bens.quote], result.conflicts


def test_what_cannot_be_merged_is_one_sentence(tmp_path: Path, store: Store) -> None:
    with pytest.raises(MergeError, match="is not a file"):
        merge_store(store, tmp_path / "missing.db")
    other = tmp_path / "notes.txt"
    other.write_text("not a store", "utf-8")
    with pytest.raises(MergeError, match="notes.txt"):
        merge_store(store, other)
    with pytest.raises(MergeError, match="the store itself"):
        merge_store(store, store.path)
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t(x)").connection.close()
    with pytest.raises(MergeError, match="foreign.db"):
        merge_store(store, foreign)


def test_merged_releases_keep_their_identity_text_and_facts_across_batches(
    two_stores, monkeypatch
) -> None:
    """Their releases come in batches; each merged release is theirs as their store holds
    it (identity, text, countries, fingerprints), so merging back matches every one by
    identity, and a highlight on a release of any batch arrives."""
    from store import merge

    monkeypatch.setattr(merge, "RELEASES_PER_BATCH", 7)  # several batches of their 80
    ana_path, ben_path = two_stores
    with Store(ben_path) as ben:
        ben.coder = "ben"
        topic = create_tag(ben, "Switzerland").created
        (last,) = ben.conn.execute("SELECT max(id) FROM releases").fetchone()
        add_highlight_by_quote(ben, last, ben.conn.execute(
            "SELECT substr(text, 1, 20) FROM releases WHERE id = ?", (last,)
        ).fetchone()[0], tag_ids=[topic])  # fmt: skip

        def facts(store: Store) -> dict[str, tuple]:
            rows = store.conn.execute(
                "SELECT r.identity, r.text, "
                "(SELECT group_concat(country) FROM (SELECT country FROM release_countries "
                " WHERE release_id = r.id ORDER BY country)), "
                "(SELECT count(*) FROM release_fingerprints WHERE release_id = r.id) "
                "FROM releases r"
            )
            return {row[0]: row[1:] for row in rows}

        bens = facts(ben)
    with Store(ana_path) as ana:
        result = merge_store(ana, ben_path)
        ours = facts(ana)
        assert all(ours[identity] == held for identity, held in bens.items())
        assert result.highlights_by_coder == {"ben": 1}
    with Store(ben_path) as ben:
        back = merge_store(ben, ana_path)
        assert back.releases_matched == len(bens)
        assert not [c for c in back.conflicts if c.kind == "release-text"]
