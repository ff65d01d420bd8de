"""Two statements side by side: which passage of one answers which passage of the other.

Paragraphs are aligned first, then the sentences within each pair of aligned paragraphs.
Both steps are one dynamic programme over *beads* (Gale and Church, "A Program for Aligning
Sentences in Bilingual Corpora", Computational Linguistics 19(1), 1993): a bead takes one
passage of each side (1-1), one side's passage alone (1-0 or 0-1: "only in A", "only in
B"), or two passages of one side against one of the other (2-1, 1-2); the cheapest chain of
beads from the start of both texts to their end is the alignment. What a bead costs depends
on whether the two texts are in one language:

* **Two languages** (a statement and its translation): Gale–Church's cost, the improbability
  of the two lengths (in characters, given the ratio of the two texts' lengths and their
  variance of 6.8 per character) and of the bead's kind (their priors), less a reward for
  each anchor the two passages share (numbers, dates, names, acronyms, addresses:
  :mod:`store.anchors`) and a penalty for each number only one of them has.
* **One language** (two sides' readouts, two drafts): how many of their words the passages
  share (Dice over the words of four letters or more, and numbers); a passage that shares too
  few words with any other is left on its side.

The language of each text is detected (:func:`store.language.detect_language`) and the
languages given are used only when it cannot be: two texts in one language passed as
translations are aligned by their wording.

The programme is bounded: it visits only a band of cells around the diagonal (each row
holds the cells the diagonal crosses in it plus ``half_width`` on each side), and the
band narrows for long texts so that no alignment visits more than ``MAX_CELLS`` cells at
either step. Two releases of 300,000 characters are aligned in about a second
(docs/performance.md); passages that drift further apart than the band come out as
"only in A" and "only in B" rather than as pairs.

Offsets are code points of each text (``text_a[start:end]``), as highlights use them.

>>> found = align_texts(
...     "Bern, 3 May.\\n\\nThe talks ended.", "Berne, le 3 mai.\\n\\nLes pourparlers ont pris fin."
... )
>>> [(p.a, p.b) for p in found.paragraphs]
[((0, 12), (0, 16)), ((14, 30), (18, 47))]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from store.anchors import NUMBER, anchors_of
from store.db import Store
from store.language import detect_language
from store.phrases import folded_words
from store.sentences import sentence_spans

Span = tuple[int, int]
# Gale and Church's priors for each kind of bead (Table 5 of the paper), 2-2 left out.
_PRIORS = {
    (1, 1): 0.89,
    (1, 0): 0.0099 / 2,
    (0, 1): 0.0099 / 2,
    (2, 1): 0.089 / 2,
    (1, 2): 0.089 / 2,
}
_BEADS = tuple(_PRIORS)
_LOG_PRIOR = {bead: -math.log(prior) for bead, prior in _PRIORS.items()}
VARIANCE_PER_CHARACTER = 6.8
# Nats: what one shared anchor takes off a bead's cost, what a number on one side only adds.
ANCHOR_REWARD = 1.5
NUMBER_PENALTY = 1.0
# One language: a bead costs 1 - Dice of its words; a passage left alone costs this, and a
# 2-1 bead this much more than its Dice says. Two passages join against one only when each
# has at least MIN_JOINED of its words in it (else one of them has no part in it).
ALONE_COST = 0.42
JOIN_COST = 0.12
MIN_JOINED = 0.3
MIN_WORD_LETTERS = 4
# The band: half its width in passages, narrowed so that no step visits more cells.
HALF_WIDTH = 40
MIN_HALF_WIDTH = 3
MAX_CELLS = 60_000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class AlignmentError(ValueError):
    """Two releases that cannot be aligned; the message is one sentence for the analyst."""


@dataclass(frozen=True)
class AlignedPair:
    """A passage of A and its counterpart in B; ``score`` is 0–1, how sure the pairing is."""

    a: Span
    b: Span
    score: float


@dataclass(frozen=True)
class Alignment:
    """``pairs``: aligned sentences (or two sentences against one), in order; ``only_a`` and
    ``only_b``: the paragraphs and sentences with no counterpart on the other side;
    ``paragraphs``: the aligned paragraphs (a pair may hold two paragraphs of one side), which
    the sentence pairs fall within; ``same_language``: aligned by wording, not by length."""

    pairs: list[AlignedPair]
    only_a: list[Span]
    only_b: list[Span]
    paragraphs: list[AlignedPair] = field(default_factory=list)
    same_language: bool = False


@dataclass(frozen=True)
class _Passage:
    span: Span
    length: int
    anchors: frozenset[str]
    numbers: frozenset[str]
    words: frozenset[str]


def paragraph_spans(text: str) -> list[Span]:
    """The paragraphs of a canonical text (blocks between blank lines), white space trimmed.

    >>> paragraph_spans("One.\\n\\n  \\n\\nTwo.\\nStill two.")
    [(0, 4), (10, 25)]
    """
    spans = []
    begin = 0
    for found in _PARAGRAPH_BREAK.finditer(text):
        spans.append((begin, found.start()))
        begin = found.end()
    spans.append((begin, len(text)))
    return [span for span in (_trimmed(text, *span) for span in spans) if span[0] < span[1]]


def align_texts(
    text_a: str, text_b: str, language_a: str | None = None, language_b: str | None = None
) -> Alignment:
    """Align two texts: paragraphs, then sentences within aligned paragraphs."""
    same = _same_language(text_a, text_b, language_a, language_b)
    ratio = (len(text_b) or 1) / (len(text_a) or 1)
    aligner = _Aligner(text_a, text_b, language_a, language_b, same, ratio)
    paragraphs_a, paragraphs_b = paragraph_spans(text_a), paragraph_spans(text_b)
    pairs: list[AlignedPair] = []
    only_a: list[Span] = []
    only_b: list[Span] = []
    paragraphs: list[AlignedPair] = []
    for bead_a, bead_b, score in aligner.align(paragraphs_a, paragraphs_b):
        if not bead_a or not bead_b:
            only_a.extend(bead_a)
            only_b.extend(bead_b)
            continue
        paragraphs.append(AlignedPair(_covering(bead_a), _covering(bead_b), score))
        sentences_a = [s for span in bead_a for s in sentence_spans(text_a, *span)]
        sentences_b = [s for span in bead_b for s in sentence_spans(text_b, *span)]
        for in_a, in_b, sentence_score in aligner.align(sentences_a, sentences_b):
            if in_a and in_b:
                pairs.append(AlignedPair(_covering(in_a), _covering(in_b), sentence_score))
            else:
                only_a.extend(in_a)
                only_b.extend(in_b)
    return Alignment(pairs, sorted(only_a), sorted(only_b), paragraphs, same)


def align_releases(store: Store, a_id: int, b_id: int) -> Alignment:
    """Align two releases' canonical texts (the text the reader shows and highlights count in)."""
    if a_id == b_id:
        raise AlignmentError(f"Release {a_id} was named twice; name two different releases.")
    texts = {}
    for release_id in (a_id, b_id):
        row = store.conn.execute(
            "SELECT text, language FROM releases WHERE id = ?", (release_id,)
        ).fetchone()
        if row is None:
            raise AlignmentError(f"There is no release with id {release_id}.")
        texts[release_id] = row
    (text_a, language_a), (text_b, language_b) = texts[a_id], texts[b_id]
    return align_texts(text_a, text_b, language_a, language_b)


