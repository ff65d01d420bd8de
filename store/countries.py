"""The countries a release names: ISO 3166-1 alpha-2 codes, sorted, each once.

Names come from :func:`store.country_names.country_names` (CLDR and pycountry, in the
release's language and in English, with short forms and capitals). One Aho–Corasick pass
finds the longest name at each place in the text, so "Papua New Guinea" is read before
"Guinea" could be and "New Mexico" before "Mexico"; a name counts only as a whole word
("Niger" is not found in "Nigeria", nor "Dominica" in "Dominican Republic"). Names are
matched as texts write them, capitalised: "turkey" and "china" are never countries. What
is not counted, and why, is said by the rules below; docs/text-analysis.md gives the
figures on a hand-checked sample.

Adjectives and demonyms ("Swiss", "iranien") are not names and do not count.

>>> countries_mentioned("Talks in Belgrade and Pristina; Moscow said the U.S. would wait.", "en")
['RS', 'RU', 'US', 'XK']
>>> countries_mentioned("Michael Jordan visited Atlanta, Georgia, and New Mexico.", "en")
[]
>>> countries_mentioned("Die Haltung Russlands gegenüber der Schweiz", "de")
['CH', 'RU']
"""

from __future__ import annotations

import functools
import re

import ahocorasick

from store.country_names import Capital, Meaning, country_names

# Typographic apostrophes become the plain one the names are stored with, and the spaces
# that typesetting puts between words become plain spaces; same length, so nothing shifts.
_SAME_LENGTH = str.maketrans({"’": "'", "ʼ": "'", "\u00a0": " ", "\u202f": " ", "\u2009": " "})

# --- a capital that names a treaty, a process or an event, not a government ---------------
_INSTRUMENT_AFTER = re.compile(
    r" (?:[Pp]eace |[Cc]limate )?(?:Agreements?|agreements?|Accords?|accords?|Conventions?"
    r"|conventions?|Protocol|protocol|Process|process|Group|Club|Statute|Declaration"
    r"|declaration|Memorandum|Document|Consensus|Format|format|Principles|Charter|Treaty"
    r"|Pact|Commitments?|[Cc]onference)\b"
)
_INSTRUMENT_BEFORE = re.compile(
    r"(?:Congress|Treaty|Peace|Convention|Declaration|Statute|Protocol|[Aa]ccords?"
    r"|[Cc]onventions?|[Pp]rocessus|[Gg]roupe|[Pp]rotocole|[Cc]ongrès|[Tt]raité"
    r"|[Dd]éclaration|[Ss]tatut|[Pp]acte|[Aa]ccord[oi]|[Cc]onvenzion[ei]|[Pp]rocesso"
    r"|[Gg]ruppo|[Pp]rotocollo|[Cc]ongresso|[Tt]rattato|[Dd]ichiarazione|[Ss]tatuto"
    r"|[Aa]bkommens?|Übereinkommens?|Vertrags?|Protokolls?|Erklärung|Prozess)"
    r" (?:of |de |di |von |d')$"
)

# --- English country names that are also people's names or US states ---------------------
_PERSONS = {"Jordan", "Chad", "Washington", "Georgia"}
_US_STATES = {"Georgia", "Washington"}
# Capitalised words that stand before a country in running text or a title, where a
# capitalised word before "Jordan" is otherwise a first name ("Michael Jordan").
_NOT_FIRST_NAMES = {
    "In",
    "At",
    "On",
    "To",
    "From",
    "With",
    "And",
    "Of",
    "For",
    "By",
    "The",
    "Visit",
    "Visits",
    "Meeting",
    "Meets",
    "Call",
    "Trip",
    "Travel",
    "Travels",
    "Welcome",
    "Welcomes",
    "Statement",
    "Embassy",
    "Hashemite",
    "Kingdom",
    "Republic",
    "Lake",
    "Both",
    "Including",
    "Day",
    "Against",
    "About",
    "Between",
    "Into",
    "Across",
    "Over",
    "Via",
    "Than",
    "Like",
    "Fund",
    "Aid",
    "Support",
    "Supports",
    "Assistance",
    "Partnership",
    "Relations",
    "Ties",
    "Mission",
    "Envoy",
    "Ambassador",
    "Consulate",
    "Office",
    "Program",
    "Programme",
}
# Capitalised words that follow a country used as a modifier ("Jordan Foreign Minister");
# any other capitalised word after "Jordan" or "Chad" is a surname ("Jordan Peterson").
_AFTER_A_COUNTRY = {
    "Foreign",
    "Minister",
    "Prime",
    "Government",
    "Armed",
    "Army",
    "Air",
    "King",
    "Kingdom",
    "River",
    "Valley",
    "Basin",
    "Embassy",
    "National",
    "Crown",
    "Royal",
    "Interior",
    "Defense",
    "Defence",
    "President",
    "Presidential",
    "Security",
    "Parliament",
    "Senate",
    "Ambassador",
    "Chargé",
    "Mission",
    "Relations",
    "Partnership",
    "Compact",
    "Fund",
    "Red",
}
_US_STATE_AFTER = re.compile(
    r"(?:'s)? (?:[Gg]overnor|[Ss]enators?|[Ss]enate|[Ll]egislature|[Ss]tate|voters"
    r"|Republicans|Democrats|[Cc]ounty|General Assembly|Secretary of State|Supreme Court"
    r"|Attorney General|Congress(?:man|woman)|Representative|delegation|residents)\b"
)
_WORD_BEFORE = re.compile(r"([A-Z][\w.'-]*) $")
_CITY_COMMA_BEFORE = re.compile(r"([A-Z][\w.'-]*), $")
_WORD_AFTER = re.compile(r" ([A-Z][\w'-]*)")
_NOT_CITIES = {
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Today",
    "However",
    "Meanwhile",
    "Finally",
    "Also",
    "Additionally",
    "Moreover",
    "Furthermore",
}

