"""Two releases' aligned passages in the positions each column's document counts.

The store aligns two canonical texts in code points (:mod:`store.alignment`); the two-column
reader needs the same passages in Qt positions of each column's document, to paint them,
to find the pair under the cursor and to keep the columns level, and the way back, to carry
a highlight of one side to its counterpart on the other. Every conversion goes through each
column's :class:`gui.text.positions.TextPositions`, the one Qt↔store boundary.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from gui.text.positions import QtRange, TextPositions
from store.alignment import Alignment

A, B = 0, 1  # the two sides, as indexes into a pair's spans


@dataclass(frozen=True)
class ShownPair:
    """One aligned pair: its number in the alignment, and its span on each side (Qt)."""

    number: int
    spans: tuple[QtRange, QtRange]


class AlignedPassages:
    """An alignment placed on the two columns' documents.

    ``pairs`` are the pairs both documents show, in the order of side A's text;
    ``level`` the pairs that keep the columns level, in the order of both texts (a pair
    that crosses another, as a sentence moved to the end, is painted but does not steer
    the scrolling); ``only`` each side's passages without a counterpart.
    """

    def __init__(
        self, alignment: Alignment, positions: tuple[TextPositions, TextPositions]
    ) -> None:
        self.alignment = alignment
        self._positions = positions
        shown = []
        for number, pair in enumerate(alignment.pairs):
            span_a = positions[A].to_qt(*pair.a)
            span_b = positions[B].to_qt(*pair.b)
            if span_a is not None and span_b is not None:
                shown.append(ShownPair(number, (span_a, span_b)))
        self.pairs = sorted(shown, key=lambda p: (p.spans[A].start, p.spans[B].start))
        self.level = _in_both_orders(self.pairs)
        self.only = (
            _placed(positions[A], alignment.only_a),
            _placed(positions[B], alignment.only_b),
        )
        # For each side, the pairs by where they start there, to find one by a position.
        self._by_start = tuple(
            sorted(self.pairs, key=lambda p, s=side: p.spans[s].start) for side in (A, B)
        )
        self._starts = tuple([p.spans[side].start for p in self._by_start[side]] for side in (A, B))

    def pair_at(self, side: int, qt_position: int) -> ShownPair | None:
        """The pair whose passage on ``side`` holds the character at ``qt_position``."""
        starts = self._starts[side]
        index = bisect_right(starts, qt_position) - 1
        # Passages of one side do not overlap, but a pair spanning two sentences may
        # start before its neighbour ends: look back over the few that could hold it.
        for pair in reversed(self._by_start[side][max(0, index - 3) : index + 1]):
            span = pair.spans[side]
            if span.start <= qt_position < span.end:
                return pair
        return None

    def counterpart(self, side: int, start: int, end: int) -> tuple[int, int] | None:
        """The other side's canonical span aligned with canonical ``text[start:end]`` of
        ``side``: from the first to the last passage paired with those it overlaps; None
        when it overlaps no paired passage (it is only on this side)."""
        found = [
            (pair.b if side == A else pair.a)
            for pair in self.alignment.pairs
            if _overlaps(pair.a if side == A else pair.b, (start, end))
        ]
        if not found:
            return None
        return min(s for s, _ in found), max(e for _, e in found)


def _placed(positions: TextPositions, spans: list[tuple[int, int]]) -> list[QtRange]:
    """The spans the document shows, in Qt positions, in order."""
    placed = (positions.to_qt(start, end) for start, end in spans)
    return sorted((span for span in placed if span is not None), key=lambda s: s.start)


def _overlaps(span: tuple[int, int], other: tuple[int, int]) -> bool:
    return span[0] < other[1] and other[0] < span[1]


def _in_both_orders(pairs: list[ShownPair]) -> list[ShownPair]:
    """The longest run of pairs (in A's order) whose B passages also come in order: the
    pairs that keep the columns level. Patience sorting: n log n for thousands of pairs."""
    tails: list[int] = []  # tails[k]: index of the last pair of the best run of length k+1
    tail_starts: list[int] = []
    before: list[int | None] = []
    for index, pair in enumerate(pairs):
        start = pair.spans[B].start
        k = bisect_right(tail_starts, start)
        before.append(tails[k - 1] if k else None)
        if k == len(tails):
            tails.append(index)
            tail_starts.append(start)
        else:
            tails[k] = index
            tail_starts[k] = start
    run: list[ShownPair] = []
    index = tails[-1] if tails else None
    while index is not None:
        run.append(pairs[index])
        index = before[index]
    return run[::-1]
