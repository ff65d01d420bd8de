"""The phrase matcher's folding: the quick way for ASCII words must fold as the full rule."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from store.phrases import _MARKS, Phrase, folded, occurrences, occurrences_word_by_word


def full_rule(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_fold_as_the_full_rule_folds_them(word: str) -> None:
    assert folded(word) == full_rule(word)


@given(st.text())
def test_any_word_folds_as_the_full_rule_folds_it(word: str) -> None:
    assert folded(word) == full_rule(word)


# Letters and digits of ASCII, separators, and what folding turns into them or splits them:
# accents composed and combining, ß, the Kelvin sign, fullwidth letters, a ligature, curly
# quotes and dashes, the underscore.
_PIECES = st.sampled_from(
    list("aAbBsSkK09 _-,.") + ["é", "e\u0301", "ß", "\u212a", "ｔ", "ﬁ", "’", "—", "İ", "\n"]
)
_TEXTS = st.lists(_PIECES, max_size=40).map("".join)


@given(_TEXTS, st.lists(st.sampled_from(["a", "b", "s", "k", "ss", "ab", "e", "0"]), min_size=1,
       max_size=3), st.booleans())  # fmt: skip
def test_an_ascii_text_is_read_asoccurrences_word_by_word_reading_reads_it(
    text, words, prefix
) -> None:
    phrase = Phrase(" ".join(words) + ("*" if prefix else ""), tuple(words), prefix)
    assert list(occurrences(text, phrase)) == list(occurrences_word_by_word(text, phrase))
