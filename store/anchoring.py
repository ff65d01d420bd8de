"""Where a highlight sits in a release's canonical text, and finding it again after a revision.

A highlight keeps two selectors, as in the W3C Web Annotation model: a *position* (start and
end offsets, in code points of the canonical text) and a *quote* (the exact text plus some
context before and after it). When a release's text changes, :func:`reanchor_all` places each
highlight again, trying in turn:

1. **Survival.** When the replaced text is known, one diff of old → new text says
   which characters survived unchanged; a highlight whose characters all survived moves with
   them, whatever its context now says.
2. **Exact quote.** Else every occurrence of the quote is a candidate, scored by how well the
   remembered context agrees around it and by nearness to where the diff (or, without the old
   text, the old offset) says it should be; one is taken if it is at or near where the old
   words were, is the only occurrence, or one side of its context agrees. Occurrences that the
   diff shows were already in the old text somewhere else are *other words*, taken only when
   they reach where the old words were or one whole remembered context still surrounds them
   (a diff cannot tell which of two identical neighbours went).
3. **Approximate quote.** Else the closest approximate match (rapidfuzz): accepted only when
   at most :data:`MAX_ERROR_RATE` of the quote's characters differ and it cuts words the way
   the original did; where the old words were, its context must agree or it must be the only
   such match; elsewhere (in text the revision added: a moved and edited passage; or anywhere,
   without the old text) its context must agree.
4. Else the highlight is **orphaned** (None): it never drifts onto words that are not its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel, Levenshtein

from store.normal_form import NormalText, nfc

CONTEXT_CHARS = 32
MAX_ERROR_RATE = 0.15
"""The largest share of a quote's characters an approximate match may get wrong."""
CONTEXT_AGREES = 0.75
"""Indel similarity at or above which a remembered context counts as the same text; two
unrelated English snippets of 32 characters score about 0.4-0.5."""
_NEARNESS_WEIGHT = 0.25  # context decides between occurrences; nearness breaks near-ties


