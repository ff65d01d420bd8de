"""The one boundary where reader positions become store offsets, and back.

Qt counts a ``QTextCursor`` position in UTF-16 code units over the ``QTextDocument``; the
store counts code points of the release's canonical text (``store.canonical``). The two texts
hold the same visible characters in the same order but differ in white space: Qt puts one
U+2029 between blocks where the canonical text has ``"\\n\\n"``, U+2028 for ``<br>``, U+FDD0 /
U+FDD1 around table cells, U+FFFC for objects. So the mapping pairs up the *visible*
characters of both texts in order, and every conversion goes through those pairs.

Any other module that needs to turn a cursor position into an offset (or back) must use
:class:`TextPositions`; nowhere else in the window is a Qt position compared with an offset.
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

# Characters Qt's document uses for structure, not text (block and line separators, frame
# boundaries, object replacement); they never pair with canonical characters. ``\s`` is
# exactly ``str.isspace``; regular expressions keep a 20 KB release to a few milliseconds.
_DOC_VISIBLE = re.compile(r"[^\s\u2029\u2028\ufdd0\ufdd1\ufffc]+")  # runs of them
_DOC_STRUCTURE = re.compile(r"[\ufdd0\ufdd1\ufffc]")  # the ones that are not white space
_CANON_VISIBLE = re.compile(r"\S+")
# Where the two texts may differ: a run of white space (or structure) that is more than one
# space between two visible characters; a release has one per paragraph or line, not one per
# word. Each pattern begins with its blank character so the search skips text in C: a blank
# begins a run when it is not a space, or the next character is blank too, or it ends the text
# (a lone space that begins the text is added by _breaks).
_BLANK = r"[\s\ufdd0\ufdd1\ufffc]"  # in the document: white space or structure
_DOC_BREAKS = re.compile(rf"{_BLANK}(?:(?<! )|(?={_BLANK})|\Z){_BLANK}*")
_CANON_BREAKS = re.compile(r"\s(?:(?<! )|(?=\s)|\Z)\s*")
_ASTRAL = re.compile(r"[\U00010000-\U0010FFFF]")


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 position of each code point of ``text``, plus one past the end.

    >>> utf16_offsets("a🇺b")
    [0, 1, 3, 4]
    """
    if not _ASTRAL.search(text):
        return list(range(len(text) + 1))
    return [0, *accumulate(2 if ord(c) > 0xFFFF else 1 for c in text)]


@dataclass(frozen=True)
class QtRange:
    """A span of the document in Qt positions (UTF-16 units), ``end`` exclusive."""

    start: int
    end: int


class TextPositions:
    """Pairs the visible characters of the document with those of the canonical text.

    >>> positions = TextPositions("Title\\u2029Body 🇺🇦 text", "Title\\n\\nBody 🇺🇦 text")
    >>> positions.to_canonical(0, 7)  # "Title" plus the separator and the "B"
    (0, 8)
    >>> positions.to_qt(7, 17)  # "Body 🇺🇦 te" in the canonical text
    QtRange(start=6, end=18)
    """

    def __init__(self, document_text: str, canonical: str) -> None:
        """``document_text`` is ``QTextDocument.toRawText()`` (one code point per char)."""
        self.canonical = canonical
        self._doc_text = document_text
        # Qt position of document index d: d plus the astral characters before it (each
        # takes two UTF-16 units). Computed per query, so building stays a few regex scans.
        self._astral = [m.start() for m in _ASTRAL.finditer(document_text)]
        self._astral_qt = [d + n for n, d in enumerate(self._astral)]
        # Pieces: the k-th starts at canonical index _canon[k] and document index _doc[k]
        # and is _size[k] characters long, the same in both texts. Inside a piece the only
        # white space is a lone " " between visible characters; nothing else pairs.
        pieces = _equal_pieces(document_text, canonical)
        if pieces is None:
            pieces = _paired_pieces(document_text, canonical)
        self._canon, self._doc, self._size = pieces

    # --- characters and their places ------------------------------------------------------

    def _qt(self, d: int) -> int:
        return d + bisect_left(self._astral, d)

    def _qt_end(self, d: int) -> int:
        return self._qt(d) + (2 if ord(self._doc_text[d]) > 0xFFFF else 1)

    def _doc_at_or_after(self, qt_position: int) -> int:
        """The first document index whose Qt position is at or after ``qt_position``."""
        before = bisect_left(self._astral_qt, qt_position)  # astral characters starting before
        d = qt_position - before
        if before and self._astral_qt[before - 1] == qt_position - 1:
            d += 1  # the position is inside that character's surrogate pair
        return d

    @staticmethod
    def _first_from(
        starts: list[int], sizes: list[int], text: str, index: int
    ) -> tuple[int, int] | None:
        """Piece number of the first paired character at or after ``index`` of ``text``
        (whose pieces begin at ``starts``), and that character's index."""
        k = bisect_right(starts, index) - 1
        if k < 0 or index >= starts[k] + sizes[k]:
            k += 1
            if k == len(starts):
                return None
            index = starts[k]
        return k, index + 1 if text[index] == " " else index

    @staticmethod
    def _last_before(
        starts: list[int], sizes: list[int], text: str, index: int
    ) -> tuple[int, int] | None:
        """Piece number of the last paired character before ``index`` of ``text``, and its
        index."""
        k = bisect_left(starts, index) - 1
        if k < 0:
            return None
        last = min(index - 1, starts[k] + sizes[k] - 1)
        return k, last - 1 if text[last] == " " else last

    def _to_doc(self, found: tuple[int, int]) -> int:
        k, c = found
        return self._doc[k] + c - self._canon[k]

    def _to_canon(self, found: tuple[int, int]) -> int:
        k, d = found
        return self._canon[k] + d - self._doc[k]

    # --- conversions ---------------------------------------------------------------------------

    def to_canonical(self, qt_start: int, qt_end: int) -> tuple[int, int] | None:
        """Canonical ``(start, end)`` of the visible characters inside a Qt selection.

        White space at either end is left out; ``None`` when nothing visible is selected.
        A character counts as selected when the selection covers its first UTF-16 unit.
        """
        if qt_end < qt_start:
            qt_start, qt_end = qt_end, qt_start
        doc, size, text = self._doc, self._size, self._doc_text
        first = self._first_from(doc, size, text, self._doc_at_or_after(qt_start))
        last = self._last_before(doc, size, text, self._doc_at_or_after(qt_end))
        if first is None or last is None or first[1] > last[1]:
            return None
        return self._to_canon(first), self._to_canon(last) + 1

    def to_qt(self, start: int, end: int) -> QtRange | None:
        """The Qt span that shows canonical ``text[start:end]`` (trimmed to visible chars)."""
        canon, size, text = self._canon, self._size, self.canonical
        first = self._first_from(canon, size, text, start)
        last = self._last_before(canon, size, text, end)
        if first is None or last is None or first[1] > last[1]:
            return None
        return QtRange(self._qt(self._to_doc(first)), self._qt_end(self._to_doc(last)))


