"""The sentence around a passage of a release's text: what "tag the sentence" tags.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by white space (closing quotes and
brackets stay with it), and at a line break; the passage's sentence runs from the end of the
one before to its own end, white space trimmed.

>>> text = "Rome, 3 May. The minister met her counterpart. They spoke of Kyiv."
>>> start = text.index("counterpart")
>>> text[slice(*sentence_around(text, start, start + 11))]
'The minister met her counterpart.'
"""

from __future__ import annotations

import re

# The white space after a sentence's last character (its full stop and closing quotes).
_BREAK = re.compile(r"(?<=[.!?…])([\"'”’»)\]]*)\s+|\n\s*")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The code points of the sentence (or sentences) holding ``text[start:end]``."""
    begin = 0
    for found in _BREAK.finditer(text, 0, start):
        begin = found.end()
    if begin > start:
        begin = start
    after = _BREAK.search(text, max(end, begin))
    finish = after.start() + len(after.group(1) or "") if after else len(text)
    while finish > end and text[finish - 1].isspace():
        finish -= 1
    while begin < start and text[begin].isspace():
        begin += 1
    return begin, max(finish, end)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` in order, each as code points, white space trimmed.

    >>> text = "Rome, 3 May. The minister met her counterpart.\\nThey spoke of Kyiv."
    >>> [text[a:b] for a, b in sentence_spans(text)]
    ['Rome, 3 May.', 'The minister met her counterpart.', 'They spoke of Kyiv.']
    """
    end = len(text) if end is None else end
    spans = []
    begin = start
    for found in _BREAK.finditer(text, start, end):
        spans.append((begin, found.start() + len(found.group(1) or "")))
        begin = found.end()
    spans.append((begin, end))
    trimmed = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed
