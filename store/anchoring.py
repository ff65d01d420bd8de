"""Where a highlight sits in a release's canonical text, and finding it again after a revision.

A highlight keeps two selectors, as in the W3C Web Annotation model: a *position* (start and
end offsets, in code points of the canonical text) and a *quote* (the exact text plus some
context before and after it). When a release's text changes, :func:`reanchor` places each
highlight again: where position and quote still agree; else at the occurrence of the exact
quote whose context and place fit best; else it reports the highlight as orphaned. It never
moves a highlight onto words that are not its quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_CHARS = 32


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
    matches any run of white space in the text.

    >>> find_quote("full  independence\\nand resilience", "independence and resilience")
    (6, 33)
    """
    words = quote.split()
    if not words or occurrence < 1:
        return None
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    for number, match in enumerate(pattern.finditer(text), start=1):
        if number == occurrence:
            return match.start(), match.end()
    return None


def reanchor(new_text: str, selector: Selector) -> Selector | None:
    """Place a highlight in a revised text, or return None when its words are gone.

    >>> old = selector_for("Italy supports Ukraine.", 15, 22)
    >>> reanchor("Today Italy firmly supports Ukraine.", old).start
    28
    >>> reanchor("Italy supports peace.", old) is None
    True
    """
    start, end, quote = selector.start, selector.end, selector.quote
    if new_text[start:end] == quote and _context_score(new_text, start, end, selector) > 0:
        return selector_for(new_text, start, end)
    candidates = _occurrences(new_text, quote)
    if not candidates:
        return None
    best = max(
        candidates,
        key=lambda at: (_context_score(new_text, at, at + len(quote), selector), -abs(at - start)),
    )
    return selector_for(new_text, best, best + len(quote))


def _occurrences(text: str, quote: str) -> list[int]:
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def _context_score(text: str, start: int, end: int, selector: Selector) -> int:
    """How many characters of the remembered context agree around ``text[start:end]``.

    A highlight at the very start or end of a text has an empty context there, which
    agrees with an empty neighbourhood.
    """
    before = text[max(0, start - len(selector.prefix)) : start]
    after = text[end : end + len(selector.suffix)]
    agree_before = _common_suffix(before, selector.prefix)
    agree_after = _common_prefix(after, selector.suffix)
    if not selector.prefix and start == 0:
        agree_before = 1
    if not selector.suffix and end == len(text):
        agree_after = 1
    return agree_before + agree_after


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