@dataclass(frozen=True)
class Selector:
    """A highlight's place: position plus quote with context."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


def selector_for(text: str, start: int, end: int) -> Selector:
    """The selector of ``text[start:end]``, with up to CONTEXT_CHARS of context either side.

    >>> selector_for("Italy supports Ukraine.", 15, 22)
    Selector(start=15, end=22, quote='Ukraine', prefix='Italy supports ', suffix='.')
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"offsets {start}–{end} are outside a text of {len(text)} characters")
    return Selector(
        start=start,
        end=end,
        quote=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> tuple[int, int] | None:
    """Offsets of the n-th occurrence of ``quote`` where any run of white space in the quote
    matches any run of white space in the text, and a composed accent matches a decomposed
    one (both compared under NFC); the offsets are those of ``text`` as given.

    >>> find_quote("full  independence\\nand resilience", "independence and resilience")
    (6, 33)
    >>> find_quote("Se\\u0301ne\\u0301gal", "Sénégal")
    (0, 9)
    """
    words = nfc(quote).split()
    if not words or occurrence < 1:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    normal = NormalText(text)
    for number, match in enumerate(pattern.finditer(normal.nfc), start=1):
        if number == occurrence:
            return normal.span(match.start(), match.end())
    return None


def reanchor(new_text: str, selector: Selector, old_text: str | None = None) -> Selector | None:
    """Place one highlight in a revised text, or return None when its words are gone.

    ``old_text`` is the text the selector was made on; knowing it makes the placement exact
    where the words survived. Placing many highlights of one release: :func:`reanchor_all`.

    >>> old = selector_for("Italy supports Ukraine.", 15, 22)
    >>> reanchor("Today Italy firmly supports Ukraine.", old).start
    28
    >>> reanchor("Italy supports peace.", old) is None
    True
    """
    return reanchor_all(new_text, [selector], old_text)[0]


def reanchor_all(
    new_text: str, selectors: Iterable[Selector], old_text: str | None = None
) -> list[Selector | None]:
    """Place each highlight in a revised text (None for an orphan), diffing the texts once.

    >>> old = "Italy supports Ukraine. Italy supports Ukraine's people."
    >>> new = "Italy supports Ukraine. Italy now supports Ukraine's people."
    >>> second = selector_for(old, 30, 46)
    >>> [s.start for s in reanchor_all(new, [second], old)]
    [34]
    """
    revision = Revision(old_text, new_text) if old_text is not None else None
    return [_place(new_text, selector, revision) for selector in selectors]


class Revision:
    """A diff of two texts that maps character offsets from one to the other.

    The texts are aligned character by character on their longest common subsequence
    (rapidfuzz, bit-parallel). Characters, not words, so that a long unchanged passage
    outweighs a few repeated short words when the alignment could go either way. Adjacent
    insertions and deletions are merged into one changed block, so the blocks alternate:
    equal, changed.

    >>> revision = Revision("Italy supports Ukraine.", "Italy firmly supports Ukraine.")
    >>> revision.survives(6, 14)  # "supports"
    13
    >>> revision.image(0, 14)  # "Italy supports" became "Italy firmly supports"
    (0, 21)
    """

    def __init__(self, old_text: str, new_text: str) -> None:
        self.old_text, self.new_text = old_text, new_text
        blocks: list[list] = []  # [equal, i1, i2, j1, j2]
        for tag, i1, i2, j1, j2 in Indel.opcodes(old_text, new_text):
            equal = tag == "equal"
            if blocks and not equal and not blocks[-1][0]:
                blocks[-1][2], blocks[-1][4] = i2, j2
            else:
                blocks.append([equal, i1, i2, j1, j2])
        self._by_old = [b for b in blocks if b[2] > b[1]]
        self._old_keys = [b[1] for b in self._by_old]
        self._added = [(b[3], b[4]) for b in blocks if not b[0] and b[4] > b[3]]
        self._added_starts = [start for start, _ in self._added]

    def survives(self, start: int, end: int) -> int | None:
        """Where old ``[start, end)`` now starts, if all its characters are unchanged."""
        equal, _, i2, j1, _ = block = self._old_block(start)
        return j1 + start - block[1] if equal and end <= i2 else None

    def image(self, start: int, end: int) -> tuple[int, int]:
        """The new range that old ``[start, end)`` became, changed blocks included whole."""
        return self.map_start(start), max(self.map_start(start), self.map_end(end))

    def map_start(self, offset: int) -> int:
        if offset >= len(self.old_text):
            return len(self.new_text)
        equal, i1, _, j1, _ = self._old_block(offset)
        return j1 + offset - i1 if equal else j1

    def map_end(self, offset: int) -> int:
        if offset <= 0:
            return 0
        equal, i1, _, j1, j2 = self._old_block(offset - 1)
        return j1 + offset - i1 if equal else j2

    def was_elsewhere(self, start: int, end: int) -> bool:
        """Whether new ``[start, end)`` holds no character the revision added: words that
        were already in the old text (possibly joined where text between them was deleted).
        """
        at = bisect_right(self._added_starts, end - 1) - 1
        return at < 0 or self._added[at][1] <= start

    def added_ranges(self) -> list[tuple[int, int]]:
        """The new text's ranges that the revision inserted or rewrote, in order."""
        return list(self._added)

    def _old_block(self, offset: int) -> list:
        return self._by_old[bisect_right(self._old_keys, offset) - 1]


def _place(text: str, selector: Selector, revision: Revision | None) -> Selector | None:
    quote = selector.quote
    # A selector not made on the old text (an orphan of an older version) cannot be mapped.
    if revision is not None and revision.old_text[selector.start : selector.end] != quote:
        revision = None
    if revision is None:
        expected, image = selector.start, None
    else:
        survived = revision.survives(selector.start, selector.end)
        if survived is not None:
            return selector_for(text, survived, survived + len(quote))
        image = revision.image(selector.start, selector.end)
        expected = image[0]
    found = _exact(text, selector, expected, revision, image)
    if found is None:
        found = _approximate(text, selector, expected, revision, image)
    return None if found is None else selector_for(text, *found)


def _exact(
    text: str,
    selector: Selector,
    expected: int,
    revision: Revision | None,
    image: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """The best-fitting occurrence of the exact quote that may be taken, if any."""
    length = len(selector.quote)
    reach = length + CONTEXT_CHARS
    occurrences = _occurrences(text, selector.quote)
    best, best_score = None, float("-inf")
    for at in occurrences:
        before, after = _context_similarity(text, at, at + length, selector)
        if image is None:
            in_place = near = at == selector.start
        else:
            in_place = _overlaps(at, at + length, *image)
            near = _overlaps(at, at + length, image[0] - reach, image[1] + reach)
        if revision is not None and revision.was_elsewhere(at, at + length):
            # Words that were already there are other words, unless they reach where the
            # diff put the old ones or a whole remembered context still surrounds them: a
            # diff cannot tell which of two identical neighbours was deleted.
            acceptable = in_place or _keeps_a_whole_context(text, at, at + length, selector)
        else:
            acceptable = near or len(occurrences) == 1 or max(before, after) >= CONTEXT_AGREES
        score = (before + after) / 2 - _NEARNESS_WEIGHT * abs(at - expected) / max(len(text), 1)
        if acceptable and score > best_score:
            best, best_score = (at, at + length), score
    return best


def _keeps_a_whole_context(text: str, start: int, end: int, selector: Selector) -> bool:
    """Whether the whole remembered prefix, or the whole suffix, surrounds ``[start, end)``;
    an empty one agrees with the start or end of the text.
    """
    prefix, suffix = selector.prefix, selector.suffix
    before = text[max(0, start - len(prefix)) : start] if prefix else text[:start]
    return before == prefix or text[end : end + len(suffix) if suffix else None] == suffix


def _approximate(
    text: str,
    selector: Selector,
    expected: int,
    revision: Revision | None,
    image: tuple[int, int] | None,
) -> tuple[int, int] | None:
    """An approximate match of the quote within the error bound whose place is credible."""
    quote = selector.quote
    limit = int(len(quote) * MAX_ERROR_RATE)
    if limit == 0:
        return None
    reach = len(quote) + CONTEXT_CHARS
    if revision is not None and image is not None:
        near = _aligned(text, selector, image[0] - reach, image[1] + reach, limit)
        if near is not None and _revised_in_place(text, selector, near, image, limit):
            return near
        searched = revision.added_ranges()
    else:
        searched = [(expected, expected + len(quote)), (0, len(text))]
    for lo, hi in searched:
        found = _aligned(text, selector, lo - reach, hi + reach, limit)
        if found is None or not _context_agrees(text, *found, selector):
            continue
        if revision is None or not revision.was_elsewhere(*found):
            return found
    return None


def _revised_in_place(
    text: str, selector: Selector, found: tuple[int, int], image: tuple[int, int], limit: int
) -> bool:
    """Whether an approximate match is the highlight's own words, revised where they stood."""
    if not _mostly_within(*found, *image):
        return False
    return _context_agrees(text, *found, selector) or _unique(text, selector, found, limit)


def _aligned(text: str, selector: Selector, lo: int, hi: int, limit: int) -> tuple[int, int] | None:
    """The range in ``text[lo:hi]`` closest to the quote, if within ``limit`` edits.

    rapidfuzz finds the best window; its ends then move to the nearby positions that cut words
    the way the original highlight did, keeping the pair with the fewest edits.
    """
    quote = selector.quote
    lo, hi = max(0, lo), min(len(text), hi)
    if hi - lo < len(quote) - limit:
        return None
    if hi - lo <= len(quote):
        rough_start, rough_end = lo, hi
    else:
        alignment = fuzz.partial_ratio_alignment(quote, text[lo:hi])
        rough_start, rough_end = lo + alignment.dest_start, lo + alignment.dest_end
    cuts_start = _cuts_word(selector.prefix[-1:] + quote[:1])
    cuts_end = _cuts_word(quote[-1:] + selector.suffix[:1])
    starts = [
        at
        for at in range(max(0, rough_start - limit), min(len(text), rough_start + limit) + 1)
        if _cuts_word(text[max(0, at - 1) : at + 1]) == cuts_start
    ]
    ends = [
        at
        for at in range(max(0, rough_end - limit), min(len(text), rough_end + limit) + 1)
        if _cuts_word(text[max(0, at - 1) : at + 1]) == cuts_end
    ]
    best, best_distance = None, limit + 1
    for start in starts:
        for end in ends:
            if end - start < len(quote) - limit or end - start > len(quote) + limit:
                continue
            distance = Levenshtein.distance(quote, text[start:end], score_cutoff=limit)
            if distance < best_distance:
                best, best_distance = (start, end), distance
    return best


def _unique(text: str, selector: Selector, found: tuple[int, int], limit: int) -> bool:
    """Whether no other range of the text is within ``limit`` edits of the quote."""
    start, end = found
    masked = text[:start] + "\x00" * (end - start) + text[end:]
    return _aligned(masked, selector, 0, len(masked), limit) is None


def _cuts_word(pair: str) -> bool:
    """Whether a boundary between these two characters falls inside a word."""
    return len(pair) == 2 and (pair[0].isalnum() and pair[1].isalnum())


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    """Whether two ranges share a character; nothing lies where deleted words were."""
    return lo < hi and start < hi and lo < end


def _mostly_within(start: int, end: int, lo: int, hi: int) -> bool:
    """Whether at least half of ``[start, end)`` lies in ``[lo, hi)``; where deleted words
    were (an empty range) nothing lies.
    """
    return 2 * (min(end, hi) - max(start, lo)) >= end - start > 0 and hi > lo


def _context_agrees(text: str, start: int, end: int, selector: Selector) -> bool:
    before, after = _context_similarity(text, start, end, selector)
    return (before + after) / 2 >= CONTEXT_AGREES


def _context_similarity(text: str, start: int, end: int, selector: Selector) -> tuple[float, float]:
    """How much the text before and after ``[start, end)`` resembles the remembered context,
    each from 0 to 1. An empty context (a highlight at the very start or end) agrees only
    with the start or end of the text.
    """
    before = text[max(0, start - CONTEXT_CHARS) : start]
    after = text[end : end + CONTEXT_CHARS]
    return (
        Indel.normalized_similarity(selector.prefix, before),
        Indel.normalized_similarity(selector.suffix, after),
    )
