"""A phrase as the analyst types it, and where it occurs in a release's text.

Matching is what the search index does with a phrase: case and accents do not count, words
are whole (letters and digits; anything else, punctuation included, only separates them),
and the last word may end in ``*`` to match any word it begins (``sanction*``). The store's
search index (FTS5, ``unicode61 remove_diacritics 2``) finds the releases that hold the
phrase; :func:`occurrences` then finds each occurrence in one release's canonical text, in
code points, so that ``text[start:end]`` is the passage as written.

>>> phrase = Phrase.parse("territorial integrity")
>>> [(o.start, o.end) for o in occurrences("…the Territorial  Integrity, of", phrase)]
[(5, 27)]
>>> Phrase.parse("sanction*").fts_query
'"sanction"*'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

# A word as the search index reads one: letters and digits (the underscore separates).
_WORD = re.compile(r"[^\W_]+")
# Marks that remove_diacritics 2 takes off a letter (é → e, ö → o).
_MARKS = re.compile(r"[\u0300-\u036f]")
# No analyst's phrase is longer; a longer "phrase" is a pasted text.
MAX_WORDS = 64


class PhraseError(ValueError):
    """A phrase that cannot be looked for; the message is one sentence for the analyst."""


def folded(word: str) -> str:
    """A word as the index compares it: case and accents folded.

    >>> folded("Kyïv"), folded("ÉTAT")
    ('kyiv', 'etat')
    """
    if word.isascii():  # most words of most releases: casefold and NFKD change nothing else
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


@dataclass(frozen=True)
class Phrase:
    """The words of a phrase, folded; ``prefix`` when the last word ends in ``*``."""

    text: str
    words: tuple[str, ...]
    prefix: bool = False

    @classmethod
    def parse(cls, text: str) -> Phrase:
        """The phrase typed; quotes and punctuation between words do not count.

        >>> Phrase.parse('"two-state  solution"').words
        ('two', 'state', 'solution')
        """
        words = tuple(folded(word) for word in _WORD.findall(text))
        if not words:
            raise PhraseError("Give a word or a phrase to look for; punctuation alone is none.")
        if len(words) > MAX_WORDS:
            raise PhraseError(f"A phrase is at most {MAX_WORDS} words; this one has {len(words)}.")
        prefix = text.rstrip().endswith("*")
        return cls(text, words, prefix)

    @property
    def fts_query(self) -> str:
        """The FTS5 query that finds the releases holding the phrase."""
        quoted = '"' + " ".join(self.words) + '"'
        return quoted + "*" if self.prefix else quoted


@dataclass(frozen=True)
class Occurrence:
    """Where a phrase occurs: code points of the text, ``text[start:end]`` the passage."""

    start: int
    end: int


def occurrences(text: str, phrase: Phrase) -> Iterator[Occurrence]:
    """Each occurrence of ``phrase`` in ``text``, in order, never overlapping.

    A text with no letter or digit outside ASCII (most releases in English) has only ASCII
    words, which fold by lower() alone: there one regular expression finds what the word
    by word reading would, without folding every word of the text (a trend reads every
    release that holds a common phrase).
    """
    if not text.isascii() and _NON_ASCII_WORD.search(text):
        yield from _word_by_word(text, phrase)
        return
    pattern = _ascii_pattern(phrase)
    if pattern is not None:  # else a word of the phrase is not ASCII: none in this text
        for match in pattern.finditer(text):
            yield Occurrence(match.start(), match.end())


# A letter or digit outside ASCII.
_NON_ASCII_WORD = re.compile(r"[^\W\x00-\x7f]")
_ASCII_WORD = "A-Za-z0-9"


@lru_cache(maxsize=256)
def _ascii_pattern(phrase: Phrase) -> re.Pattern[str] | None:
    """The phrase in a text of ASCII words: its words whole, any run of other characters
    between them, the last one a prefix if asked."""
    if not all(word.isascii() for word in phrase.words):
        return None
    words = [re.escape(word) for word in phrase.words]
    if phrase.prefix:
        words[-1] += f"[{_ASCII_WORD}]*"
    between = f"[^{_ASCII_WORD}]+"
    return re.compile(
        f"(?<![{_ASCII_WORD}])" + between.join(words) + f"(?![{_ASCII_WORD}])",
        re.ASCII | re.IGNORECASE,
    )


def _word_by_word(text: str, phrase: Phrase) -> Iterator[Occurrence]:
    spans = [(m.start(), m.end(), folded(m.group())) for m in _WORD.finditer(text)]
    count = len(phrase.words)
    index = 0
    while index + count <= len(spans):
        if _matches(spans, index, phrase):
            yield Occurrence(spans[index][0], spans[index + count - 1][1])
            index += count
        else:
            index += 1


def _matches(spans: list[tuple[int, int, str]], index: int, phrase: Phrase) -> bool:
    last = len(phrase.words) - 1
    for offset, word in enumerate(phrase.words):
        found = spans[index + offset][2]
        if offset == last and phrase.prefix:
            if not found.startswith(word):
                return False
        elif found != word:
            return False
    return True
