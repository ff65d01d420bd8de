"""A phrase as the analyst types it, and where it occurs in a release's text.

Matching is what the search index does with a phrase: case and accents do not count, words
are whole (as the index's tokenizer reads them: :mod:`store.index_words`; anything else,
punctuation included, only separates them), and the last word may end in ``*`` to match any
word it begins (``sanction*``). The store's search index (FTS5, ``unicode61
remove_diacritics 2``) finds the releases that hold the phrase and counts its occurrences
(:mod:`store.phrase_counts`); :func:`occurrences` finds each occurrence in one release's
canonical text, in code points, so that ``text[start:end]`` is the passage as written.

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

from store.index_words import character_folds, index_words

# A word as Python's Unicode tables read one: letters and digits (the underscore
# separates). The wording fingerprints (store.fingerprints) are kept in this reading.
WORD = re.compile(r"[^\W_]+")
# Marks that remove_diacritics 2 takes off a letter (é → e, ö → o).
_MARKS = re.compile(r"[\u0300-\u036f]")
# In a folded copy (below) every separator is ASCII: these, and the space.
_SEPARATOR = r"\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f"
_ASCII_LOWER = {code: chr(code).lower() for code in range(ord("A"), ord("Z") + 1)}
# No analyst's phrase is longer; a longer "phrase" is a pasted text.
MAX_WORDS = 64


class PhraseError(ValueError):
    """A phrase that cannot be looked for; the message is one sentence for the analyst."""


def folded(word: str) -> str:
    """A word with case and accents folded, by Python's Unicode tables (the fingerprints').

    >>> folded("Kyïv"), folded("ÉTAT")
    ('kyiv', 'etat')
    """
    if word.isascii():  # most words of most releases: casefold and NFKD change nothing else
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


def folded_words(text: str) -> list[str]:
    """The words of a text, folded (Python's reading, as the fingerprints read them).

    >>> folded_words("l'Unión, 2-state")
    ['l', 'union', '2', 'state']
    """
    return [folded(word) for word in WORD.findall(text)]


@dataclass(frozen=True)
class Phrase:
    """The words of a phrase, folded as the index folds them; ``prefix`` when the last
    word ends in ``*``."""

    text: str
    words: tuple[str, ...]
    prefix: bool = False

    @classmethod
    def parse(cls, text: str) -> Phrase:
        """The phrase typed; quotes and punctuation between words do not count.

        >>> Phrase.parse('"two-state  solution"').words
        ('two', 'state', 'solution')
        """
        words = tuple(word for _, _, word in index_words(text))
        if not words:
            raise PhraseError("Give a word or a phrase to look for; punctuation alone is none.")
        if len(words) > MAX_WORDS:
            raise PhraseError(f"A phrase is at most {MAX_WORDS} words; this one has {len(words)}.")
        prefix = text.rstrip().endswith("*")
        return cls(text, words, prefix)

    @property
    def pattern(self) -> re.Pattern[str]:
        """The phrase in a folded copy: its words whole, only separators between them."""
        return _phrase_pattern(self.words, self.prefix)

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

    Most texts fold character by character (each character of a word to one character):
    their folded copy has the same offsets, and one regular expression finds the phrase in
    it at C speed, which bulk coding over thousands of releases needs. Other texts (a
    combining accent, which the index drops from its word) are read word by word.
    """
    copy = _folded_copy(text)
    if copy is not None:
        for found in phrase.pattern.finditer(copy):
            yield Occurrence(found.start(), found.end())
    else:
        yield from occurrences_word_by_word(text, phrase)


def occurrences_word_by_word(text: str, phrase: Phrase) -> Iterator[Occurrence]:
    """:func:`occurrences` for any text: its words read as the index reads them."""
    spans = index_words(text)
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


@lru_cache(maxsize=64)
def _phrase_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    # The first word comes first, its start checked after it, so that the expression begins
    # with a literal: the regular-expression engine then skips to each place it appears.
    letter, separator = f"[^{_SEPARATOR}]", f"[{_SEPARATOR}]"
    first = re.escape(words[0])
    body = first + f"(?<!{letter}{first})"
    body += "".join(f"{separator}+" + re.escape(word) for word in words[1:])
    return re.compile(body + (f"{letter}*" if prefix else f"(?!{letter})"))


def _folded_copy(text: str) -> str | None:
    """``text`` with each word's characters folded and each separator an ASCII one, its
    offsets kept; None where a character folds to nothing."""
    if text.isascii():
        return text.lower()
    folds = character_folds(text)
    table = dict(_ASCII_LOWER)
    for char in set(text):
        if char.isascii():
            continue
        fold = folds[char]
        if fold is None:
            table[ord(char)] = " "
        elif len(fold) != 1 or (fold.isascii() and not fold.isalnum()):
            return None
        elif fold != char:
            table[ord(char)] = fold
    return text.translate(table)
