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

With stemming asked for (``stem=True``), a word matches every word of its stem in the
release's language (store.stemming): "Sanktion" finds "Sanktionen" in a German release. A
word in quotes is still matched as written, and so is a prefix (``sanction*``); a quote
left open runs to the end of the phrase. A release in a language with no stemmer, or with
no language, is matched as written.

>>> stemmed = Phrase.parse('Sanktion "gegen" Russland', stem=True)
>>> [(o.start, o.end) for o in occurrences("Sanktionen gegen Russlands Banken", stemmed, "de")]
[(0, 26)]
>>> list(occurrences("Sanktionen gegen Russlands Banken", stemmed, None))
[]
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from store.index_words import character_folds, index_words
from store.stemming import candidate_prefix, has_stemmer, stem

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
    word ends in ``*``; ``stemmed`` says of each word whether it is matched by its stem
    (empty: none is), and ``languages`` are those whose stems the index query covers
    (:meth:`stemmed_in`)."""

    text: str
    words: tuple[str, ...]
    prefix: bool = False
    stemmed: tuple[bool, ...] = ()
    languages: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str, stem: bool = False) -> Phrase:
        """The phrase typed; punctuation between words does not count, and quotes only
        with ``stem``, where a quoted word is matched as written.

        >>> Phrase.parse('"two-state  solution"').words
        ('two', 'state', 'solution')
        >>> Phrase.parse('"sanctions" regime', stem=True).stemmed
        (False, True)
        """
        words: list[str] = []
        quoted: list[bool] = []
        # Between the 1st and 2nd quote, the 3rd and 4th…: an odd piece is quoted.
        for number, piece in enumerate(text.split('"')):
            found = [word for _, _, word in index_words(piece)]
            words += found
            quoted += [number % 2 == 1] * len(found)
        if not words:
            raise PhraseError("Give a word or a phrase to look for; punctuation alone is none.")
        if len(words) > MAX_WORDS:
            raise PhraseError(f"A phrase is at most {MAX_WORDS} words; this one has {len(words)}.")
        prefix = text.rstrip().endswith("*")
        stemmed = [stem and not q for q in quoted]
        if prefix:
            stemmed[-1] = False  # a prefix is matched as typed: it is no word to stem
        return cls(text, tuple(words), prefix, tuple(stemmed) if any(stemmed) else ())

    @property
    def stems(self) -> bool:
        """Whether any of its words is matched by its stem."""
        return bool(self.stemmed)

    def stemmed_in(self, languages: tuple[str, ...]) -> Phrase:
        """The phrase with its index query covering the stems of these languages (those of
        the releases looked through: store.stemming.languages_stemmed)."""
        return dataclasses.replace(self, languages=tuple(languages))

    @property
    def pattern(self) -> re.Pattern[str]:
        """The phrase in a folded copy: its words whole, only separators between them."""
        return _phrase_pattern(self.words, self.prefix)

    @property
    def fts_query(self) -> str:
        """The FTS5 query that finds the releases holding the phrase. A stemmed phrase finds
        the releases holding each of its words, a stemmed word by the starts its stems
        share in each language (:func:`store.stemming.candidate_prefix`); the matcher then
        keeps those where the phrase is."""
        if not self.stems or not self.languages:
            quoted = '"' + " ".join(self.words) + '"'
            return quoted + "*" if self.prefix else quoted
        return "(" + " AND ".join(self._word_query(i) for i in range(len(self.words))) + ")"

    def _word_query(self, index: int) -> str:
        word = self.words[index]
        if not self.stemmed[index]:
            return f'"{word}"*' if self.prefix and index == len(self.words) - 1 else f'"{word}"'
        starts = {candidate_prefix(word, language) for language in self.languages}
        # A start that begins with another is found by that one already.
        kept = sorted(s for s in starts if not any(s != o and s.startswith(o) for o in starts))
        return "(" + " OR ".join(f'"{start}"*' for start in kept) + ")"


@dataclass(frozen=True)
class Occurrence:
    """Where a phrase occurs: code points of the text, ``text[start:end]`` the passage."""

    start: int
    end: int


def occurrences(text: str, phrase: Phrase, language: str | None = None) -> Iterator[Occurrence]:
    """Each occurrence of ``phrase`` in ``text`` (a release in ``language``), in order, never
    overlapping.

    Most texts fold character by character (each character of a word to one character):
    their folded copy has the same offsets, and one regular expression finds the phrase in
    it at C speed, which bulk coding over thousands of releases needs. Other texts (a
    combining accent, which the index drops from its word) are read word by word.
    """
    stemming = phrase.stems and has_stemmer(language)
    copy = _folded_copy(text)
    if copy is None:
        yield from occurrences_word_by_word(text, phrase, language if stemming else None)
    elif stemming:
        yield from _stemmed_occurrences(copy, phrase, language)
    else:
        for found in phrase.pattern.finditer(copy):
            yield Occurrence(found.start(), found.end())


def occurrences_word_by_word(
    text: str, phrase: Phrase, language: str | None = None
) -> Iterator[Occurrence]:
    """:func:`occurrences` for any text: its words read as the index reads them."""
    spans = index_words(text)
    count = len(phrase.words)
    stemming = phrase.stems and has_stemmer(language)
    index = 0
    while index + count <= len(spans):
        found = [word for _, _, word in spans[index : index + count]]
        if _matches(found, phrase, language if stemming else None):
            yield Occurrence(spans[index][0], spans[index + count - 1][1])
            index += count
        else:
            index += 1


def _matches(found: list[str], phrase: Phrase, language: str | None) -> bool:
    """Whether the folded words found are the phrase's (by their stems in ``language``,
    where the phrase stems them; with no language, as written)."""
    last = len(phrase.words) - 1
    for offset, word in enumerate(phrase.words):
        if offset == last and phrase.prefix:
            if not found[offset].startswith(word):
                return False
        elif language is not None and phrase.stemmed[offset]:
            if stem(found[offset], language) != stem(word, language):
                return False
        elif found[offset] != word:
            return False
    return True


def _stemmed_occurrences(copy: str, phrase: Phrase, language: str) -> Iterator[Occurrence]:
    """The occurrences in a folded copy: a regular expression finds the places whose words
    begin as the phrase's stems do, and each word found there is stemmed and compared."""
    pattern = _stemmed_pattern(phrase.words, phrase.stemmed, phrase.prefix, language)
    position = 0
    while found := pattern.search(copy, position):
        if _matches(list(found.groups()), phrase, language):
            yield Occurrence(found.start(), found.end())
            position = found.end()
        else:
            position = found.start() + 1


