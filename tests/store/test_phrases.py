"""The phrase matcher's folding: the quick way for ASCII words must fold as the full rule."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from store.phrases import _MARKS, folded


def full_rule(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return unicodedata.normalize("NFC", _MARKS.sub("", decomposed))


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_words_fold_as_the_full_rule_folds_them(word: str) -> None:
    assert folded(word) == full_rule(word)


@given(st.text())
def test_any_word_folds_as_the_full_rule_folds_it(word: str) -> None:
    assert folded(word) == full_rule(word)
