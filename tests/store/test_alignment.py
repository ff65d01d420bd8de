"""Aligning two statements: the Swiss federal news releases in German, French, Italian and
English (real language versions of one message), two texts in one language, and the hard
inputs (one word, nothing, huge texts, a release with itself)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store.alignment import (
    AlignmentError,
    align_releases,
    align_texts,
    paragraph_spans,
)
from store.db import Store
from store.imports.pipeline import import_paths
from tests.conftest import CORPUS

SWISS = CORPUS / "swiss-news" / "releases.jsonl"
# Message 55886 (post-2015 development agenda): five paragraphs in each of de, fr, it, en.
MESSAGE = "55886"


def _versions(message: str) -> dict[str, dict]:
    found = {}
    for line in SWISS.read_text("utf-8").splitlines():
        record = json.loads(line)
        if record["message"] == message:
            found[record["language"]] = record
    return found


@pytest.fixture
def message_store(store: Store, tmp_path: Path) -> tuple[Store, dict[str, int]]:
    """The four language versions of MESSAGE imported from the corpus file's own lines."""
    lines = [json.dumps(record) for record in _versions(MESSAGE).values()]
    part = tmp_path / "message.jsonl"
    part.write_text("\n".join(lines) + "\n", "utf-8")
    assert import_paths(store, [part]).imported == 4
    ids = dict(store.conn.execute("SELECT language, id FROM releases"))
    return store, ids


def _spans_cover_text_pieces(text: str, spans: list[tuple[int, int]]) -> None:
    for start, end in spans:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()


def test_language_versions_pair_every_paragraph_with_its_own_by_position(message_store) -> None:
    store, ids = message_store
    texts = dict(store.conn.execute("SELECT language, text FROM releases"))
    for other in ("fr", "it", "en"):
        found = align_releases(store, ids["de"], ids[other])
        assert not found.same_language
        paragraphs_de = paragraph_spans(texts["de"])
        paragraphs_other = paragraph_spans(texts[other])
        assert len(paragraphs_de) == len(paragraphs_other) == 5
        assert [(p.a, p.b) for p in found.paragraphs] == list(
            zip(paragraphs_de, paragraphs_other, strict=True)
        )


def test_sentence_pairs_lie_within_aligned_paragraphs_and_cover_both_texts(message_store) -> None:
    store, ids = message_store
    texts = dict(store.conn.execute("SELECT id, text FROM releases"))
    found = align_releases(store, ids["de"], ids["en"])
    _spans_cover_text_pieces(texts[ids["de"]], [p.a for p in found.pairs] + found.only_a)
    _spans_cover_text_pieces(texts[ids["en"]], [p.b for p in found.pairs] + found.only_b)
    for pair in found.pairs:
        assert any(p.a[0] <= pair.a[0] and pair.a[1] <= p.a[1] for p in found.paragraphs)
        assert any(p.b[0] <= pair.b[0] and pair.b[1] <= p.b[1] for p in found.paragraphs)
        assert 0.0 <= pair.score <= 1.0
    # Each side's passages, in order, do not overlap: every character is in one place.
    starts_a = sorted([p.a for p in found.pairs] + found.only_a)
    assert all(x[1] <= y[0] for x, y in zip(starts_a, starts_a[1:], strict=False))
    # The sentence naming the date of the mandate finds its English sentence.
    de = texts[ids["de"]]
    en = texts[ids["en"]]
    mandate = de.index("Am 14. Januar 2015")
    pair = next(p for p in found.pairs if p.a[0] <= mandate < p.a[1])
    assert en[pair.b[0] : pair.b[1]].startswith("On 14 January 2015")


def test_a_paragraph_dropped_in_translation_is_only_in_a(message_store) -> None:
    store, _ = message_store
    texts = dict(store.conn.execute("SELECT language, text FROM releases"))
    text_de = texts["de"]
    english = [texts["en"][a:b] for a, b in paragraph_spans(texts["en"])]
    text_en = "\n\n".join(english[:2] + english[3:])  # without its third paragraph
    found = align_texts(text_de, text_en, "de", "en")
    dropped = paragraph_spans(text_de)[2]
    assert dropped in found.only_a
    assert len(found.paragraphs) == 4


def test_one_language_aligns_by_wording_and_leaves_unshared_paragraphs_alone() -> None:
    a = (
        "The Secretary met Foreign Minister Kuleba in Kyiv on 5 May.\n\n"
        "They discussed energy security and the reconstruction of the power grid.\n\n"
        "The Secretary reaffirmed support for the territorial integrity of Ukraine."
    )
    b = (
        "Minister Kuleba received the Secretary in Kyiv on 5 May.\n\n"
        "The weather in the capital was mild for the season.\n\n"
        "The Minister thanked the Secretary for support of the territorial integrity of "
        "Ukraine and asked for help with the power grid and energy security."
    )
    found = align_texts(a, b, "en", "en")
    assert found.same_language
    weather = paragraph_spans(b)[1]
    assert weather in found.only_b
    first_b = paragraph_spans(b)[0]
    assert any(pair.b == first_b and pair.a == paragraph_spans(a)[0] for pair in found.paragraphs)


def test_two_texts_in_one_language_passed_as_translations_align_by_wording(message_store) -> None:
    store, ids = message_store
    english = store.conn.execute("SELECT text FROM releases WHERE language = 'en'").fetchone()[0]
    reworded = english.replace("Switzerland", "the Confederation")
    found = align_texts(english, reworded, "de", "fr")
    assert found.same_language
    assert len(found.paragraphs) == len(paragraph_spans(english))
    assert not found.only_a and not found.only_b


@pytest.mark.parametrize(
    ("text_a", "text_b"),
    [("Ukraine", "Ukraine"), ("Ukraine", "Die Schweiz und Frankreich."), ("", "Text."), ("", "")],
)
def test_one_word_or_no_text_gives_a_sensible_answer(text_a: str, text_b: str) -> None:
    found = align_texts(text_a, text_b)
    placed_a = [p.a for p in found.pairs] + found.only_a
    placed_b = [p.b for p in found.pairs] + found.only_b
    assert [text_a[s:e] for s, e in placed_a] == ([text_a] if text_a else [])
    assert [text_b[s:e] for s, e in placed_b] == ([text_b] if text_b else [])


def test_long_texts_are_aligned_within_the_band(message_store) -> None:
    store, ids = message_store
    texts = dict(store.conn.execute("SELECT language, text FROM releases"))
    # Some 300 paragraphs a side: the band keeps the alignment bounded, and the paragraphs
    # still pair with their own.
    text_de = "\n\n".join([texts["de"]] * 60)
    text_fr = "\n\n".join([texts["fr"]] * 60)
    found = align_texts(text_de, text_fr, "de", "fr")
    assert len(found.paragraphs) == 300
    assert [p.a for p in found.paragraphs] == paragraph_spans(text_de)
    assert [p.b for p in found.paragraphs] == paragraph_spans(text_fr)


def test_a_release_with_itself_or_an_unknown_id_is_refused_in_a_sentence(message_store) -> None:
    store, ids = message_store
    with pytest.raises(AlignmentError, match="named twice"):
        align_releases(store, ids["de"], ids["de"])
    with pytest.raises(AlignmentError, match="no release with id 999"):
        align_releases(store, ids["de"], 999)
