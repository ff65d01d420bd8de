"""Where else a release's wording appears, on real releases: the State Department feeds and
the Swiss federal news, which share real wording across the two issuers, and a release of a
third issuer that repeats a State Department paragraph with a word changed."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from store.agreed_language import shared_wording
from store.attribution_upgrade import open_store
from store.db import Store
from store.fingerprint_upgrade import fingerprints_pending_from
from store.fingerprints import GUARANTEED_WORDS, words_of
from store.imports.pipeline import import_paths
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.reuse import ReuseError, where_else
from store.schema import MIGRATIONS
from tests.conftest import CORPUS
from tests.older_stores import as_of_version

FEEDS = CORPUS / "state-dept-feeds"
SWISS = CORPUS / "swiss-news" / "releases.jsonl"
GLOBAL_FUND = "Global Fund to Fight AIDS, Tuberculosis and Malaria"
RURITANIA = "Ministry of Foreign Affairs of Ruritania"


def _folded_words(text: str) -> list[str]:
    return [word.word for word in words_of(text)]


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every State Department release, and the Swiss releases in English (a part of the
    file, written beside the store)."""
    folder = tmp_path_factory.mktemp("reuse")
    english = [
        line
        for line in SWISS.read_text("utf-8").splitlines()
        if json.loads(line)["language"] == "en"
    ]
    (folder / "swiss-en.jsonl").write_text("\n".join(english) + "\n", "utf-8")
    db_path = folder / "store.db"
    with open_store(db_path) as store:
        summary = import_paths(store, [*sorted(FEEDS.glob("*.rss")), folder / "swiss-en.jsonl"])
        assert summary.imported > 400 and not summary.skipped
    return db_path


@pytest.fixture
def corpus(corpus_db: Path, tmp_path: Path):
    copy = tmp_path / "store.db"
    source = sqlite3.connect(corpus_db)
    target = sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    with open_store(copy) as store:
        yield store


def _release_holding(store: Store, words: str, issuer_like: str) -> int:
    (release_id,) = store.conn.execute(
        "SELECT r.id FROM releases r JOIN issuers i ON i.id = r.issuer_id "
        "WHERE r.text LIKE ? AND i.name LIKE ? ORDER BY r.id LIMIT 1",
        (f"%{words}%", f"%{issuer_like}%"),
    ).fetchone()
    return release_id


def test_real_wording_shared_by_the_state_department_and_the_swiss_is_found(corpus) -> None:
    state = _release_holding(corpus, GLOBAL_FUND, "State")
    passages = where_else(corpus, state, min_words=8)
    fund = [p for p in passages if GLOBAL_FUND.lower() in p.text.lower()]
    assert len(fund) == 1
    passage = fund[0]
    text = corpus.conn.execute("SELECT text FROM releases WHERE id = ?", (state,)).fetchone()[0]
    assert text[passage.start : passage.end] == passage.text
    assert passage.agreed  # two issuers: agreed language, not boilerplate
    swiss = [other for other in passage.elsewhere if "Swiss" in (other.issuer or "")]
    assert swiss and all(other.release_id != state for other in passage.elsewhere)
    for other in passage.elsewhere:
        (there,) = corpus.conn.execute(
            "SELECT text FROM releases WHERE id = ?", (other.release_id,)
        ).fetchone()
        assert there[other.start : other.end] == other.text
        if other.exact:
            assert _folded_words(other.text) == _folded_words(passage.text)
    dates = [other.date for other in passage.elsewhere]
    assert dates == sorted(dates)  # first appearance first


def test_a_spokesperson_line_is_the_issuers_own_boilerplate(corpus) -> None:
    release = _release_holding(corpus, "The below is attributable to Spokesperson", "State")
    passages = where_else(corpus, release)
    opening = next(p for p in passages if "attributable to" in p.text)
    assert not opening.agreed
    assert len(opening.elsewhere) >= 2
    assert {other.issuer for other in opening.elsewhere} == {opening.issuer}


def _quote_a_paragraph(store: Store, release_id: int, changed: str | None) -> tuple[int, str]:
    """A release of another issuer quoting the release's longest paragraph, its middle word
    replaced by ``changed`` (or word for word)."""
    (text,) = store.conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,)).fetchone()
    paragraph = max(text.split("\n\n"), key=len)
    words = paragraph.split(" ")
    assert len(words) > 2 * GUARANTEED_WORDS
    if changed:
        words[len(words) // 2] = changed
    quoted = " ".join(words)
    parsed = ParsedRelease(
        title="Joint statement",
        body_markdown=f"Our ministry joins this statement.\n\n{quoted}\n",
        date="2030-01-01",
        issuer=RURITANIA,
        identity="ruritania-joint-statement-0001",
    )
    return save_release(store, parsed, None).release_id, quoted


def test_wording_repeated_with_a_word_changed_is_one_changed_passage(corpus) -> None:
    original = _release_holding(corpus, "The below is attributable to Spokesperson", "State")
    quoting, quoted = _quote_a_paragraph(corpus, original, "resolutely")
    passages = where_else(corpus, quoting)
    here = [p for p in passages if any(o.release_id == original for o in p.elsewhere)]
    assert len(here) == 1
    other = next(o for o in here[0].elsewhere if o.release_id == original)
    assert not other.exact
    # The whole paragraph, across the changed word, from its first word to its last.
    assert quoted.startswith(here[0].text)
    assert _folded_words(here[0].text) == _folded_words(quoted)
    assert here[0].agreed
    assert "resolutely" not in other.text


def test_the_report_keeps_agreed_language_apart_from_boilerplate(corpus) -> None:
    original = _release_holding(corpus, "The below is attributable to Spokesperson", "State")
    quoting, quoted = _quote_a_paragraph(corpus, original, None)
    agreed = shared_wording(corpus, "agreed")
    mine = [r for r in agreed if quoted in r.passage.text or r.passage.text in quoted]
    assert len(mine) == 1  # reported once, where it first appeared
    assert mine[0].release_id != quoting
    assert RURITANIA in mine[0].issuers and "United States Department of State" in mine[0].issuers
    assert all(len(r.issuers) >= 2 for r in agreed)
    boilerplate = shared_wording(corpus, "boilerplate", min_releases=3)
    assert any("attributable to" in r.passage.text for r in boilerplate)
    assert all(len(r.issuers) == 1 and len(r.passage.elsewhere) >= 2 for r in boilerplate)


def test_a_passage_selected_finds_only_what_it_holds(corpus) -> None:
    state = _release_holding(corpus, GLOBAL_FUND, "State")
    (text,) = corpus.conn.execute("SELECT text FROM releases WHERE id = ?", (state,)).fetchone()
    at = (
        text.index("the " + GLOBAL_FUND)
        if "the " + GLOBAL_FUND in text
        else text.index(GLOBAL_FUND)
    )
    passages = where_else(corpus, state, 8, at, at + len(GLOBAL_FUND) + 4)
    assert passages and all(at <= p.start and p.end <= at + len(GLOBAL_FUND) + 4 for p in passages)


def test_a_revised_text_is_fingerprinted_again(corpus) -> None:
    original = _release_holding(corpus, "The below is attributable to Spokesperson", "State")
    quoting, quoted = _quote_a_paragraph(corpus, original, None)
    revised = ParsedRelease(
        title="Joint statement",
        body_markdown="Our ministry has nothing to add to any statement today, in any form.\n",
        date="2030-01-02",
        issuer=RURITANIA,
        identity="ruritania-joint-statement-0001",
    )
    assert save_release(corpus, revised, None).outcome == "updated"
    assert where_else(corpus, quoting) == []
    assert all(
        other.release_id != quoting for p in where_else(corpus, original) for other in p.elsewhere
    )


def test_a_store_from_before_fingerprints_is_fingerprinted_on_opening(corpus_db, tmp_path):
    copy = tmp_path / "older.db"
    source, target = sqlite3.connect(corpus_db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    before = target.execute(
        "SELECT hash, release_id FROM release_fingerprints ORDER BY 1, 2"
    ).fetchall()
    as_of_version(target, next(n for n, m in enumerate(MIGRATIONS) if "fingerprints" in m[0]))
    target.close()
    steps: list[tuple[int, int, str]] = []
    with open_store(copy, lambda *step: steps.append(step)) as store:
        assert steps[-1][0] == steps[-1][1] and any("wording" in step for *_, step in steps)
        assert fingerprints_pending_from(store.conn) == 0
        after = store.conn.execute(
            "SELECT hash, release_id FROM release_fingerprints ORDER BY 1, 2"
        ).fetchall()
    assert after == before


def test_an_unknown_release_or_too_short_a_passage_is_one_sentence(corpus) -> None:
    with pytest.raises(ReuseError, match="no release with id 999999"):
        where_else(corpus, 999999)
    with pytest.raises(ReuseError, match="at least 8 words"):
        where_else(corpus, 1, min_words=3)
