"""Full-text search by stems (``communique search --stem``): the releases holding every word
of the query, each by its stem in the release's language, best matches first.

The query is read as a phrase is (store.phrases): its words, a quoted word matched as
written, a last word ending in ``*`` a prefix; search operators (OR, NOT, NEAR) are words
here. The index is asked for the releases holding each word's candidate starts, in its rank
order; a candidate is kept when every word occurs in its title or text by its stem
(store.phrases.occurrences, the concordance's matcher). The snippet is the index's: it
marks the words that begin as a stem's words do.
"""

from __future__ import annotations

from store.db import Store
from store.phrases import Phrase, occurrences
from store.releases import ReleaseFilter, SearchHit, search_releases
from store.stemming import languages_stemmed

_CANDIDATES_AT_ONCE = 200
_EVERY_RELEASE = ReleaseFilter()


def stemmed_search(
    store: Store, query: str, limit: int = 20, within: ReleaseFilter = _EVERY_RELEASE
) -> list[SearchHit]:
    """The best ``limit`` releases holding every word of ``query`` by its stem, among those
    that pass ``within``; ``store.phrases.PhraseError`` (one sentence) for a query of no word."""
    words = _words(Phrase.parse(query, stem=True), languages_stemmed(store.conn))
    candidates = " AND ".join(word.fts_query for word in words)
    hits: list[SearchHit] = []
    offset = 0
    while len(hits) < limit:
        page = search_releases(store, candidates, _CANDIDATES_AT_ONCE, within, offset)
        offset += len(page)
        texts = _texts(store, [hit.release.id for hit in page])
        for hit in page:
            title, text, language = texts[hit.release.id]
            if all(
                next(occurrences(title, word, language), None) is not None
                or next(occurrences(text, word, language), None) is not None
                for word in words
            ):
                hits.append(hit)
        if len(page) < _CANDIDATES_AT_ONCE:
            break
    return hits[:limit]


def _words(phrase: Phrase, languages: tuple[str, ...]) -> list[Phrase]:
    """Each word of the query as a phrase of its own, stemmed or not as the query says."""
    last = len(phrase.words) - 1
    return [
        Phrase(
            word,
            (word,),
            prefix=phrase.prefix and index == last,
            stemmed=(True,) if phrase.stems and phrase.stemmed[index] else (),
            languages=languages,
        )
        for index, word in enumerate(phrase.words)
    ]


def _texts(store: Store, ids: list[int]) -> dict[int, tuple[str, str, str | None]]:
    if not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    rows = store.conn.execute(
        f"SELECT id, title, text, language FROM releases WHERE id IN ({marks})", ids
    )
    return {release_id: (title, text, language) for release_id, title, text, language in rows}
