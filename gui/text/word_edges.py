"""Where words begin and end in the reader's text, so that a selection takes whole words.

Qt's ``QTextBoundaryFinder`` finds the words by Unicode's rules (UAX #29): "Italy's" and
"Ukraine’s" are one word each, an accent typed as a combining mark belongs to its letter,
Arabic and Cyrillic words are words; a comma, a full stop, a flag emoji or a space is no
word, so a selection widened to whole words never takes the punctuation after the last one.
Everything here counts in Qt positions (UTF-16 units), as the cursor does: a block's text
goes to the boundary finder as Qt's own string, and the positions it returns are the
block's; no Python index of that text is ever taken.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6.QtCore import QTextBoundaryFinder
from PySide6.QtGui import QTextDocument

_START = QTextBoundaryFinder.BoundaryReason.StartOfItem
_END = QTextBoundaryFinder.BoundaryReason.EndOfItem


def word_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) of every word of ``text``, in UTF-16 units, in order.

    >>> word_spans("supports the integrity, sov")
    [(0, 8), (9, 12), (13, 22), (24, 27)]
    """
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Word, text)
    spans: list[tuple[int, int]] = []
    start: int | None = None
    position = 0
    while position != -1:
        reasons = finder.boundaryReasons()
        if start is not None and reasons & _END:
            spans.append((start, position))
            start = None
        if reasons & _START:
            start = position
        position = finder.toNextBoundary()
    return spans


def widen_to_words(document: QTextDocument, anchor: int, position: int) -> tuple[int, int]:
    """A selection from ``anchor`` to ``position`` widened so that neither end cuts a word.

    The end that comes first moves back to the start of the word it is inside, the other
    forward to that word's end; an end between words stays where it is. The direction is
    kept: the returned anchor is the widened ``anchor``.
    """
    first_is_anchor = anchor <= position
    start, end = (anchor, position) if first_is_anchor else (position, anchor)
    start, end = _word_edge(document, start, forward=False), _word_edge(document, end, True)
    return (start, end) if first_is_anchor else (end, start)


def _word_edge(document: QTextDocument, position: int, forward: bool) -> int:
    """``position`` moved to the nearer edge of the word it is strictly inside (its start,
    or with ``forward`` its end); unchanged when it is not inside a word."""
    block = document.findBlock(position)
    if not block.isValid():
        return position
    inside = position - block.position()
    spans = word_spans(block.text())
    k = bisect_right(spans, (inside, inside)) - 1  # the last word starting before it
    if k < 0:
        return position
    word_start, word_end = spans[k]
    if not word_start < inside < word_end:
        return position
    return block.position() + (word_end if forward else word_start)