def _equal_pieces(
    document_text: str, canonical: str
) -> tuple[list[int], list[int], list[int]] | None:
    """Pieces for the usual case: the texts are the same between their breaks (paragraph
    and line separators, runs of white space), so a piece is everything between two breaks
    and building costs one scan per text. ``None`` when they differ anywhere."""
    doc_breaks = _breaks(_DOC_BREAKS, document_text)
    canon_breaks = _breaks(_CANON_BREAKS, canonical)
    if len(doc_breaks) != len(canon_breaks):
        return None
    canon, doc, size = [], [], []
    d = c = 0
    for (d_end, d_next), (c_end, c_next) in zip(
        [*doc_breaks, (len(document_text), 0)], [*canon_breaks, (len(canonical), 0)], strict=True
    ):
        if d_end - d != c_end - c or document_text[d:d_end] != canonical[c:c_end]:
            return None
        if d_end > d:
            canon.append(c)
            doc.append(d)
            size.append(d_end - d)
        d, c = d_next, c_next
    return canon, doc, size


def _breaks(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in pattern.finditer(text)]
    if text.startswith(" ") and not (spans and spans[0][0] == 0):
        spans.insert(0, (0, 1))
    return spans


def _paired_pieces(document_text: str, canonical: str) -> tuple[list[int], list[int], list[int]]:
    """Pieces of one visible character each, paired by :func:`_pair_up` (texts that differ)."""
    doc_visible = _indices(_DOC_VISIBLE, document_text)
    canon_visible = _indices(_CANON_VISIBLE, canonical)
    canon, doc = _pair_up(document_text, doc_visible, canonical, canon_visible)
    return canon, doc, [1] * len(canon)


def _indices(runs: re.Pattern[str], text: str) -> list[int]:
    """Index of every character of ``text`` inside a match of ``runs``, in order (a run of
    visible characters per word, extended as ranges: far fewer matches than characters)."""
    found: list[int] = []
    extend = found.extend
    for match in runs.finditer(text):
        extend(range(*match.span()))
    return found


def _visible(text: str) -> str:
    """``text`` without its white space (``str.split`` splits exactly where ``\\s`` matches,
    and costs less than removing the matches of a regular expression)."""
    return "".join(text.split())


def _pair_up(
    document_text: str, doc_visible: list[int], canonical: str, canon_visible: list[int]
) -> tuple[list[int], list[int]]:
    """Canonical and document indices of the visible characters the two texts share.

    Both texts come from the same HTML, so the visible characters are normally identical and
    pair one to one. Should a renderer ever drop or change a character, the rest still pairs
    up by aligning the two sequences (slower, so only then).
    """
    doc_chars = _DOC_STRUCTURE.sub("", _visible(document_text))
    canon_chars = _visible(canonical)
    if doc_chars == canon_chars:
        return canon_visible, doc_visible
    matcher = difflib.SequenceMatcher(None, canon_chars, doc_chars, autojunk=False)
    canon, doc = [], []
    for a, b, size in matcher.get_matching_blocks():
        canon.extend(canon_visible[a : a + size])
        doc.extend(doc_visible[b : b + size])
    return canon, doc
