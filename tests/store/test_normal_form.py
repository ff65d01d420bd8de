"""A quote finds its passage whether either side spells accents composed or decomposed, and
the offsets found are those of the release's text as stored."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from store.anchoring import find_quote
from store.normal_form import NormalText

# Letters whose NFC and NFD differ, with plain letters, emoji, Hangul and a letter with two
# marks NFC cannot compose into one (q + dot below + diaeresis).
LETTERS = list("abcnqsz") + ["é", "ñ", "ü", "ç", "ő", "ș", "ệ", "한", "🇺🇦", "q\u0323\u0308", "Å"]
SEPARATORS = [" ", "  ", "\n", ", ", " (", ") "]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def spelt(form: str, word: str) -> str:
    return unicodedata.normalize(form, word)


words = st.lists(st.sampled_from(LETTERS), min_size=1, max_size=6).map("".join)
forms = st.sampled_from(["NFC", "NFD"])


@st.composite
def release_and_quote(draw: st.DrawFn) -> tuple[str, int, str]:
    """A text whose words are each spelt composed or decomposed, the offset of a run of its
    words, and that run as a quote spelt either way."""
    chosen = draw(st.lists(words, min_size=1, max_size=12))
    gaps = [draw(st.sampled_from(SEPARATORS)) for _ in chosen]
    spelling = [spelt(draw(forms), word) for word in chosen]
    first = draw(st.integers(0, len(chosen) - 1))
    last = draw(st.integers(first, len(chosen) - 1))
    text, start = "", 0
    for index, (word, gap) in enumerate(zip(spelling, gaps, strict=True)):
        if index == first:
            start = len(text)
        text += word + gap
    between = [word + gap for word, gap in zip(chosen[first:last], gaps[first:last], strict=True)]
    quote = "".join(between) + chosen[last]
    return text, start, spelt(draw(forms), quote)


@given(release_and_quote())
def test_a_quote_is_found_however_either_side_spells_its_accents(case) -> None:
    text, start, quote = case
    found = find_quote(text, quote)
    assert found is not None
    begin, end = found
    assert begin <= start  # the first occurrence, at the run or before it
    assert " ".join(nfc(text[begin:end]).split()) == " ".join(nfc(quote).split())


@given(st.lists(st.sampled_from([*LETTERS, *SEPARATORS, "\u0301", "\u0308", "\u1100", "\u1161"])))
def test_every_offset_of_the_normal_form_maps_into_the_text_in_order(pieces: list[str]) -> None:
    text = spelt("NFD", "".join(pieces))
    normal = NormalText(text)
    assert normal.nfc == nfc(text)
    spans = [normal.span(0, at) for at in range(len(normal.nfc) + 1)]
    assert spans[-1] == (0, len(text))
    ends = [end for _, end in spans]
    assert ends == sorted(ends) and all(0 <= end <= len(text) for end in ends)
    starts = [normal.span(at, len(normal.nfc))[0] for at in range(len(normal.nfc) + 1)]
    assert starts == sorted(starts) and starts[0] == 0


def test_sénégal_café_decomposed_in_the_release() -> None:
    text = spelt("NFD", "Le ministre au Sénégal (café) hier")
    begin, end = find_quote(text, "Sénégal (café)")
    assert text[begin:end] == spelt("NFD", "Sénégal (café)")
    assert find_quote(spelt("NFC", text), spelt("NFD", "Sénégal (café)")) == (15, 29)
