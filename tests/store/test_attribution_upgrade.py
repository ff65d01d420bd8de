"""A store from before issuers: its releases get issuers, speakers and countries found again
from their kept originals when it is opened, announced as a step, resumable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from older_stores import save_before_issuers

import store.db as db_module
from store.attribution_upgrade import STEP, open_store, pending_from
from store.db import Store
from store.fingerprint_upgrade import STEP as FINGERPRINT_STEP
from store.ingest.sniff import PARSERS
from store.releases import get_release
from store.statement_upgrade import STEP as GROUPS_STEP

FEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "state-dept-feeds"


@pytest.fixture
def older_store(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A schema-7 store holding the State Department feed's releases of three snapshots,
    saved as that version saved them (the author as "source")."""
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", 7)
    with Store(db_path) as store:
        for feed in sorted(FEEDS.glob("*.rss"))[:3]:
            releases, _ = PARSERS["feed"](feed.read_bytes(), feed.name)
            for parsed in releases:
                save_before_issuers(store, parsed, str(feed))
    monkeypatch.undo()
    return db_path


def test_opening_an_older_store_finds_each_issuer_and_speaker_as_one_step(
    older_store: Path,
) -> None:
    steps: list[tuple[int, int, str]] = []
    with open_store(older_store, lambda *step: steps.append(step)) as store:
        # Then the wording's fingerprints, the step that schema 9 brought, and the grouping
        # of language versions that statement groups brought.
        assert steps[-3] == (len(steps) - 2, len(steps), STEP)
        assert steps[-2] == (len(steps) - 1, len(steps), FINGERPRINT_STEP)
        assert steps[-1] == (len(steps), len(steps), GROUPS_STEP)
        assert [total for _, total, _ in steps] == [len(steps)] * len(steps)
        manifest = json.loads((FEEDS / "manifest.json").read_text("utf-8"))
        rows = store.conn.execute("SELECT id, url FROM releases").fetchall()
        assert rows
        issuers, speakers_right = set(), 0
        for release_id, url in rows:
            release = get_release(store, release_id)
            issuers.add(release.issuer)
            truth = next(v for v in manifest.values() if v["link"] == url)
            speakers_right += release.speaker == truth["creator"]
        assert len(issuers) == 1 and None not in issuers
        assert speakers_right == len(rows)
        assert pending_from(store.conn) == 0


def test_an_upgrade_cut_short_resumes_when_the_store_is_opened_again(
    older_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.attribution_upgrade as upgrade

    monkeypatch.setattr(upgrade, "CHUNK", 7)
    calls = {"n": 0}
    real = upgrade._derive

    def stop_in_the_second_chunk(*args: object) -> None:
        calls["n"] += 1
        if calls["n"] == 10:
            raise KeyboardInterrupt
        real(*args)

    monkeypatch.setattr(upgrade, "_derive", stop_in_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        open_store(older_store)
    monkeypatch.setattr(upgrade, "_derive", real)
    with Store(older_store) as store:
        left = pending_from(store.conn)
        total = store.conn.execute("SELECT max(id) FROM releases").fetchone()[0]
        assert 0 < left == total - 7  # the first chunk was kept, the second undone whole
    steps: list[tuple[int, int, str]] = []
    with open_store(older_store, lambda *step: steps.append(step)) as store:
        assert steps == [(1, 3, STEP), (2, 3, FINGERPRINT_STEP), (3, 3, GROUPS_STEP)]
        assert store.conn.execute(
            "SELECT count(*) FROM releases WHERE issuer_id IS NULL"
        ).fetchone() == (0,)


def test_a_new_store_has_nothing_to_go_over(db_path: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    with open_store(db_path, lambda *step: steps.append(step)) as store:
        assert pending_from(store.conn) == 0
    assert STEP not in [what for *_, what in steps]
