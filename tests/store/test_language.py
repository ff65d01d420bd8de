"""The language of a release's text, or no language when the text cannot tell."""

from __future__ import annotations

from store.language import detect_language

FRENCH = (
    "Le Conseil fédéral a adopté aujourd'hui le message concernant la coopération "
    "internationale de la Suisse pour les années à venir. Il y fixe les priorités de l'aide "
    "humanitaire et de la coopération au développement."
)
GERMAN = (
    "Der Bundesrat hat heute die Botschaft zur internationalen Zusammenarbeit der Schweiz "
    "verabschiedet. Er legt darin die Schwerpunkte der humanitären Hilfe und der "
    "Entwicklungszusammenarbeit für die kommenden Jahre fest."
)
ITALIAN = (
    "Il Consiglio federale ha adottato oggi il messaggio concernente la cooperazione "
    "internazionale della Svizzera. Vi stabilisce le priorità dell'aiuto umanitario e della "
    "cooperazione allo sviluppo per i prossimi anni."
)
ENGLISH = (
    "The Secretary of State met the Foreign Minister today to discuss the security situation "
    "in the region and the humanitarian assistance the two governments provide."
)


def test_the_language_of_a_release_in_french_german_italian_and_english():
    assert detect_language(FRENCH) == "fr"
    assert detect_language(GERMAN) == "de"
    assert detect_language(ITALIAN) == "it"
    assert detect_language(ENGLISH) == "en"


def test_a_title_is_enough_when_it_has_a_few_words():
    assert detect_language("Bundesrat Didier Burkhalter erörtert mit Japans Aussenminister") == "de"


def test_a_name_or_two_words_get_no_language():
    assert detect_language("Ukraine") is None
    assert detect_language("Moscow talks") is None


def test_a_text_half_in_french_and_half_in_german_gets_no_language():
    assert detect_language(FRENCH * 5 + "\n\n" + GERMAN * 5) is None


def test_a_long_body_is_read_at_its_beginning_and_middle_only():
    assert detect_language(GERMAN * 60_000) == "de"  # about 10 MB


def test_empty_text_and_text_without_words_get_no_language():
    assert detect_language("") is None
    assert detect_language("   \n\n\t ") is None
    assert detect_language("!!! ... ??? — «» () [] 2021-05-23 12:00 +41 58 462 31 53") is None
    assert detect_language("." * 10_000_000) is None
