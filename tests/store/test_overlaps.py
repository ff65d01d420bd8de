"""The overlap of two coders' highlights of a topic, and curating from it: real stores, real
releases, text beyond the Basic Multilingual Plane (positions are code points here)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.agreement import agreement
from store.curation import KEEP_A, KEEP_B, KEEP_BOTH, KEEP_SHARED, Curation, curate
from store.db import Store
from store.highlights import HighlightError, add_highlight, highlights_of_release
from store.overlaps import BOTH, ONLY_A, ONLY_B, overlap
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag
from tests.conftest import CORPUS

EMOJI_BODY = (
    "Solidarité 🇺🇦 avec l'Ukraine: 👩🏽‍⚕️ médecins et Ökonom e\u0301lu.\n\n"
    "Rare character 𠀋 and the flag 🇪🇺 of the Union, then plain words to the end."
)


def _swiss_body() -> str:
    with (CORPUS / "swiss-news" / "releases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["language"] == "en":
                return record["title"] + "\n\n" + record["body"].replace("<br/>", "\n\n")
    raise AssertionError("the corpus holds an English release")


def _release(store: Store, title: str, body: str) -> tuple[int, str]:
    release_id = save_release(store, ParsedRelease(title, body, date="2024-03-01"), None)
    (text,) = store.conn.execute(
        "SELECT text FROM releases WHERE id = ?", (release_id.release_id,)
    ).fetchone()
    return release_id.release_id, text


def _as(store: Store, coder: str, release_id: int, start: int, end: int, tags) -> int:
    return add_highlight(store, release_id, start, end, list(tags), coder=coder).created


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


@pytest.fixture
def emoji_release(store: Store):
    release_id, text = _release(store, "Déclaration 🇺🇦", EMOJI_BODY)
    topic = create_tag(store, "Ukraine").created
    return store, release_id, text, topic


def test_passages_only_a_only_b_and_both_quote_the_text_by_code_points(emoji_release) -> None:
    store, release_id, text, topic = emoji_release
    a_first = _as(store, "ana", release_id, *_span(text, "Solidarité 🇺🇦 avec"), [topic])
    b_first = _as(store, "ben", release_id, *_span(text, "🇺🇦 avec l'Ukraine: 👩🏽‍⚕️"), [topic])
    a_alone = _as(store, "ana", release_id, *_span(text, "Ökonom e\u0301lu"), [topic])
    b_alone = _as(store, "ben", release_id, *_span(text, "𠀋 and the flag 🇪🇺"), [topic])

    found = overlap(store, "ana", "ben", topic)

    assert found.releases_compared == 1
    assert [p.kind for p in found.passages] == [BOTH, ONLY_A, ONLY_B]
    both, only_a, only_b = found.passages
    assert both.a_quote == "Solidarité 🇺🇦 avec"
    assert both.b_quote == "🇺🇦 avec l'Ukraine: 👩🏽‍⚕️"
    assert both.shared_quote == "🇺🇦 avec"
    assert text[both.start : both.end] == "Solidarité 🇺🇦 avec l'Ukraine: 👩🏽‍⚕️"
    assert (both.a_highlights, both.b_highlights) == ((a_first,), (b_first,))
    assert only_a.a_quote == "Ökonom e\u0301lu" and only_a.b_quote == only_a.shared_quote == ""
    assert (only_a.a_highlights, only_a.b_highlights) == ((a_alone,), ())
    assert only_b.b_quote == "𠀋 and the flag 🇪🇺" and only_b.b_highlights == (b_alone,)
    assert (found.count(BOTH), found.count(ONLY_A), found.count(ONLY_B)) == (1, 1, 1)


def test_only_the_topic_and_releases_both_coded_count(store: Store) -> None:
    first, text = _release(store, "First", _swiss_body())
    second, _ = _release(store, "Second", EMOJI_BODY)
    ukraine, other = (create_tag(store, name).created for name in ("Ukraine", "Other"))
    _as(store, "ana", first, 0, 40, [ukraine])
    _as(store, "ben", first, 100, 140, [other])  # Ben coded the first release, not for Ukraine
    _as(store, "ana", second, 0, 10, [ukraine])  # only Ana coded the second: not compared
    found = overlap(store, "ana", "ben", ukraine)
    assert found.releases_compared == 1
    assert [(p.release_id, p.kind, p.a_quote) for p in found.passages] == [
        (first, ONLY_A, text[0:40])
    ]


def test_extents_that_only_touch_are_two_passages_and_one_coder_s_overlaps_one(
    emoji_release,
) -> None:
    store, release_id, text, topic = emoji_release
    _as(store, "ana", release_id, 0, 12, [topic])
    _as(store, "ana", release_id, 5, 20, [topic])  # Ana's two highlights: one extent
    _as(store, "ben", release_id, 20, 30, [topic])  # starts where Ana's extent ends
    found = overlap(store, "ana", "ben", topic)
    assert [(p.kind, p.start, p.end) for p in found.passages] == [
        (ONLY_A, 0, 20),
        (ONLY_B, 20, 30),
    ]
    assert len(found.passages[0].a_highlights) == 2


spans = st.lists(
    st.tuples(st.sampled_from(["ana", "ben"]), st.floats(0, 0.95), st.floats(0.001, 0.2)),
    min_size=2,
    max_size=12,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spans)
def test_the_passages_add_up_to_the_agreement_tables_cells(drawn) -> None:
    with Store(":memory:") as store:
        release_id, text = _release(store, "Real", _swiss_body())
        topic = create_tag(store, "Topic").created
        for coder, where, size in drawn:
            start = int(where * len(text))
            end = min(len(text), start + max(1, int(size * len(text))))
            if text[start:end].strip():
                _as(store, coder, release_id, start, end, [topic])
        found = overlap(store, "ana", "ben", topic)
        figures = agreement(store, "ana", "ben", [topic]).overall

        def covered(spans_of) -> int:
            return sum(end - start for p in found.passages for start, end in spans_of(p))

        shared = covered(lambda p: p.shared)
        assert shared == figures.both
        assert covered(lambda p: p.a_spans) - shared == figures.only_a
        assert covered(lambda p: p.b_spans) - shared == figures.only_b
        for passage in found.passages:
            assert passage.a_quote == " … ".join(text[s:e] for s, e in passage.a_spans)


def test_curating_copies_under_the_curator_and_leaves_the_coders_agreement(emoji_release):
    store, release_id, text, topic = emoji_release
    _as(store, "ana", release_id, *_span(text, "Solidarité 🇺🇦 avec"), [topic])
    _as(store, "ben", release_id, *_span(text, "🇺🇦 avec l'Ukraine: 👩🏽‍⚕️"), [topic])
    _as(store, "ben", release_id, *_span(text, "𠀋 and the flag 🇪🇺"), [topic])
    before = agreement(store, "ana", "ben")
    passages = overlap(store, "ana", "ben", topic).passages
    curation = Curation("ana", "ben", topic, "Chloé")

    done = {keep: curate(store, curation, passages[:1], keep) for keep in (KEEP_A, KEEP_SHARED)}
    done[KEEP_B] = curate(store, curation, passages, KEEP_B)
    done[KEEP_BOTH] = curate(store, curation, passages[:1], KEEP_BOTH)

    curated = {
        (h.start, h.end): h for h in highlights_of_release(store, release_id) if h.coder == "Chloé"
    }
    assert sorted(h.quote for h in curated.values()) == sorted(
        [
            "Solidarité 🇺🇦 avec",
            "🇺🇦 avec",
            "🇺🇦 avec l'Ukraine: 👩🏽‍⚕️",
            "𠀋 and the flag 🇪🇺",
            "Solidarité 🇺🇦 avec l'Ukraine: 👩🏽‍⚕️",
        ]
    )
    assert all([t.id for t in h.tags] == [topic] for h in curated.values())
    assert len(done[KEEP_B].highlight_ids) == 2
    again = curate(store, curation, passages, KEEP_B)
    assert again.highlight_ids == () and again.already_tagged == 2  # never copied twice
    assert agreement(store, "ana", "ben") == before


def test_a_curator_who_is_one_of_the_coders_is_refused(emoji_release) -> None:
    store, release_id, text, topic = emoji_release
    _as(store, "ana", release_id, 0, 10, [topic])
    _as(store, "ben", release_id, 5, 15, [topic])
    passages = overlap(store, "ana", "ben", topic).passages
    count = store.conn.execute("SELECT count(*) FROM highlights").fetchone()
    with pytest.raises(HighlightError, match="one of the coders"):
        curate(store, Curation("ana", "ben", topic, " ana "), passages, KEEP_B)
    assert store.conn.execute("SELECT count(*) FROM highlights").fetchone() == count
