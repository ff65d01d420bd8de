"""The countries a release names, and the look-alikes that must not count."""

from __future__ import annotations

import pytest

from store.countries import countries_mentioned


def test_short_forms_name_their_countries():
    text = (
        "The US and the U.S. Embassy, the USA, the UK and Britain, the Netherlands and "
        "Holland, Czechia, Türkiye, the DRC and the Emirates."
    )
    assert countries_mentioned(text, "en") == ["AE", "CD", "CZ", "GB", "NL", "TR", "US"]


def test_kosovo_is_xk_and_so_is_its_capital():
    assert countries_mentioned("Kosovo", "en") == ["XK"]
    assert countries_mentioned("A meeting in Priština.", "en") == ["XK"]


def test_capitals_stand_for_their_governments():
    assert countries_mentioned("Talks in Belgrade and Pristina.", "en") == ["RS", "XK"]
    assert countries_mentioned("Washington and Beijing disagreed; Moscow said no.", "en") == [
        "CN",
        "RU",
        "US",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The flight landed in Atlanta, Georgia, on time.",
        "A law of the state of Georgia.",
        "Georgia's governor signed it.",
        "Georgia Senator Warnock spoke.",
        "Michael Jordan and Jordan Peterson were there.",
        "Chad Smith played the drums.",
        "New Mexico and New Jersey",
        "George Washington crossed the river.",
        "Apples from Washington State.",
        "We ate roast Turkey and Turkey sandwiches; turkey is a bird.",
        "The Paris Agreement, the Minsk agreements and the Vienna Convention.",
        "Ministers met in Brussels.",
    ],
)
def test_look_alikes_are_not_countries(text):
    assert countries_mentioned(text, "en") == []


def test_a_name_inside_a_longer_name_is_not_that_country():
    assert countries_mentioned("Nigeria and the Dominican Republic", "en") == ["DO", "NG"]
    assert countries_mentioned("Papua New Guinea", "en") == ["PG"]


def test_the_country_of_a_look_alike_still_counts_where_it_is_meant():
    assert countries_mentioned("Armenia, Georgia and Azerbaijan", "en") == ["AM", "AZ", "GE"]
    assert countries_mentioned("The King of Jordan met the President of Chad.", "en") == [
        "JO",
        "TD",
    ]
    assert countries_mentioned("Turkey and Greece signed it in Ankara.", "en") == ["GR", "TR"]


def test_a_french_release():
    text = (
        "La Suisse et l'Italie aident l’Ukraine; les Etats-Unis et la RÉPUBLIQUE DE ZAMBIE aussi."
    )
    assert countries_mentioned(text, "fr") == ["CH", "IT", "UA", "US", "ZM"]


def test_a_german_release_with_inflected_names():
    text = "Die Haltung Deutschlands und Russlands gegenüber den Vereinigten Staaten, in Moskau."
    assert countries_mentioned(text, "de") == ["DE", "RU", "US"]


def test_an_italian_release():
    text = "Il sostegno dell'Ucraina e della Svizzera; incontro a Mosca con gli Stati Uniti."
    assert countries_mentioned(text, "it") == ["CH", "RU", "UA", "US"]


def test_english_names_count_in_a_release_of_another_language():
    assert countries_mentioned("Das House of Switzerland in Rio", "de") == ["CH"]


def test_a_release_whose_language_is_unknown_is_read_with_english_names():
    assert countries_mentioned("Switzerland and Schweiz", None) == ["CH"]


def test_a_ten_megabyte_release():
    text = "The Foreign Minister of Ukraine met officials in Kyiv and Warsaw. " * 160_000
    assert countries_mentioned(text, "en") == ["PL", "UA"]


def test_empty_text_and_punctuation_name_no_country():
    assert countries_mentioned("", "en") == []
    assert countries_mentioned("!?.,;:—«»()[]''\"\"…" * 1000, "fr") == []
    assert countries_mentioned("Ukraine", "xx") == ["UA"]  # an unknown language: English names
