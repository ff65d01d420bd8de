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


def folded_words(text: str) -> list[str]:
    """The words of a text as the index reads and compares them.

    >>> folded_words("l'Unión, 2-state")
    ['l', 'union', '2', 'state']
    """
    return [folded(word) for word in _WORD.findall(text)]


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
    def pattern(self) -> re.Pattern[str]:
        """The phrase in a folded text: its words whole, anything but a word between them."""
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

    Most texts fold character by character (each character to one character): their folded
    copy has the same offsets, and one regular expression finds the phrase in it at C speed,
    which a concordance over thousands of releases needs. Other texts (ß, ligatures,
    decomposed accents) are read word by word.
    """
    copy = _folded_copy(text)
    if copy is not None:
        for found in phrase.pattern.finditer(copy):
            yield Occurrence(found.start(), found.end())
    else:
        yield from occurrences_word_by_word(text, phrase)


def occurrences_word_by_word(text: str, phrase: Phrase) -> Iterator[Occurrence]:
    """:func:`occurrences` for any text: each word folded as the index folds it."""
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


@lru_cache(maxsize=64)
def _phrase_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    # The first word comes first, its start checked after it, so that the expression begins
    # with a literal: the regular-expression engine then skips to each place it appears.
    first = re.escape(words[0])
    body = first + r"(?<![^\W_]" + first + ")"
    body += "".join(r"[\W_]+" + re.escape(word) for word in words[1:])
    return re.compile(body + (r"[^\W_]*" if prefix else r"(?![^\W_])"))


# Each character met so far, folded; None where it folds to more or fewer than one.
_CHAR_FOLDS: dict[str, str | None] = {}


def _folded_copy(text: str) -> str | None:
    """``text`` folded character by character, its offsets kept; None where one cannot be."""
    if text.isascii():
        return text.lower()
    unique = set(text)
    if not any(char.isalnum() for char in unique if not char.isascii()):
        # Its letters and digits are ASCII: lowering folds them all, and lowers nothing
        # else to more than one character (only İ does, and it is a letter).
        return text.lower()
    table = {}
    for char in unique:
        fold = _CHAR_FOLDS.get(char, "")
        if fold == "":
            fold = folded(char)
            fold = _CHAR_FOLDS[char] = fold if len(fold) == 1 else None
        if fold is None:
            return None
        if fold != char:
            table[ord(char)] = fold
    return text.translate(table)
