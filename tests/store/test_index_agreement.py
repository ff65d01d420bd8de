"""One definition of an occurrence: what the index's word positions count
(store.phrase_counts, behind the trends and the concordance's total) is what the matcher
finds in each text (store.phrases.occurrences, behind the concordance's lines and bulk
coding), release by release, over the real corpus in four languages; and a phrase matched
by its stems, which the matcher counts among the index's candidates, is counted as the
matcher finds it in every text."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store.db import Store
from store.imports.pipeline import import_paths
from store.index_words import index_words
from store.parsed import ParsedRelease
from store.phrase_counts import counted
from store.phrases import Phrase, occurrences
from store.release_saving import save_release
from store.stemming import languages_stemmed
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("corpus") / "store.db"
    with Store(path) as store:
        import_paths(store, [CORPUS / "swiss-news", CORPUS / "ep-pages", CORPUS / "farnesina"])
        texts = dict(store.conn.execute("SELECT id, text FROM releases"))
        yield store, texts


@pytest.fixture(scope="module")
def languages(corpus_store):
    store, _ = corpus_store
    return dict(store.conn.execute("SELECT id, language FROM releases"))


def counts_from_index(store: Store, phrase: Phrase) -> dict[int, int]:
    with counted(store, phrase) as hits:
        return dict(store.conn.execute(f"SELECT release_id, occurrences FROM {hits}"))


def counts_from_texts(
    texts: dict[int, str], phrase: Phrase, languages: dict[int, str | None] | None = None
) -> dict[int, int]:
    found = {
        i: sum(1 for _ in occurrences(text, phrase, (languages or {}).get(i)))
        for i, text in texts.items()
    }
    return {i: n for i, n in found.items() if n}


def phrase_from(text: str, seed: int) -> str:
    """A run of one to four words of a real text as written (punctuation between them
    kept), the last word now and then cut short as a prefix."""
    words = index_words(text)
    draw = random.Random(seed)
    first = draw.randrange(len(words))
    last = min(len(words) - 1, first + draw.randrange(4))
    typed = text[words[first][0] : words[last][1]]
    if draw.random() < 0.25 and words[last][1] - words[last][0] > 3:
        typed = typed[: len(typed) - draw.randrange(1, 3)] + "*"
    return typed


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_the_index_counts_in_each_release_what_the_matcher_finds(corpus_store, data) -> None:
    store, texts = corpus_store
    release_id = data.draw(st.sampled_from(sorted(texts)))
    typed = phrase_from(texts[release_id], data.draw(st.integers(0, 2**32)))
    # Without stemming, or with it asked for but every word quoted ("as written"): no word
    # is matched by its stem, and the count comes from the index's word positions.
    if data.draw(st.booleans()):
        phrase = Phrase.parse(typed, stem=False)
    else:
        phrase = Phrase.parse('"' + typed.replace('"', " ") + '"', stem=True)
    assert phrase.stemmed == ()
    assert counts_from_index(store, phrase) == counts_from_texts(texts, phrase), typed


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_a_stemmed_phrase_is_counted_as_the_matcher_finds_it_in_every_text(
    corpus_store, languages, data
) -> None:
    store, texts = corpus_store
    release_id = data.draw(st.sampled_from(sorted(texts)))
    typed = phrase_from(texts[release_id], data.draw(st.integers(0, 2**32)))
    phrase = Phrase.parse(typed, stem=True)
    if not phrase.stems:  # a single word cut short as a prefix: nothing to stem
        return
    phrase = phrase.stemmed_in(languages_stemmed(store.conn))
    counted_here = counts_from_index(store, phrase)
    assert counted_here == counts_from_texts(texts, phrase, languages), typed
    assert counted_here.get(release_id, 0) >= 1, typed


# Characters where Python's Unicode tables and the index's tokenizer part ways: a combining
# accent (a separator to Python, dropped inside the index's word), ß (Python folds it to
# "ss"), a ligature, private use, a superscript digit, an emoji, right-to-left script.
_PIECES = st.sampled_from(
    ["e", "E", "s", "st", " ", ", ", "-", "\u0301", "ß", "ẞ", "ﬁ", "\ue000", "²", "😀", "عرب",
     "İ", "’", "_", "\r\n"]
)  # fmt: skip


@settings(max_examples=80, deadline=None)
@given(texts=st.lists(st.lists(_PIECES, max_size=30).map("".join), min_size=1, max_size=4),
       data=st.data())  # fmt: skip
def test_odd_characters_are_counted_as_the_matcher_finds_them(texts, data, tmp_path_factory):
    path = tmp_path_factory.mktemp("odd") / "store.db"
    with Store(path) as store:
        with store.write():
            for n, body in enumerate(texts):
                parsed = ParsedRelease(title="x", body_markdown=body, identity=f"odd-{n}")
                save_release(store, parsed, origin_file=None)
        stored = dict(store.conn.execute("SELECT id, text FROM releases"))
        words = [w for text in stored.values() for _, _, w in index_words(text)]
        if not words:
            return
        chosen = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
        phrase = Phrase(" ".join(chosen), tuple(chosen), data.draw(st.booleans()))
        assert counts_from_index(store, phrase) == counts_from_texts(stored, phrase)


def test_a_phrase_that_overlaps_itself_is_counted_from_the_left(store: Store) -> None:
    save_release(
        store,
        ParsedRelease(title="t", body_markdown="very very very good, very very", identity="v"),
        origin_file=None,
    )
    phrase = Phrase.parse("very very")
    [(release_id, text)] = store.conn.execute("SELECT id, text FROM releases").fetchall()
    assert counts_from_index(store, phrase) == {release_id: 2}
    assert counts_from_texts({release_id: text}, phrase) == {release_id: 2}
