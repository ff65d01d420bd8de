"""The concordance: every occurrence of a phrase in the filtered releases, in the asked order,
with its context, issuer, date and the topics of the highlights covering it; and bulk coding
from it, in one transaction, leaving tagged occurrences alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.bulk_coding import remove_bulk_highlights, restore_highlights, tag_places
from store.concordance import concordance, count_occurrences, occurrence_places
from store.db import Store
from store.highlights import HighlightError, add_highlight, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.phrases import Phrase, PhraseError, folded_words, occurrences, occurrences_word_by_word
from store.release_saving import save_release
from store.releases import ReleaseFilter, get_release
from store.tags import create_tag, list_tags

RELEASES = [
    # (issuer, date, language, paragraphs)
    ("Farnesina", "2024-03-01", "it", ["Italy supports the Territorial Integrity of Ukraine.",
                                       "Territorial integrity is not negotiable. Ends."]),
    ("U.S. Department of State", "2023-05-10", "en",
     ["We affirm the territorial-integrity of Ukraine 🇺🇦 and of Moldova."]),
    ("European Parliament", "2025-01-02", "en",
     ["Straße of territorial integrity: the États respect territorial integrity."]),
    ("European Parliament", "2022-07-07", "en", ["No phrase here, only integrity alone."]),
]  # fmt: skip


@pytest.fixture
def ids(store: Store) -> list[int]:
    return [
        save_release(
            store,
            ParsedRelease(
                f"Release {n}", paragraphs_to_markdown(paras), date=date, language=lang,
                issuer=issuer,
            ),
            None,
        ).release_id
        for n, (issuer, date, lang, paras) in enumerate(RELEASES)
    ]  # fmt: skip


def test_every_occurrence_is_a_line_whose_offsets_give_the_match(store: Store, ids) -> None:
    found = concordance(store, Phrase.parse("territorial integrity"))
    assert found.total == 5
    for line in found.lines:
        text = get_release(store, line.release_id).text
        assert text[line.start : line.end] == line.match
        assert " ".join(text[: line.start].split()).endswith(line.left.strip()[-10:])
        assert line.match.casefold().replace("-", " ") == "territorial integrity"
    # date order, oldest first; the issuer and date beside each line
    assert [line.date for line in found.lines] == [
        "2023-05-10", "2024-03-01", "2024-03-01", "2025-01-02", "2025-01-02",
    ]  # fmt: skip
    assert "Department of State" in found.lines[0].issuer


def test_total_counts_every_occurrence_whatever_the_page(store: Store, ids) -> None:
    phrase = Phrase.parse("territorial integrity")
    page = concordance(store, phrase, limit=2, offset=1)
    whole = concordance(store, phrase)
    assert page.total == 5 and page.lines == whole.lines[1:3]
    assert concordance(store, phrase, limit=2, count=False).total is None
    assert count_occurrences(store, phrase) == 5


def test_filters_choose_the_releases(store: Store, ids) -> None:
    phrase = Phrase.parse("territorial integrity")
    english = concordance(store, phrase, ReleaseFilter(languages=("en",)))
    assert {line.release_id for line in english.lines} == {ids[1], ids[2]}
    recent = concordance(store, phrase, ReleaseFilter(since="2024-06-01"))
    assert recent.total == 2


def test_sorted_by_the_words_right_and_left_of_the_match(store: Store, ids) -> None:
    phrase = Phrase.parse("territorial integrity")
    right = [
        folded_words(line.right)[:1] for line in concordance(store, phrase, sort="right").lines
    ]
    assert right == sorted(right) and len(set(map(tuple, right))) > 2
    backwards = concordance(store, phrase, sort="right", descending=True).lines
    assert [folded_words(line.right)[:1] for line in backwards] == sorted(right, reverse=True)
    whole = concordance(store, phrase, sort="right").lines
    paged = concordance(store, phrase, sort="right", offset=1, limit=2)
    assert paged.lines == whole[1:3] and paged.total == 5
    left = concordance(store, phrase, sort="left").lines
    nearest = [folded_words(line.left)[-1] for line in left]
    assert nearest == sorted(nearest)
    second = [
        folded_words(line.left)[-2] for line in concordance(store, phrase, sort="left2").lines
    ]
    assert second == sorted(second)
    by_issuer = [line.issuer for line in concordance(store, phrase, sort="issuer").lines]
    assert by_issuer == sorted(by_issuer, key=str.casefold)
    newest = concordance(store, phrase, descending=True).lines
    assert newest[0].date == "2025-01-02"


def test_a_prefix_and_accents_match_as_the_index_does(store: Store, ids) -> None:
    assert concordance(store, Phrase.parse("etats")).lines[0].match == "États"
    assert concordance(store, Phrase.parse("integr*")).total == 6


def test_lines_show_the_topics_of_highlights_covering_them(store: Store, ids) -> None:
    ukraine = create_tag(store, "Ukraine").created
    text = get_release(store, ids[0]).text
    start = text.index("supports")
    add_highlight(store, ids[0], start, text.index("Ukraine") + 7, [ukraine])
    lines = concordance(store, Phrase.parse("territorial integrity")).lines
    assert [line.topics for line in lines if line.release_id == ids[0]] == [("Ukraine",), ()]


def test_bad_phrases_are_refused_in_one_sentence() -> None:
    for bad in ("?!…", "", '"'):
        with pytest.raises(PhraseError, match="punctuation alone"):
            Phrase.parse(bad)
    with pytest.raises(PhraseError, match="at most"):
        Phrase.parse("word " * 1000)


def test_an_unbalanced_quote_or_a_long_word_finds_what_is_there(store: Store, ids) -> None:
    assert concordance(store, Phrase.parse('"territorial integrity')).total == 5
    assert concordance(store, Phrase.parse("x" * 5000)).total == 0


@given(
    st.text(st.sampled_from("aeAÉé ßﬁ-,.\n🇺🇦ǅ\u0301İı"), max_size=40),
    st.sampled_from(["a", "e", "ae", "a e", "e*", "ss", "fi"]),
)
def test_the_folded_copy_finds_what_word_by_word_finds(text: str, typed: str) -> None:
    phrase = Phrase.parse(typed)
    assert list(occurrences(text, phrase)) == list(occurrences_word_by_word(text, phrase))


def test_tagging_occurrences_is_one_step_that_leaves_tagged_ones_alone(store: Store, ids) -> None:
    ukraine = create_tag(store, "Ukraine").created
    phrase = Phrase.parse("territorial integrity")
    places = occurrence_places(store, phrase)
    first = places[0]
    add_highlight(store, first[0], first[1], first[2], [ukraine])
    done = tag_places(store, places, [ukraine])
    assert (len(done.highlight_ids), done.already_tagged) == (4, 1)
    again = tag_places(store, places, [ukraine])
    assert (again.highlight_ids, again.already_tagged) == ((), 5)
    assert all(line.topics == ("Ukraine",) for line in concordance(store, phrase).lines)
    removed, _ = remove_bulk_highlights(store, done.highlight_ids)
    assert sum(len(highlights_of_release(store, i)) for i in ids) == 1
    restore_highlights(store, removed)
    assert {h.id for i in ids for h in highlights_of_release(store, i)} >= set(done.highlight_ids)


def test_tagging_sentences_tags_each_sentence_once(store: Store, ids) -> None:
    topic = create_tag(store, "Sovereignty").created
    places = occurrence_places(store, Phrase.parse("territorial integrity"))
    done = tag_places(store, places, [topic], scope="sentence")
    quotes = sorted(h.quote for i in ids for h in highlights_of_release(store, i))
    assert quotes == sorted(
        [
            "Italy supports the Territorial Integrity of Ukraine.",
            "Territorial integrity is not negotiable.",
            "We affirm the territorial-integrity of Ukraine 🇺🇦 and of Moldova.",
            "Straße of territorial integrity: the États respect territorial integrity.",
        ]
    )
    assert len(done.highlight_ids) == 4


def test_a_bulk_tagging_that_fails_writes_nothing(store: Store, ids) -> None:
    places = occurrence_places(store, Phrase.parse("territorial integrity"))
    with pytest.raises(HighlightError, match="no topic"):
        tag_places(store, places, [999])
    with pytest.raises(HighlightError, match="no release"):
        tag_places(store, [*places, (12345, 0, 3)], [create_tag(store, "X").created])
    assert all(not highlights_of_release(store, i) for i in ids)
    assert [t.highlight_count for t in list_tags(store)] == [0]


def test_a_rare_phrase_is_ordered_as_a_common_one(store: Store, ids) -> None:
    # Among many releases a phrase held by few is looked up and sorted, not walked to.
    filler = [ParsedRelease(f"Other {n}", "Nothing to see.", date=f"2021-01-{n % 28 + 1:02}")
              for n in range(200)]  # fmt: skip
    for parsed in filler:
        save_release(store, parsed, None)
    phrase = Phrase.parse("territorial integrity")
    for descending in (False, True):
        dates = [line.date for line in concordance(store, phrase, descending=descending).lines]
        assert dates == sorted(dates, reverse=descending) and len(dates) == 5
        issuers = [line.issuer for line in concordance(store, phrase, sort="issuer",
                                                       descending=descending).lines]  # fmt: skip
        assert issuers == sorted(issuers, key=str.lower, reverse=descending)
