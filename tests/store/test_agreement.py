"""Two coders' agreement as docs/agreement.md defines it: over the releases both coded, each
code point of their texts a unit, per topic 1 inside a coder's highlights of it, else 0."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.agreement import agreement, every_pair
from store.db import Store
from store.highlights import add_highlight, highlights_of_release
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag

SWISS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "swiss-news" / "releases.jsonl"


def _swiss_bodies(count: int) -> list[str]:
    bodies = []
    with SWISS.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["language"] == "en":
                bodies.append(record["title"] + "\n\n" + record["body"].replace("<br/>", "\n\n"))
            if len(bodies) == count:
                return bodies
    return bodies


BODIES = _swiss_bodies(3)


def _releases(store: Store) -> list[tuple[int, int]]:
    """Three real releases: (id, length of the canonical text in code points)."""
    made = []
    for number, body in enumerate(BODIES):
        release_id = save_release(store, ParsedRelease(f"Release {number}", body), None).release_id
        (length,) = store.conn.execute(
            "SELECT length(text) FROM releases WHERE id = ?", (release_id,)
        ).fetchone()
        made.append((release_id, length))
    return made


def _highlight_as(store: Store, coder: str, release_id: int, start: int, end: int, tags) -> None:
    store.coder = coder
    add_highlight(store, release_id, start, end, list(tags))


def _by_definition(store: Store, a: str, b: str, topics: list[int]):
    """The figures unit by unit, from the textbook formulas: kappa from the 2×2 table,
    alpha from the coincidence matrix (Krippendorff 2011), over every (release, topic, unit)."""
    rows = store.conn.execute(
        'SELECT h.release_id, h.coder, ht.tag_id, h.start, h."end", length(r.text) '
        "FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id "
        "JOIN releases r ON r.id = h.release_id WHERE h.orphaned = 0"
    ).fetchall()
    coded = {coder: {row[0] for row in rows if row[1] == coder} for coder in (a, b)}
    shared = coded[a] & coded[b]
    lengths = {row[0]: row[5] for row in rows}
    pairs = []
    for release_id in shared:
        for topic in topics:
            values = {coder: [0] * lengths[release_id] for coder in (a, b)}
            for rel, coder, tag, start, end, _ in rows:
                if rel == release_id and tag == topic and coder in values:
                    for unit in range(start, end):
                        values[coder][unit] = 1
            pairs += list(zip(values[a], values[b], strict=True))
    if not pairs:
        return None, None, None
    table = Counter(pairs)
    n = len(pairs)
    observed = (table[1, 1] + table[0, 0]) / n
    rate_a = (table[1, 1] + table[1, 0]) / n
    rate_b = (table[1, 1] + table[0, 1]) / n
    chance = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    kappa = (observed - chance) / (1 - chance) if chance < 1 else None
    coincidences = Counter()
    for first, second in pairs:  # two values a unit: each ordered pair once, weight 1/(2-1)
        coincidences[first, second] += 1
        coincidences[second, first] += 1
    totals = {value: coincidences[value, 0] + coincidences[value, 1] for value in (0, 1)}
    values = totals[0] + totals[1]
    disagreed = coincidences[0, 1] + coincidences[1, 0]
    expected = 2 * totals[0] * totals[1] / (values - 1)
    alpha = 1 - disagreed / expected if expected else None
    return 100 * observed, kappa, alpha


spans = st.lists(
    st.tuples(
        st.sampled_from(["ana", "ben"]),
        st.integers(0, 2),  # which release
        st.floats(0, 0.95),
        st.floats(0.001, 0.3),
        st.sets(st.integers(0, 1), min_size=1),
    ),
    min_size=2,
    max_size=14,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spans)
def test_the_figures_are_those_of_the_definition_unit_by_unit(drawn) -> None:
    with Store(":memory:") as store:
        releases = _releases(store)
        topics = [create_tag(store, name).created for name in ("Sanctions", "Ukraine")]
        for coder, which, where, size, tags in drawn:
            release_id, length = releases[which]
            start = int(where * length)
            end = min(length, start + max(1, int(size * length)))
            text = store.conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,))
            if not text.fetchone()[0][start:end].strip():
                continue
            _highlight_as(store, coder, release_id, start, end, [topics[t] for t in tags])
        report = agreement(store, "ana", "ben")
        percent, kappa, alpha = _by_definition(
            store, "ana", "ben", [t.tag_id for t in report.topics]
        )
        figures = report.overall
        for mine, theirs in (
            (figures.percent, percent),
            (figures.kappa, kappa),
            (figures.alpha, alpha),
        ):
            assert (mine is None) == (theirs is None)
            if mine is not None:
                assert mine == pytest.approx(theirs, abs=1e-9)


def test_only_releases_both_coded_count(store: Store) -> None:
    (first, length), (second, _), _ = _releases(store)
    topic = create_tag(store, "NATO").created
    _highlight_as(store, "ana", first, 10, 60, [topic])
    _highlight_as(store, "ben", first, 10, 60, [topic])
    # Ben alone coded the second release: the text he marked there, and all of it he did
    # not, are not units of their agreement (uncoded text would otherwise swamp kappa).
    _highlight_as(store, "ben", second, 0, 200, [topic])
    report = agreement(store, "ana", "ben")
    assert report.releases_compared == 1
    assert report.overall.units == length
    assert (report.overall.percent, report.overall.kappa, report.overall.alpha) == (100, 1, 1)
    assert [r.release_id for r in report.releases] == [first]


def test_the_same_places_in_different_releases_do_not_agree(store: Store) -> None:
    (first, _), (second, _), _ = _releases(store)
    topic = create_tag(store, "Ukraine").created
    _highlight_as(store, "ana", first, 100, 180, [topic])
    _highlight_as(store, "ben", second, 100, 180, [topic])
    report = agreement(store, "ana", "ben")
    assert report.releases_compared == 0  # no release coded by both: nothing to compare
    assert report.overall.percent is None and report.overall.alpha is None


def test_a_topic_only_one_coder_used_counts_against_them(store: Store) -> None:
    (first, _), _, _ = _releases(store)
    nato, sanctions = (create_tag(store, name).created for name in ("NATO", "Sanctions"))
    _highlight_as(store, "ana", first, 0, 80, [nato])
    _highlight_as(store, "ben", first, 0, 80, [nato])
    _highlight_as(store, "ben", first, 200, 260, [sanctions])
    report = agreement(store, "ana", "ben")
    by_tag = {topic.tag: topic.figures for topic in report.topics}
    assert by_tag["NATO"].alpha == 1
    assert by_tag["Sanctions"].kappa == 0  # one coder marked nothing: no agreement beyond chance
    assert by_tag["Sanctions"].only_b == 60 and by_tag["Sanctions"].both == 0
    assert report.overall.alpha < 1
    only_sanctions = agreement(store, "ana", "ben", [sanctions])
    assert [topic.tag for topic in only_sanctions.topics] == ["Sanctions"]


def test_overlapping_highlights_of_one_coder_count_each_unit_once(store: Store) -> None:
    (first, length), _, _ = _releases(store)
    topic = create_tag(store, "NATO").created
    _highlight_as(store, "ana", first, 0, 100, [topic])
    _highlight_as(store, "ana", first, 50, 150, [topic])
    _highlight_as(store, "ben", first, 0, 150, [topic])
    figures = agreement(store, "ana", "ben").overall
    assert (figures.both, figures.only_a, figures.only_b) == (150, 0, 0)
    assert figures.units == length


def test_every_pair_of_coders_once(store: Store) -> None:
    (first, _), _, _ = _releases(store)
    topic = create_tag(store, "NATO").created
    for coder in ("ana", "ben", "chloé"):
        _highlight_as(store, coder, first, 0, 40, [topic])
    assert every_pair(store) == [("ana", "ben"), ("ana", "chloé"), ("ben", "chloé")]
    assert {h.coder for h in highlights_of_release(store, first)} == {"ana", "ben", "chloé"}
