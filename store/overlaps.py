"""Where two coders' highlights of one topic meet: the passages only A coded, only B coded,
and both, on the releases both coded (the releases ``store.agreement`` compares).

Each coder's highlights tagged with the topic are merged per release (two overlapping
highlights of one coder are one extent), then joined where A's and B's extents share a code
point. A passage is such a joined extent: ``a_spans`` and ``b_spans`` are each coder's own
extents inside it, ``shared`` what both marked; a passage with no ``b_spans`` is A's alone.
Extents that only touch (A ends where B begins) share no unit and stay two passages, as
they count in the agreement figures. Positions are code points of the canonical text.

>>> joined([(0, 10)], [(5, 15), (20, 30)])
[((0, 15), [(0, 10)], [(5, 15)]), ((20, 30), [], [(20, 30)])]
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass

from store.agreement import Spans, merged_spans
from store.db import Store

ONLY_A, BOTH, ONLY_B = "only A", "both", "only B"


@dataclass(frozen=True)
class OverlapPassage:
    release_id: int
    title: str
    date: str | None
    start: int  # the passage's extent: what either coder marked, joined
    end: int
    a_spans: tuple[tuple[int, int], ...]
    b_spans: tuple[tuple[int, int], ...]
    shared: tuple[tuple[int, int], ...]
    a_quote: str  # A's extents' text, " … " between two of them ("" when A marked none)
    b_quote: str
    shared_quote: str
    a_highlights: tuple[int, ...]  # the ids of the highlights that make each side's extents
    b_highlights: tuple[int, ...]

    @property
    def kind(self) -> str:
        if not self.b_spans:
            return ONLY_A
        return BOTH if self.a_spans else ONLY_B


@dataclass(frozen=True)
class Overlap:
    coder_a: str
    coder_b: str
    tag_id: int
    releases_compared: int
    passages: list[OverlapPassage]

    def count(self, kind: str) -> int:
        return sum(1 for passage in self.passages if passage.kind == kind)


def overlap(store: Store, coder_a: str, coder_b: str, tag_id: int) -> Overlap:
    """The passages of topic ``tag_id`` only ``coder_a`` coded, only ``coder_b``, and both,
    on the releases both coded; by release date (undated last), then position."""
    conn = store.conn
    conn.execute("SAVEPOINT overlap_read")  # one snapshot for the highlights and the texts
    try:
        compared = [
            row[0]
            for row in conn.execute(
                """SELECT release_id FROM highlights WHERE coder = ? AND orphaned = 0
                   INTERSECT
                   SELECT release_id FROM highlights WHERE coder = ? AND orphaned = 0""",
                (coder_a, coder_b),
            )
        ]
        rows = conn.execute(
            """SELECT h.release_id, h.coder = ?, h.id, h.start, h."end"
               FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
               WHERE ht.tag_id = ? AND h.coder IN (?, ?) AND h.orphaned = 0""",
            (coder_a, tag_id, coder_a, coder_b),
        ).fetchall()
        shared_releases = set(compared)
        coded: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
        for release_id, by_a, highlight_id, start, end in rows:
            if release_id in shared_releases:
                coded[release_id][0 if by_a else 1].append((start, end, highlight_id))
        releases = _releases(store, sorted(coded))
    finally:
        conn.execute("RELEASE overlap_read")
    passages = []
    for release_id, (of_a, of_b) in coded.items():
        title, date, text = releases[release_id]
        passages += _passages(release_id, title, date, text, of_a, of_b)
    passages.sort(key=lambda p: (p.date is None, p.date or "", p.release_id, p.start))
    return Overlap(coder_a, coder_b, tag_id, len(compared), passages)


def joined(a: Spans, b: Spans) -> list[tuple[tuple[int, int], Spans, Spans]]:
    """Two coders' merged extents of one release joined where they share a code point:
    (the joined extent, A's extents in it, B's extents in it), in order."""
    marked = sorted([(start, end, 0) for start, end in a] + [(start, end, 1) for start, end in b])
    found: list[tuple[tuple[int, int], Spans, Spans]] = []
    for start, end, side in marked:
        if found and start < found[-1][0][1]:
            extent, of_a, of_b = found[-1]
            found[-1] = ((extent[0], max(extent[1], end)), of_a, of_b)
        else:
            found.append(((start, end), [], []))
        found[-1][1 + side].append((start, end))
    return found


def _passages(
    release_id: int,
    title: str,
    date: str | None,
    text: str,
    of_a: list[tuple[int, int, int]],
    of_b: list[tuple[int, int, int]],
) -> list[OverlapPassage]:
    length = len(text)
    extents = joined(
        merged_spans(((s, e) for s, e, _ in of_a), length),
        merged_spans(((s, e) for s, e, _ in of_b), length),
    )
    starts = [extent[0] for extent, _, _ in extents]
    makers: list[tuple[list[int], list[int]]] = [([], []) for _ in extents]
    for side, highlights in ((0, of_a), (1, of_b)):
        for start, end, highlight_id in highlights:
            start, end = max(0, start), min(end, length)
            if end <= start:
                continue
            # A coder's highlight lies inside one joined extent: its own merged extent does.
            makers[bisect_right(starts, start) - 1][side].append(highlight_id)
    passages = []
    for ((start, end), a_spans, b_spans), (a_ids, b_ids) in zip(extents, makers, strict=True):
        shared = _intersection(a_spans, b_spans)
        passages.append(
            OverlapPassage(
                release_id,
                title,
                date,
                start,
                end,
                tuple(a_spans),
                tuple(b_spans),
                tuple(shared),
                _quote(text, a_spans),
                _quote(text, b_spans),
                _quote(text, shared),
                tuple(sorted(a_ids)),
                tuple(sorted(b_ids)),
            )
        )
    return passages


def _intersection(a: Spans, b: Spans) -> Spans:
    """The spans two ordered lists of disjoint spans share."""
    shared: Spans = []
    i = j = 0
    while i < len(a) and j < len(b):
        start, end = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if end > start:
            shared.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return shared


def _quote(text: str, spans: Spans) -> str:
    return " … ".join(text[start:end] for start, end in spans)


def _releases(store: Store, release_ids: list[int]) -> dict[int, tuple[str, str | None, str]]:
    """Title, date and canonical text of each release, read a few hundred at a time."""
    found: dict[int, tuple[str, str | None, str]] = {}
    for first in range(0, len(release_ids), 500):
        chunk = release_ids[first : first + 500]
        marks = ", ".join("?" * len(chunk))
        for release_id, title, date, text in store.conn.execute(
            f"SELECT id, title, date, text FROM releases WHERE id IN ({marks})", chunk
        ):
            found[release_id] = (title, date, text)
    return found
