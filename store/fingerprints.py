"""The wording of a text as runs of words, and the few fingerprints the store indexes it by.

A *shingle* is a run of ``SHINGLE_WORDS`` consecutive words, read by Python's Unicode tables
(:data:`store.phrases.WORD`, :func:`store.phrases.folded`: case and accents do not count,
punctuation only separates; the fingerprints kept in stores were taken so). Two texts that
share a passage share its shingles. Indexing every shingle of a million releases would cost
a row per word; the store keeps only the *winnowed* ones (Schleimer, Wilkerson and Aiken,
"Winnowing", SIGMOD 2003): of every ``WINDOW`` consecutive shingle hashes, the smallest. Two
texts sharing a passage of at least ``SHINGLE_WORDS + WINDOW - 1`` words
(``GUARANTEED_WORDS``) are certain to share a fingerprint, and about 2 / (``WINDOW`` + 1) of
the shingles are kept.

>>> words = words_of("Reaffirming its commitment to the sovereignty, independence, unity "
...                  "and territorial integrity of Ukraine within its borders")
>>> words[1].word, "Reaffirming its commitment..."[words[1].start:words[1].end]
('its', 'its')
>>> len(fingerprints("one two three")) == 0
True

"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from store.phrases import WORD, folded

SHINGLE_WORDS = 8
WINDOW = 16
GUARANTEED_WORDS = SHINGLE_WORDS + WINDOW - 1


@dataclass(frozen=True)
class Word:
    """A word of a text, folded, and where it is (code points: ``text[start:end]``)."""

    word: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def _folded(word: str) -> str:
    return folded(word)


def words_of(text: str) -> list[Word]:
    """Every word of ``text`` in order, as the search index reads them."""
    return [Word(_folded(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


def folded_words(text: str) -> list[str]:
    """The words of ``text`` folded, in order: ``words_of`` without where each one is, for
    reading many texts quickly."""
    return [_folded(word) for word in WORD.findall(text)]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Where each word of ``text`` is, in order: ``words_of`` without the words."""
    return [match.span() for match in WORD.finditer(text)]


def shingle_hash(words: tuple[str, ...]) -> int:
    """A stable 63-bit hash of a run of folded words (the same in every process and run)."""
    digest = hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def fingerprints(text: str) -> tuple[int, ...]:
    """The winnowed shingle hashes of ``text``, each once, in ascending order."""
    words = folded_words(text)
    hashes = [
        shingle_hash(tuple(words[i : i + SHINGLE_WORDS]))
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]
    if len(hashes) <= WINDOW:
        return (min(hashes),) if hashes else ()
    kept = {min(hashes[i : i + WINDOW]) for i in range(len(hashes) - WINDOW + 1)}
    return tuple(sorted(kept))
