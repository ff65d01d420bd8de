"""What two language versions of one statement share whatever their language: the anchors.

Numbers (however the language groups their digits: "1'000", "1 000", "1.000", "1,000" are
all 1000), web addresses, e-mail addresses, acronyms ("OSCE", "UNO") and names in capitals
("LEBRÓN"), and capitalised words that are not the first of a sentence (names: "Cassis",
"Berset", "Paraguay"; in German every noun is capitalised too, but a German noun is seldom
the French or Italian word, so it makes the German side's list longer without making a
false match). With them, the shape of the text: how many paragraphs, how long.

>>> text = "Am 13. Januar 2015 empfing Didier Burkhalter 1'200 Gäste der OSZE."
>>> sorted(anchors(text).items)
['#1200', '#13', '#2015', 'Burkhalter', 'Didier', 'Gaste', 'Januar', 'OSZE']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from store.canonical import BLOCK_SEPARATOR

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A number: digits, possibly grouped by an apostrophe, a (thin or no-break) space, a point
# or a comma between groups of three.
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:(?:[’'\u202f\u00a0 .,])\d{3})+(?!\d)|\d+")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# What ends a sentence before a word ("13." is a German date's day, not an end).
_SENTENCE_END = re.compile(r"(?:(?<!\d)[.!?]|[:;»«\"“”„()\[\]\n])\s*$")
# Shorter capitalised words are articles and pronouns ("Le", "Il", "We") more than names.
_MIN_NAME = 3


@dataclass(frozen=True)
class Anchors:
    """A release's anchors (``items``) and its shape (``paragraphs``, ``length``)."""

    items: frozenset[str]
    paragraphs: int
    length: int


def anchors(text: str, title: str = "") -> Anchors:
    """The anchors of a release's canonical text and title."""
    whole = f"{title}\n\n{text}" if title else text
    items: set[str] = set()
    for match in _URL.finditer(whole):
        address = match.group().rstrip(".,;:").lower()
        items.add("@" + address.removeprefix("https://").removeprefix("http://"))
    for match in _EMAIL.finditer(whole):
        items.add("@" + match.group().lower())
    for match in _NUMBER.finditer(whole):
        digits = re.sub(r"\D", "", match.group()).lstrip("0") or "0"
        items.add("#" + digits)
    for match in _WORD.finditer(whole):
        word = match.group().rstrip("’'-")
        if len(word) < _MIN_NAME or not word[0].isupper():
            continue
        if word.isupper():
            items.add(_folded(word).upper())
            continue
        before = whole[max(0, match.start() - 3) : match.start()]
        if match.start() == 0 or _SENTENCE_END.search(before):
            continue  # the first word of a sentence: capitalised whatever it is
        items.add(_folded(word))
    paragraphs = sum(1 for block in text.split(BLOCK_SEPARATOR) if block.strip())
    return Anchors(frozenset(items), paragraphs, len(text))


def _folded(word: str) -> str:
    """A name without its accents: "Genève" and "Geneve" are one anchor."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
