"""Re-importing the 65 shared State Department feed snapshots in order, one file at a time,
with highlights made on the early versions of the releases that were later revised: every
highlight ends on the same words in the latest text, or orphaned where those words are gone.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

import pytest
from rapidfuzz.distance import Levenshtein

from store.anchoring import MAX_ERROR_RATE
from store.db import Store
from store.highlights import Highlight, add_highlight, get_highlight
from store.imports.pipeline import import_paths
from store.releases import get_release, release_versions
from tests.conftest import CORPUS

FEEDS = CORPUS / "state-dept-feeds"
_FIRST_SENTENCE = re.compile(r"\S.*?[.!?](?=\s|$)|\S.*", re.DOTALL)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Made:
    """A highlight as it was made on an early text."""

    id: int
    release_id: int
    quote: str


@dataclass(frozen=True)
class Outcome:
    made: Made
    now: Highlight
    latest_text: str


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _passages(text: str, rng: random.Random) -> list[tuple[int, int]]:
    """Each paragraph's first sentence, and a few random spans of two to eight words."""
    spans = []
    at = 0
    for paragraph in text.split("\n\n"):
        found = _FIRST_SENTENCE.search(paragraph)
        if found and len(found.group().strip()) > 3:
            spans.append((at + found.start(), at + found.start() + len(found.group().rstrip())))
        at += len(paragraph) + 2
    words = list(_WORD.finditer(text))
    for _ in range(min(6, len(words) // 4)):
        first = rng.randrange(len(words) - 1)
        last = min(len(words) - 1, first + rng.randint(1, 7))
        spans.append((words[first].start(), words[last].end()))
    return spans


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    manifest = json.loads((FEEDS / "manifest.json").read_text(encoding="utf-8"))
    revised = {guid for guid, item in manifest.items() if len(item["versions"]) > 1}
    assert len(revised) == 13
    rng = random.Random(2021)
    made: list[Made] = []
    highlighted: set[str] = set()
    with Store(tmp_path_factory.mktemp("feeds") / "store.db") as store:
        for snapshot in sorted(FEEDS.glob("*.rss")):
            summary = import_paths(store, [snapshot])
            assert not summary.skipped, summary.skipped
            for guid in sorted(revised - highlighted):
                row = store.conn.execute(
                    "SELECT id, text FROM releases WHERE identity = ?", (f"id:{guid}",)
                ).fetchone()
                if row is None:
                    continue
                highlighted.add(guid)
                release_id, text = row
                for start, end in _passages(text, rng):
                    created = add_highlight(store, release_id, start, end).created
                    made.append(Made(created, release_id, text[start:end]))
        assert highlighted == revised
        revised_ids = {m.release_id for m in made}
        assert sum(bool(release_versions(store, r)) for r in revised_ids) >= 12
        return [
            Outcome(m, get_highlight(store, m.id), get_release(store, m.release_id).text)
            for m in made
        ]


def test_highlights_whose_words_are_still_there_stay_on_those_very_words(outcomes) -> None:
    still_there = [o for o in outcomes if o.made.quote in o.latest_text]
    assert len(still_there) > 100
    for o in still_there:
        assert not o.now.orphaned, o.made
        assert o.now.quote == o.made.quote
        assert o.latest_text[o.now.start : o.now.end] == o.made.quote
        if o.latest_text.count(o.made.quote) == 1:
            assert o.now.start == o.latest_text.index(o.made.quote)


def test_highlights_whose_words_are_gone_are_orphaned_or_on_their_revised_words(
    outcomes,
) -> None:
    gone = [o for o in outcomes if o.made.quote not in o.latest_text]
    assert gone  # revisions did touch highlighted passages
    for o in gone:
        if o.now.orphaned:
            assert _squeeze(o.made.quote) not in _squeeze(o.latest_text), o.made
            continue
        assert o.latest_text[o.now.start : o.now.end] == o.now.quote
        # Only white space changed, or a few characters: never other words.
        distance = Levenshtein.distance(o.made.quote, o.now.quote)
        assert distance <= len(o.made.quote) * MAX_ERROR_RATE, (o.made, o.now.quote)


def test_no_highlight_was_lost(outcomes) -> None:
    assert all(o.now is not None for o in outcomes)