class _Aligner:
    """The bead costs for one pair of texts, and the programme that chains the beads."""

    def __init__(
        self,
        text_a: str,
        text_b: str,
        language_a: str | None,
        language_b: str | None,
        same_language: bool,
        ratio: float,
    ) -> None:
        self._texts = (text_a, text_b)
        self._languages = (language_a, language_b)
        self._same = same_language
        self._ratio = ratio

    def align(
        self, spans_a: Sequence[Span], spans_b: Sequence[Span]
    ) -> list[tuple[list[Span], list[Span], float]]:
        """The beads over two lists of passages: (A's passages, B's passages, score)."""
        units_a = [self._passage(0, span) for span in spans_a]
        units_b = [self._passage(1, span) for span in spans_b]
        cost = self._same_language_cost if self._same else self._translation_cost
        chain = _cheapest_chain(units_a, units_b, cost)
        beads = []
        for i0, i1, j0, j1 in chain:
            a, b = units_a[i0:i1], units_b[j0:j1]
            beads.append(([u.span for u in a], [u.span for u in b], self._score(a, b)))
        return beads

    def _passage(self, side: int, span: Span) -> _Passage:
        text = self._texts[side]
        anchors = anchors_of(text, *span, language=self._languages[side])
        keys = frozenset(anchor.key for anchor in anchors)
        words = frozenset(
            word
            for word in folded_words(text[span[0] : span[1]])
            if len(word) >= MIN_WORD_LETTERS or word.isdigit()
        )
        numbers = frozenset(key for key in keys if key[0] == NUMBER)
        return _Passage(span, span[1] - span[0], keys, numbers, words)

    def _translation_cost(self, a: Sequence[_Passage], b: Sequence[_Passage]) -> float:
        if not a or not b:  # its prior alone: the length of a passage left out says nothing
            return _LOG_PRIOR[(len(a), len(b))]
        cost = _length_cost(sum(u.length for u in a), sum(u.length for u in b), self._ratio)
        cost += _LOG_PRIOR[(len(a), len(b))]
        anchors_a, anchors_b = _union(a, "anchors"), _union(b, "anchors")
        numbers_a, numbers_b = _union(a, "numbers"), _union(b, "numbers")
        cost -= ANCHOR_REWARD * len(anchors_a & anchors_b)
        return cost + NUMBER_PENALTY * len(numbers_a ^ numbers_b)

    def _same_language_cost(self, a: Sequence[_Passage], b: Sequence[_Passage]) -> float:
        if not a or not b:
            return ALONE_COST
        words_a, words_b = _union(a, "words"), _union(b, "words")
        if len(a) + len(b) == 2:
            return 1.0 - _dice(words_a, words_b)
        parts, whole = (a, words_b) if len(a) == 2 else (b, words_a)
        if any(_contained(part.words, whole) < MIN_JOINED for part in parts):
            return math.inf
        return 1.0 - _dice(words_a, words_b) + JOIN_COST

    def _score(self, a: Sequence[_Passage], b: Sequence[_Passage]) -> float:
        if not a or not b:
            return 0.0
        if self._same:
            return round(_dice(_union(a, "words"), _union(b, "words")), 3)
        length_a, length_b = sum(u.length for u in a), sum(u.length for u in b)
        likely = math.exp(-_length_cost(length_a, length_b, self._ratio))
        anchors_a, anchors_b = _union(a, "anchors"), _union(b, "anchors")
        fewer = min(len(anchors_a), len(anchors_b))
        if not fewer:
            return round(likely, 3)
        return round((likely + len(anchors_a & anchors_b) / fewer) / 2, 3)