# --- "Turkey" the bird: only where the words around it say so ----------------------------
_BIRD_AFTER = re.compile(
    r" (?:dinners?|sandwich(?:es)?|meat|breast|legs?|pardon(?:ing)?|hunt(?:ing)?|farms?"
    r"|feathers|vultures?|bacon|burgers?|stuffing|gravy|Pardon)\b"
)
_BIRD_BEFORE = re.compile(r"(?:[Rr]oast|[Ww]ild|Thanksgiving|[Ss]tuffed|[Ss]moked|pardons? the) $")

_LOOK = 40  # characters of context the rules read on each side of a name


def countries_mentioned(text: str, language: str | None) -> list[str]:
    """Sorted unique ISO 3166-1 alpha-2 codes of the countries ``text`` names."""
    if not text:
        return []
    names, automaton = _matcher(language)
    flat = text.translate(_SAME_LENGTH)
    found: set[str] = set()
    for last, name in automaton.iter_long(flat):
        start, end = last - len(name) + 1, last + 1
        code = _country_meant(flat, start, end, name, names[name], names)
        if code:
            found.add(code)
    return sorted(found)


@functools.cache
def _matcher(language: str | None) -> tuple[dict[str, Meaning], ahocorasick.Automaton]:
    """The names of ``language`` and an automaton over them, built once per language."""
    names = country_names(language)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return names, automaton


def _country_meant(
    text: str, start: int, end: int, name: str, meaning: Meaning, names: dict[str, Meaning]
) -> str | None:
    if meaning is None or not _whole_word(text, start, end):
        return None
    before, after = text[max(0, start - _LOOK) : start], text[end : end + _LOOK]
    if isinstance(meaning, Capital):
        if _INSTRUMENT_AFTER.match(after) or _INSTRUMENT_BEFORE.search(before):
            return None
        code = meaning.code
    else:
        code = meaning
    if name in _PERSONS and _is_a_person(before, after, name):
        return None
    if name in _US_STATES and _is_a_us_state(before, after, names):
        return None
    if name == "Turkey" and (_BIRD_AFTER.match(after) or _BIRD_BEFORE.search(before)):
        return None
    return code


def _whole_word(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (
        end == len(text) or not text[end].isalnum()
    )


def _is_a_person(before: str, after: str, name: str) -> bool:
    """A first name before ("George Washington"), or for Jordan and Chad a surname after."""
    first = _WORD_BEFORE.search(before)
    if first and first.group(1) not in _NOT_FIRST_NAMES:
        return True
    if name in ("Jordan", "Chad"):
        surname = _WORD_AFTER.match(after)
        return bool(surname) and surname.group(1) not in _AFTER_A_COUNTRY
    return False


def _is_a_us_state(before: str, after: str, names: dict[str, Meaning]) -> bool:
    """ "Atlanta, Georgia", "Georgia's governor", "Washington state"."""
    if _US_STATE_AFTER.match(after):
        return True
    city = _CITY_COMMA_BEFORE.search(before)
    if city is None:
        return False
    word = city.group(1)
    # In "Armenia, Georgia and Azerbaijan" the word before is a country: a list, not a city.
    return word not in _NOT_CITIES and names.get(word) is None
