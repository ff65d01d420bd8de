"""How far two coders agree: percent agreement, Cohen's kappa and Krippendorff's alpha.

The definitions (docs/agreement.md says them in full, with the pitfalls they avoid):

- the releases compared are those **both** coders coded (each has at least one anchored
  highlight in it); a release only one of them read says nothing of their agreement;
- the units are the code points of each such release's text; for a topic T, a coder's value
  at a unit is 1 when the unit lies inside one of that coder's highlights tagged T, else 0;
- per topic, the four counts (both 1, only A, only B, both 0) are summed over the releases;
  per release they are summed over the topics; overall over both;
- percent agreement = (both + neither) / units; Cohen's kappa = (pₒ − pₑ) / (1 − pₑ) with pₑ
  from each coder's own rate of 1s; Krippendorff's alpha (nominal, two coders, no missing
  values) = 1 − (n − 1) · D / (n₀ · n₁) over the n = 2·units values, D the units where they
  differ, n₀ and n₁ the values 0 and 1. A figure with no variation to measure (no coder
  marked anything, or both marked everything) is None, not 1.

Everything is counted from intervals, never unit by unit, so 100,000 highlights take well
under a second to compare. Orphaned highlights (their passage gone from a revised text) are
not counted.

>>> figures = Figures.of(both=1, only_a=1, only_b=3, neither=5)  # Krippendorff 2011, α ≈ 0.095
>>> round(figures.alpha, 3), round(figures.kappa, 3), figures.percent
(0.095, 0.091, 60.0)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from store.db import Store
from store.topic_paths import topic_paths

Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Figures:
    """One table of two coders' values over some units, and what it gives."""

    units: int
    both: int
    only_a: int
    only_b: int
    neither: int
    percent: float | None
    kappa: float | None
    alpha: float | None

    @classmethod
    def of(cls, both: int, only_a: int, only_b: int, neither: int) -> Figures:
        units = both + only_a + only_b + neither
        if not units:
            return cls(0, 0, 0, 0, 0, None, None, None)
        observed = (both + neither) / units
        rate_a, rate_b = (both + only_a) / units, (both + only_b) / units
        chance = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
        kappa = (observed - chance) / (1 - chance) if chance < 1 else None
        values = 2 * units
        ones = 2 * both + only_a + only_b
        zeros = values - ones
        differ = only_a + only_b
        alpha = 1 - (values - 1) * differ / (zeros * ones) if zeros and ones else None
        return cls(units, both, only_a, only_b, neither, 100 * observed, kappa, alpha)


@dataclass(frozen=True)
class TopicAgreement:
    tag_id: int
    tag: str  # its path of names ("Europe / Western Balkans")
    figures: Figures


@dataclass(frozen=True)
class ReleaseAgreement:
    release_id: int
    figures: Figures


@dataclass(frozen=True)
class AgreementReport:
    coder_a: str
    coder_b: str
    releases_compared: int
    overall: Figures
    topics: list[TopicAgreement]
    releases: list[ReleaseAgreement]


def coders_with_highlights(store: Store) -> list[str]:
    """The coders of the store's anchored highlights, by name."""
    rows = store.conn.execute(
        "SELECT DISTINCT coder FROM highlights WHERE orphaned = 0 ORDER BY coder"
    )
    return [row[0] for row in rows]


def every_pair(store: Store) -> list[tuple[str, str]]:
    """Each pair of the store's coders, once."""
    return list(combinations(coders_with_highlights(store), 2))


def agreement(
    store: Store, coder_a: str, coder_b: str, tag_ids: Sequence[int] | None = None
) -> AgreementReport:
    """Two coders' agreement over the releases both coded, per topic, per release and
    overall; ``tag_ids`` keeps those topics only (by default every topic either used)."""
    conn = store.conn
    conn.execute("SAVEPOINT agreement_read")  # one snapshot for the highlights and the texts
    try:
        lengths = dict(
            conn.execute(
                """SELECT r.id, length(r.text) FROM releases r WHERE r.id IN (
                       SELECT release_id FROM highlights WHERE coder = ? AND orphaned = 0
                       INTERSECT
                       SELECT release_id FROM highlights WHERE coder = ? AND orphaned = 0)""",
                (coder_a, coder_b),
            )
        )
        rows = conn.execute(
            """SELECT h.release_id, h.coder = ?, ht.tag_id, h.start, h."end"
               FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
               WHERE h.coder IN (?, ?) AND h.orphaned = 0""",
            (coder_a, coder_a, coder_b),
        ).fetchall()
    finally:
        conn.execute("RELEASE agreement_read")
    wanted = set(tag_ids) if tag_ids is not None else None
    spans: dict[tuple[int, int], tuple[Spans, Spans]] = defaultdict(lambda: ([], []))
    for release_id, by_a, tag_id, start, end in rows:
        if release_id in lengths and (wanted is None or tag_id in wanted):
            spans[release_id, tag_id][0 if by_a else 1].append((start, end))
    topics = sorted(wanted if wanted is not None else {tag for _, tag in spans})
    # Each (release, topic) pair with a highlight gives its counts; the pairs with none are
    # all "neither", added from the releases' lengths below.
    per_topic: dict[int, list[int]] = {tag: [0, 0, 0, 0] for tag in topics}
    per_release: dict[int, list[int]] = {release: [0, 0, 0, 0] for release in lengths}
    for (release_id, tag_id), (of_a, of_b) in spans.items():
        counts = _counts(of_a, of_b, lengths[release_id])
        for totals in (per_topic[tag_id], per_release[release_id]):
            for index in range(3):
                totals[index] += counts[index]
    total_length = sum(lengths.values())
    for totals in per_topic.values():
        totals[3] = total_length - totals[0] - totals[1] - totals[2]
    for release_id, totals in per_release.items():
        totals[3] = lengths[release_id] * len(topics) - totals[0] - totals[1] - totals[2]
    overall = [sum(totals[index] for totals in per_topic.values()) for index in range(4)]
    names = topic_paths(store)
    return AgreementReport(
        coder_a,
        coder_b,
        len(lengths),
        Figures.of(*overall),
        [
            TopicAgreement(tag, names.get(tag, str(tag)), Figures.of(*per_topic[tag]))
            for tag in topics
        ],
        [
            ReleaseAgreement(release, Figures.of(*per_release[release]))
            for release in sorted(lengths)
        ],
    )


def _counts(of_a: Spans, of_b: Spans, length: int) -> tuple[int, int, int]:
    """Code points both coders marked, only A, only B (each coder's spans merged first)."""
    a, b = merged_spans(of_a, length), merged_spans(of_b, length)
    covered_a, covered_b = _covered(a), _covered(b)
    both = _overlap(a, b)
    return both, covered_a - both, covered_b - both


def merged_spans(spans: Iterable[tuple[int, int]], length: int) -> Spans:
    """Spans clipped to the text and merged where they overlap or touch, in order."""
    merged: Spans = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(end, length)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _covered(spans: Spans) -> int:
    return sum(end - start for start, end in spans)


def _overlap(a: Spans, b: Spans) -> int:
    """The code points two ordered lists of disjoint spans share."""
    shared, i, j = 0, 0, 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            shared += end - start
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return shared
