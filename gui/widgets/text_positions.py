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
from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate

# Characters Qt's document uses for structure, not text (block and line separators, frame
# boundaries, object replacement); they never pair with canonical characters. ``\s`` is
# exactly ``str.isspace``; regular expressions keep a 20 KB release to a few milliseconds.
_DOC_VISIBLE = re.compile(r"[^\s\u2029\u2028\ufdd0\ufdd1\ufffc]+")  # runs of them
_DOC_BLANKS = re.compile(r"[\s\u2029\u2028\ufdd0\ufdd1\ufffc]+")
_CANON_VISIBLE = re.compile(r"\S+")
_CANON_BLANKS = re.compile(r"\s+")
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
        doc_visible = _indices(_DOC_VISIBLE, document_text)
        canon_visible = _indices(_CANON_VISIBLE, canonical)
        # Two increasing lists of equal length: the k-th paired character's index in each text.
        self._canon, self._doc = _pair_up(document_text, doc_visible, canonical, canon_visible)
        self._keys = range(len(self._doc))

    def _qt_start(self, k: int) -> int:
        d = self._doc[k]
        return d + bisect_left(self._astral, d)

    def _qt_end(self, k: int) -> int:
        return self._qt_start(k) + (2 if ord(self._doc_text[self._doc[k]]) > 0xFFFF else 1)

    def _first_at_or_after(self, qt_position: int) -> int:
        return bisect_left(self._keys, qt_position, key=self._qt_start)

    def to_canonical(self, qt_start: int, qt_end: int) -> tuple[int, int] | None:
        """Canonical ``(start, end)`` of the visible characters inside a Qt selection.

        White space at either end is left out; ``None`` when nothing visible is selected.
        A character counts as selected when the selection covers its first UTF-16 unit.
        """
        if qt_end < qt_start:
            qt_start, qt_end = qt_end, qt_start
        first = self._first_at_or_after(qt_start)
        last = self._first_at_or_after(qt_end) - 1
        if first > last:
            return None
        return self._canon[first], self._canon[last] + 1

    def to_qt(self, start: int, end: int) -> QtRange | None:
        """The Qt span that shows canonical ``text[start:end]`` (trimmed to visible chars)."""
        first = bisect_left(self._canon, start)
        last = bisect_left(self._canon, end) - 1
        if first > last:
            return None
        return QtRange(self._qt_start(first), self._qt_end(last))

    def to_qt_position(self, offset: int) -> int:
        """The Qt position of the first visible character at or after a canonical offset."""
        if not self._canon:
            return 0
        return self._qt_start(min(bisect_left(self._canon, offset), len(self._canon) - 1))

    def qt_to_offset(self, qt_position: int) -> int | None:
        """The canonical offset of the visible character at a Qt position, if there is one."""
        index = self._first_at_or_after(qt_position)
        if index < len(self._doc) and self._qt_start(index) == qt_position:
            return self._canon[index]
        if index > 0 and self._qt_start(index - 1) < qt_position < self._qt_end(index - 1):
            return self._canon[index - 1]  # inside a surrogate pair
        return None


def _indices(runs: re.Pattern[str], text: str) -> list[int]:
    """Index of every character of ``text`` inside a match of ``runs``, in order (a run of
    visible characters per word, extended as ranges: far fewer matches than characters)."""
    found: list[int] = []
    extend = found.extend
    for match in runs.finditer(text):
        extend(range(*match.span()))
    return found


def _pair_up(
    document_text: str, doc_visible: list[int], canonical: str, canon_visible: list[int]
) -> tuple[list[int], list[int]]:
    """Canonical and document indices of the visible characters the two texts share.

    Both texts come from the same HTML, so the visible characters are normally identical and
    pair one to one. Should a renderer ever drop or change a character, the rest still pairs
    up by aligning the two sequences (slower, so only then).
    """
    doc_chars = _DOC_BLANKS.sub("", document_text)
    canon_chars = _CANON_BLANKS.sub("", canonical)
    if doc_chars == canon_chars:
        return canon_visible, doc_visible
    matcher = difflib.SequenceMatcher(None, canon_chars, doc_chars, autojunk=False)
    canon, doc = [], []
    for a, b, size in matcher.get_matching_blocks():
        canon.extend(canon_visible[a : a + size])
        doc.extend(doc_visible[b : b + size])
    return canon, doc