@lru_cache(maxsize=64)
def _phrase_pattern(words: tuple[str, ...], prefix: bool) -> re.Pattern[str]:
    # The first word comes first, its start checked after it, so that the expression begins
    # with a literal: the regular-expression engine then skips to each place it appears.
    letter, separator = f"[^{_SEPARATOR}]", f"[{_SEPARATOR}]"
    first = re.escape(words[0])
    body = first + f"(?<!{letter}{first})"
    body += "".join(f"{separator}+" + re.escape(word) for word in words[1:])
    return re.compile(body + (f"{letter}*" if prefix else f"(?!{letter})"))


@lru_cache(maxsize=64)
def _stemmed_pattern(
    words: tuple[str, ...], stemmed: tuple[bool, ...], prefix: bool, language: str
) -> re.Pattern[str]:
    """Each word a group: a stemmed one any word beginning as its stems do, a quoted one as
    written, the last one any word it begins when the phrase ends in ``*``."""
    letter, separator = f"[^{_SEPARATOR}]", f"[{_SEPARATOR}]"
    last = len(words) - 1
    parts = []
    for index, word in enumerate(words):
        if stemmed[index]:
            parts.append(re.escape(candidate_prefix(word, language)) + f"{letter}*")
        elif index == last and prefix:
            parts.append(re.escape(word) + f"{letter}*")
        else:
            parts.append(re.escape(word) + f"(?!{letter})")
    # The first part begins with a literal, its start checked after it (as _phrase_pattern).
    start = re.escape(candidate_prefix(words[0], language) if stemmed[0] else words[0])
    body = "(" + start + f"(?<!{letter}{start})" + parts[0][len(start) :] + ")"
    body += "".join(f"{separator}+(" + part + ")" for part in parts[1:])
    return re.compile(body)


def _folded_copy(text: str) -> str | None:
    """``text`` with each word's characters folded and each separator an ASCII one, its
    offsets kept; None where a character folds to nothing or to more than one.

    Lowering the whole text and then replacing each of its few distinct non-ASCII
    characters runs in C; a translation table, asked of Python character by character,
    took three times as long for a text with curly quotes. The table stays for the rare
    text where lowering would not leave each character its own (a sign lowered to an ASCII
    letter, İ lowered to two characters, Σ lowered to ς at a word's end)."""
    if text.isascii():
        return text.lower()
    unique = set(text)
    folds = character_folds(unique)
    replacements: dict[str, str] = {}
    lowering = True  # whether lowering, then replacing, gives the copy
    for char in unique:
        if char.isascii():
            continue
        fold = folds[char]
        if fold is not None and (len(fold) != 1 or (fold.isascii() and not fold.isalnum())):
            return None
        wanted = " " if fold is None else fold
        lowered = char.lower()
        own = len(lowered) == 1 and not (lowered.isascii() and lowered != wanted) and char != "Σ"
        lowering = lowering and own and replacements.setdefault(lowered, wanted) == wanted
    # One replacement must not feed another.
    if not lowering or any(replacements.get(w, w) != w for w in replacements.values()):
        return _translated(text, unique, folds)
    copy = text.lower()
    for lowered, wanted in replacements.items():
        if lowered != wanted:
            copy = copy.replace(lowered, wanted)
    return copy


def _translated(text: str, unique: set[str], folds: dict[str, str | None]) -> str:
    """:func:`_folded_copy` by a translation table (every character's fold one character)."""
    table = dict(_ASCII_LOWER)
    for char in unique:
        if not char.isascii():
            fold = folds[char]
            table[ord(char)] = " " if fold is None else fold
    return text.translate(table)
