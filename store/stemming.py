"""Words reduced to their stems by a release's language, when the analyst asks for stemming.

The stemmers are Snowball's, through PyStemmer (its C library): one for each language
Snowball has, chosen by the release's language code (a BCP 47 primary subtag, "de", "fr").
A release in a language Snowball has no stemmer for, or with no language, has no stemmer:
its words are matched as written (folded). Words are stemmed folded, case and accents off,
so that stemming keeps the search's promise that accents do not count: "negociations" and
"négociations" have one stem.

The search index holds words, not stems. A stemmed word is looked for there by the start
that every word of its stem shares (:func:`candidate_prefix`), and each word found is then
stemmed and compared (store.phrases). How often that start misses a word of the same stem
is measured by ``bench/bench_stemming.py`` (docs/text-analysis.md).

>>> stem("sanktionen", "de"), stem("negociations", "fr"), stem("sanctions", "ja")
('sanktion', 'negoci', 'sanctions')
>>> candidate_prefix("cries", "en")
'cr'
"""

from __future__ import annotations

import os
import sqlite3
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import Stemmer

# Language codes Snowball knows under another one: Bokmål is Snowball's Norwegian.
_SNOWBALL_CODES = {"nb": "no"}
# A start this short is kept whole: one or two letters would match most words of a text.
_SHORTEST_CUT = 3
# Each thread has stemmers of its own (a concordance counts on one worker while another
# reads its first page), and remembers the stems it has made, up to this many words.
_KEPT_STEMS = 200_000
_local = threading.local()


def has_stemmer(language: str | None) -> bool:
    """Whether releases in ``language`` are matched by stems."""
    return _stemmer(language) is not None


def stem(word: str, language: str | None) -> str:
    """The stem of a folded word in ``language``; the word itself where there is no stemmer."""
    stemmer = _stemmer(language)
    if stemmer is None:
        return word
    stems = _local.stems.setdefault(language, {})
    found = stems.get(word)
    if found is None:
        if len(stems) >= _KEPT_STEMS:
            stems.clear()
        found = stems[word] = stemmer.stemWord(word)
    return found


def candidate_prefix(word: str, language: str | None) -> str:
    """The start of ``word`` that the words sharing its stem begin with.

    Snowball takes suffixes off and sometimes changes the stem's last letter ("cries" →
    "cri", "using" → "use"): the start kept is what the word and its stem share, less one
    letter, so that "cry" and "used" are found too. Where there is no stemmer, or the stem
    does not begin as the word does, it is the word.
    """
    if not has_stemmer(language):
        return word
    shared = os.path.commonprefix([word, stem(word, language)])
    if not shared:  # a stemmer that takes prefixes off (Indonesian): the word as written
        return word
    return shared[:-1] if len(shared) >= _SHORTEST_CUT else shared


def languages_stemmed(conn: sqlite3.Connection) -> tuple[str, ...]:
    """The languages of the store's releases that have a stemmer, each once.

    Read by seeking the next language in ``releases_language`` from the last one, so that a
    million releases in four languages cost four look-ups, not a scan.
    """
    rows = conn.execute(
        """WITH RECURSIVE held(language) AS (
               SELECT min(language) FROM releases
               UNION ALL
               SELECT (SELECT min(language) FROM releases WHERE language > held.language)
               FROM held WHERE held.language IS NOT NULL
           )
           SELECT language FROM held WHERE language IS NOT NULL"""
    )
    return tuple(language for (language,) in rows if has_stemmer(language))


def _stemmer(language: str | None) -> Stemmer.Stemmer | None:
    if not language:
        return None
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
        _local.stems = {}
    if language not in stemmers:
        import Stemmer  # the C library loads with the first word stemmed, not at start-up

        code = language.lower()
        try:
            stemmers[language] = Stemmer.Stemmer(_SNOWBALL_CODES.get(code, code))
        except KeyError:
            stemmers[language] = None
    return stemmers[language]