BeadCost = Callable[[Sequence[_Passage], Sequence[_Passage]], float]


def _cheapest_chain(
    units_a: Sequence[_Passage], units_b: Sequence[_Passage], cost: BeadCost
) -> list[tuple[int, int, int, int]]:
    """The cheapest chain of beads from (0, 0) to (n, m), as (i0, i1, j0, j1) slices, within
    the band around the diagonal (see the module's docstring)."""
    n, m = len(units_a), len(units_b)
    slope = m / n if n else float(m)
    half_width = max(MIN_HALF_WIDTH, min(HALF_WIDTH, (MAX_CELLS - m) // (2 * (n + 1))))
    low = [max(0, math.floor(i * slope) - half_width) for i in range(n + 1)]
    high = [min(m, math.ceil((i + 1) * slope) + half_width) for i in range(n + 1)]
    high[n] = m
    total: list[list[float]] = []
    came_by: list[list[tuple[int, int] | None]] = []
    for i in range(n + 1):
        row = [math.inf] * (high[i] - low[i] + 1)
        moves: list[tuple[int, int] | None] = [None] * len(row)
        total.append(row)
        came_by.append(moves)
        for j in range(low[i], high[i] + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, best_move = math.inf, None
            for di, dj in _BEADS:
                pi, pj = i - di, j - dj
                if pi < 0 or pj < low[pi] or pj > high[pi]:
                    continue
                before = total[pi][pj - low[pi]]
                if before == math.inf:
                    continue
                here = before + cost(units_a[pi:i], units_b[pj:j])
                if here < best:
                    best, best_move = here, (di, dj)
            row[j - low[i]] = best
            moves[j - low[i]] = best_move
    chain = []
    i, j = n, m
    while i or j:
        move = came_by[i][j - low[i]]
        assert move is not None  # the band always joins (0, 0) to (n, m)
        chain.append((i - move[0], i, j - move[1], j))
        i, j = i - move[0], j - move[1]
    chain.reverse()
    return chain


def _length_cost(length_a: int, length_b: int, ratio: float) -> float:
    """Gale and Church's -log P(|delta|): how unlikely B's length is as A's translation."""
    mean = (length_a + length_b / ratio) / 2
    if mean <= 0:
        return 0.0
    delta = abs(length_a * ratio - length_b) / math.sqrt(mean * VARIANCE_PER_CHARACTER)
    return -math.log(2.0) - _log_tail(delta)


def _log_tail(z: float) -> float:
    """log P(Z > z) for a standard normal Z, accurate far into the tail."""
    if z < 30:
        return math.log(max(0.5 * math.erfc(z / math.sqrt(2.0)), 1e-300))
    return -z * z / 2 - math.log(z) - 0.5 * math.log(2 * math.pi)


def _union(units: Sequence[_Passage], attribute: str) -> frozenset[str]:
    if len(units) == 1:
        return getattr(units[0], attribute)
    return frozenset().union(*(getattr(unit, attribute) for unit in units))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def _contained(part: frozenset[str], whole: frozenset[str]) -> float:
    """The share of ``part``'s words in ``whole`` (1 for a passage of no such words)."""
    return len(part & whole) / len(part) if part else 1.0


def _same_language(
    text_a: str, text_b: str, language_a: str | None, language_b: str | None
) -> bool:
    """Whether the two texts are in one language: as detected, else as given."""
    detected_a = detect_language(text_a) or language_a
    detected_b = detect_language(text_b) or language_b
    return detected_a is not None and detected_a == detected_b


def _covering(spans: Sequence[Span]) -> Span:
    return spans[0][0], spans[-1][1]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
