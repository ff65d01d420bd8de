"""Phrase trends on a small imported store whose counts are worked out by hand from
tests/trend_sample.py: Ruritania (a1–a4) and Graustark (b1–b4, b4 undated)."""

from __future__ import annotations

from pathlib import Path

import pytest
from trend_sample import build_trend_store

from store.db import Store
from store.issuers import find_issuer
from store.phrases import PhraseError
from store.releases import ReleaseFilter
from store.trends import TrendCancelled, phrase_trend

RURITANIA, GRAUSTARK = "Ministry of Ruritania", "Office of Graustark"


@pytest.fixture
def trend_store(store: Store, tmp_path: Path) -> Store:
    build_trend_store(store, tmp_path)
    return store


def rows(trend, phrase):
    return [
        (p.key, p.period, p.occurrences, p.releases, p.releases_in_period, p.share)
        for p in trend.series
        if p.phrase == phrase
    ]


def test_shares_per_issuer_and_month_divide_by_that_issuers_releases(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kiev", "Kyiv"], by="issuer", per="month")
    # Kiev: twice in a1 (1 of Ruritania's 2 January releases), once in a4 (its only April
    # one); once in b1 (Graustark's only January release); none of b2, b3 in March.
    assert rows(trend, "Kiev") == [
        (RURITANIA, "2022-01", 2, 1, 2, 0.5),
        (RURITANIA, "2022-02", 0, 0, 1, 0.0),
        (RURITANIA, "2022-04", 1, 1, 1, 1.0),
        (GRAUSTARK, "2022-01", 1, 1, 1, 1.0),
        (GRAUSTARK, "2022-03", 0, 0, 2, 0.0),
    ]
    # Kyiv: a3, a4 (Kyiv and KYIV); b3's "Kyïv" folds to it, b2's "Kyivan" is another word.
    assert rows(trend, "Kyiv") == [
        (RURITANIA, "2022-01", 0, 0, 2, 0.0),
        (RURITANIA, "2022-02", 1, 1, 1, 1.0),
        (RURITANIA, "2022-04", 2, 1, 1, 1.0),
        (GRAUSTARK, "2022-01", 0, 0, 1, 0.0),
        (GRAUSTARK, "2022-03", 1, 1, 2, 0.5),
    ]


def test_undated_releases_are_left_out_and_counted_apart(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kyiv", "Kiev"])
    assert trend.undated == {"Kyiv": 1, "Kiev": 0}  # b4


def test_quarters_with_no_key_count_every_release_of_the_quarter(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kiev"], by="none", per="quarter")
    # Q1: six dated releases (a1–a3, b1–b3), two hold Kiev (a1 twice, b1); Q2: a4 alone.
    assert rows(trend, "Kiev") == [
        (None, "2022-Q1", 3, 2, 6, 2 / 6),
        (None, "2022-Q2", 1, 1, 1, 1.0),
    ]


def test_by_language_and_year(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kiev"], by="language", per="year")
    assert rows(trend, "Kiev") == [
        ("en", "2022", 3, 2, 6, 2 / 6),  # a1, a4 of a1–a4, b2, b3
        ("fr", "2022", 1, 1, 1, 1.0),  # b1
    ]


def test_by_speaker_keeps_only_speakers_who_used_it(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kyiv"], by="speaker", per="year")
    assert rows(trend, "Kyiv") == [
        ("Minister", "2022", 3, 2, 2, 1.0),
        ("Spokesperson", "2022", 1, 1, 3, 1 / 3),  # b3 of b1–b3 (b4 undated)
    ]


def test_who_said_it_first(trend_store) -> None:
    trend = phrase_trend(trend_store, ["Kyiv"])
    firsts = [(f.issuer, f.first_date, f.last_date, f.releases) for f in trend.first_uses]
    assert firsts == [
        (RURITANIA, "2022-02-05", "2022-04-01", 2),
        (GRAUSTARK, "2022-03-09", "2022-03-09", 1),
    ]


def test_filters_choose_the_releases_counted_on_both_sides(trend_store) -> None:
    graustark = find_issuer(trend_store, GRAUSTARK).id
    only = ReleaseFilter(issuer_ids=(graustark,), since="2022-03-01")
    trend = phrase_trend(trend_store, ["Kyiv"], within=only)
    assert rows(trend, "Kyiv") == [(GRAUSTARK, "2022-03", 1, 1, 2, 0.5)]
    assert [f.issuer for f in trend.first_uses] == [GRAUSTARK]


def test_a_phrase_nobody_used_gives_no_series(trend_store) -> None:
    trend = phrase_trend(trend_store, ["territorial integrity"])
    assert trend.series == [] and trend.first_uses == []


@pytest.mark.parametrize(
    ("phrase", "sentence"),
    [("?!…", "punctuation alone"), (" ".join(["word"] * 70), "at most 64 words")],
)
def test_a_phrase_that_cannot_be_looked_for_is_one_sentence(trend_store, phrase, sentence):
    with pytest.raises(PhraseError, match=sentence):
        phrase_trend(trend_store, [phrase])


def test_odd_phrases_are_answered(trend_store) -> None:
    unbalanced = phrase_trend(trend_store, ['"Kiev'])
    assert [p.occurrences for p in unbalanced.series] == [2, 0, 1, 1, 0]
    long_word = phrase_trend(trend_store, ["k" * 5000])
    assert long_word.series == []


def test_a_trend_no_longer_wanted_stops(trend_store) -> None:
    with pytest.raises(TrendCancelled):
        phrase_trend(trend_store, ["Kyiv"], should_cancel=lambda: True)
