"""Text compared under Unicode NFC, with offsets kept in the text as it is stored.

A release may spell "é" as one code point (composed) or as "e" plus a combining accent
(decomposed), and an analyst's quote may spell it the other way; both say the same thing.
:class:`NormalText` holds the NFC form of a text and maps each of its offsets back to the
offsets of the text as given, so a match found in the NFC form is saved where the
release's own characters are.
"""

from __future__ import annotations

import unicodedata


class NormalText:
    """The NFC form of ``text`` and the way back to ``text``'s own offsets.

    >>> decomposed = "Se\\u0301ne\\u0301gal (cafe\\u0301)"
    >>> normal = NormalText(decomposed)
    >>> at = normal.nfc.index("café")
    >>> normal.span(at, at + len("café"))
    (11, 16)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        if unicodedata.is_normalized("NFC", text):
            self.nfc = text
            self._starts = self._ends = None
            return
        pieces, starts, ends = [], [], []
        for begin, end in _pieces(text):
            piece = unicodedata.normalize("NFC", text[begin:end])
            pieces.append(piece)
            if piece == text[begin:end]:
                starts.extend(range(begin, end))
                ends.extend(range(begin, end))
            else:  # a position inside a recomposed letter takes the whole letter
                starts.extend([begin] * len(piece))
                ends.extend([begin] + [end] * (len(piece) - 1))
        starts.append(len(text))
        ends.append(len(text))
        self.nfc = "".join(pieces)
        self._starts, self._ends = starts, ends

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The offsets in the given text of the NFC form's ``nfc[start:end]``."""
        if self._starts is None:
            return start, end
        return self._starts[start], self._ends[end]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _pieces(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that NFC normalises each on its own exactly as it does the whole.

    A piece begins at a character that starts a letter (combining class 0 once decomposed)
    and does not compose with what comes before it (as Hangul jamo do).
    """
    spans, begin = [], 0
    for at in range(1, len(text)):
        char = text[at]
        if unicodedata.combining(unicodedata.normalize("NFD", char)[0]) != 0:
            continue
        piece = text[begin:at]
        if nfc(piece + char) == nfc(piece) + nfc(char):
            spans.append((begin, at))
            begin = at
    if text:
        spans.append((begin, len(text)))
    return spans
