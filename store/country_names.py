"""Every way a text in one language may write a country's name, with its ISO code.

Built from CLDR's territory names (babel) and pycountry's ISO 3166-1 names and their
translations, in the text's language and in English, plus the short forms, capitals and
non-country phrases of :mod:`store.country_aliases`; then each name is also given in the
forms a text writes it: without accents ("Etats-Unis"), in capitals ("ZAMBIE"), and in
German inflected ("Deutschlands", "den Vereinigten Staaten").

>>> names = country_names("de")
>>> names["Russlands"], names["Vereinigten Staaten"], names["Moskau"].code
('RU', 'US', 'RU')
>>> names["New Mexico"] is None
True
"""

from __future__ import annotations

import functools
import gettext
import unicodedata
from dataclasses import dataclass

import pycountry
from babel import Locale, UnknownLocaleError

from store.country_aliases import AMBIGUOUS, CAPITALS, NOT_COUNTRIES, SHORT_FORMS

KOSOVO = "XK"  # not in ISO 3166-1, but the code CLDR and the EU use for it


@dataclass(frozen=True)
class Capital:
    """A capital city's name: counted for its country unless it names a treaty or an event."""

    code: str


# A name maps to the country's code, to a Capital, or to None for a phrase that holds a
# country's name without naming it ("New Mexico").
Meaning = str | Capital | None


@functools.cache
def country_names(language: str | None) -> dict[str, Meaning]:
    """Each written form of a country name in ``language`` and English, and what it means."""
    languages = ["en"] if language in (None, "en") else ["en", language]
    codes = {country.alpha_2 for country in pycountry.countries} | {KOSOVO}
    names: dict[str, Meaning] = {}
    for lang in languages:
        ambiguous = AMBIGUOUS["*"] | AMBIGUOUS.get(lang, set())
        for name, code in _library_names(lang, codes):
            if name not in ambiguous:
                _add(names, lang, name, code)
        for table in ("*", lang):
            for code, forms in SHORT_FORMS.get(table, {}).items():
                for name in forms:
                    _add(names, lang, name, code)
            for code, forms in CAPITALS.get(table, {}).items():
                for name in forms:
                    _add(names, lang, name, Capital(code))
            for name in NOT_COUNTRIES.get(table, []):
                _add(names, lang, name, None)
    return names


def _library_names(language: str, codes: set[str]) -> list[tuple[str, str]]:
    found = []
    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        territories = {}
    for code, name in territories.items():
        if code in codes:
            found.extend((form, code) for form in _cldr_forms(name))
    translation = _iso_translation(language)
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(country, attribute, None)
            if not name:
                continue
            local = translation.gettext(name)
            if ", " not in local:  # "Korea, Republic of" is a sort key, not how texts write it
                found.append((local.removeprefix("the "), country.alpha_2))
    return found


def _cldr_forms(name: str) -> list[str]:
    """CLDR's display name as texts write it: "Myanmar (Burma)" is Myanmar and Burma,
    "St. Kitts & Nevis" is also "Saint Kitts and Nevis", "Hong Kong SAR China" is Hong Kong."""
    if " - " in name:  # "Congo - Kinshasa": the short forms say how texts name those
        return []
    forms = [name.removesuffix(" SAR China")]
    if " (" in name and name.endswith(")"):
        outside, inside = name[:-1].split(" (", 1)
        forms = [outside, inside]
    more = []
    for form in forms:
        spelled = form.replace(" & ", " and ").replace("St. ", "Saint ")
        if spelled != form:
            more.append(spelled)
    return forms + more


@functools.cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _add(names: dict[str, Meaning], language: str, name: str, meaning: Meaning) -> None:
    """Add ``name`` and the other forms a text writes it in; the first meaning given stays."""
    name = name.replace("’", "'")
    for form in _written_forms(name, language):
        names.setdefault(form, meaning)


def _written_forms(name: str, language: str) -> set[str]:
    forms = {name, _without_accents(name)}
    if language == "de":
        forms |= {inflected for form in list(forms) for inflected in _german_forms(form)}
        forms |= {form.replace("ß", "ss") for form in list(forms)}
    # Titles and datelines in capitals ("ZAMBIE"); not two-letter names, which are
    # abbreviations already and would otherwise turn "us" into a country.
    forms |= {form.upper() for form in list(forms) if len(form) > 3}
    return forms


def _without_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _german_forms(name: str) -> list[str]:
    """The genitive and the weak declension a German text uses after an article:
    "Deutschlands", "der Vereinigten Staaten", "dem Vereinigten Königreich"."""
    words = name.split(" ")
    forms = []
    if not name.endswith(("s", "x", "z", "ß")):
        forms.append(name + "s")
    if len(words) > 1:
        weak = [_weak_adjective(word) for word in words[:-1]]
        last = words[-1]
        for ending in ("", "s", "n"):
            if ending == "n" and not last.endswith("e"):
                continue
            forms.append(" ".join([*weak, last + ending]))
    return forms


def _weak_adjective(word: str) -> str:
    if word.endswith("es"):
        return word[:-2] + "en"
    if word.endswith("e"):
        return word + "n"
    return word
