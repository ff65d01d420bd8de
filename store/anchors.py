"""The anchors of a passage: what two statements share whatever their language.

Numbers, dates, percentages, web addresses, acronyms and capitalised names read the same (or
nearly) in a German, French, Italian or English version of one statement, and in two sides'
readouts of one meeting. Each anchor has a ``key`` that compares across languages and the
``text`` as written, with where it is (code points of the text).

* Numbers however a language groups their digits: "1,000", "1.000", "1 000" and "1'000" are
  all ``#1000``; a decimal comma is a decimal point ("1,5" and "1.5" are ``#1.5``).
* Percentages ("12 %", "12%", "12 per cent", "12 Prozent", "12 pour cent") are ``%12``.
* Dates: "13 January", "13. Januar", "13 janvier", "January 13" and "13.1.2015" are all
  ``d01-13`` (their year, when written, is a number of its own); ISO dates too.
* Web addresses (``@state.gov/...``), acronyms in capitals (``OSCE``, ``UNO``, ``MDGs``) and
  capitalised words that do not start a sentence (names: ``^cassis``, ``^sommaruga``). In
  German every noun is capitalised too; a German noun is seldom the French word, so it makes
  one side's list longer without making a false match.

>>> text = "Am 13. Januar 2015 empfing Bundesrat Burkhalter 1'200 Gäste der OSZE."
>>> [a.key for a in anchors_of(text)]
['d01-13', '#2015', '^bundesrat', '^burkhalter', '#1200', '^gaste', 'OSZE']
>>> [a.key for a in anchors_of("Growth of 2,5 % since 13 January; see https://www.admin.ch/news.")]
['%2.5', 'd01-13', '@admin.ch/news']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from store.phrases import folded

NUMBER, PERCENT, DATE, URL, ACRONYM, NAME = "#", "%", "d", "@", "", "^"

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.IGNORECASE)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_DOTTED_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?![\d])")
# Digits grouped in threes by an apostrophe, a comma, a point or a (thin, no-break) space,
# with perhaps a decimal part; else digits with perhaps a decimal part.
_NUMBER = re.compile(
    r"(?<![\w.,'’])(?:\d{1,3}(?:[’'\u202f\u00a0 .,]\d{3})+(?:[.,]\d+)?(?![\d])|\d+(?:[.,]\d+)?)"
    r"(?![.,]\d)"
)
_PERCENT_AFTER = re.compile(
    r"\s?(?:%|per ?cent\b|Prozent\b|pour ?cent\b|per ?cento\b|por ?ciento\b)", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# A day and a month name ("13. Januar", "13 janvier"), or a month name and a day ("January 13").
_DAY_MONTH = re.compile(r"(?<!\d)(\d{1,2})(?:\.|er|st|nd|rd|th)?\s+([^\W\d_]{3,})")
_MONTH_DAY = re.compile(r"([^\W\d_]{3,})\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?![\d.,]\d)")
# What ends a sentence or opens a quotation: a capital after it starts a sentence, no name.
_SENTENCE_MARKS = frozenset('.!?:;»«"“”„()[]\n•–-')
_MIN_NAME = 3
# The languages whose month names are read when the text's language is not known.
_MONTH_LANGUAGES = ("en", "de", "fr", "it", "es", "pt", "nl", "ru", "uk", "pl", "sv", "tr")


@dataclass(frozen=True)
class Anchor:
    """One anchor: its language-independent ``key``, its ``text`` and where it is."""

    key: str
    text: str
    start: int
    end: int

    @property
    def kind(self) -> str:
        """``NUMBER``, ``PERCENT``, ``DATE``, ``URL``, ``ACRONYM`` or ``NAME``."""
        first = self.key[0]
        if first in (NUMBER, PERCENT, URL, NAME, DATE):
            return first
        return ACRONYM  # an acronym's key is itself, in capitals


def anchors_of(
    text: str, start: int = 0, end: int | None = None, language: str | None = None
) -> list[Anchor]:
    """The anchors of ``text[start:end]`` in the order they appear."""
    end = len(text) if end is None else end
    found: list[Anchor] = []
    taken = bytearray(end - start)  # the characters an anchor already covers

    def add(key: str, a: int, b: int) -> None:
        found.append(Anchor(key, text[a:b], a, b))
        taken[a - start : b - start] = b"\x01" * (b - a)

    def free(a: int, b: int) -> bool:
        # Anchors are whole tokens: one that overlaps another covers one of its ends.
        return not (taken[a - start] or taken[b - 1 - start])

    for match in _URL.finditer(text, start, end):
        address = match.group().rstrip(".,;:")
        key = re.sub(r"^(?:https?://)?(?:www\.)?", "", address.lower()).rstrip("/")
        add(URL + key, match.start(), match.start() + len(address))
    months = _month_numbers(language)
    for match in _ISO_DATE.finditer(text, start, end):
        if free(*match.span()):
            add(f"d{match.group(2)}-{match.group(3)}", *match.span())
            add(NUMBER + match.group(1), match.start(1), match.end(1))
    for match in _DOTTED_DATE.finditer(text, start, end):
        day, month = int(match.group(1)), int(match.group(2))
        if 1 <= day <= 31 and 1 <= month <= 12 and free(*match.span()):
            add(f"d{month:02d}-{day:02d}", match.start(), match.end(2) + 1)
            add(NUMBER + str(int(match.group(3))), match.start(3), match.end(3))
    for pattern, day_group, month_group in ((_DAY_MONTH, 1, 2), (_MONTH_DAY, 2, 1)):
        for match in pattern.finditer(text, start, end):
            month = months.get(folded(match.group(month_group)))
            day = int(match.group(day_group))
            if month and 1 <= day <= 31 and free(*match.span()):
                add(f"d{month:02d}-{day:02d}", *match.span())
    for match in _NUMBER.finditer(text, start, end):
        if not free(*match.span()):
            continue
        value = normal_number(match.group())
        after = _PERCENT_AFTER.match(text, match.end(), end)
        if after:
            add(PERCENT + value, match.start(), after.end())
        else:
            add(NUMBER + value, *match.span())
    for match in _WORD.finditer(text, start, end):
        word = match.group().rstrip("’'-")
        if len(word) < 2 or not word[0].isupper() or not free(match.start(), match.end()):
            continue
        if sum(ch.isupper() for ch in word) >= 2 and word.removesuffix("s").isupper():
            add(word, match.start(), match.start() + len(word))  # "OSCE", "MDGs", "HARRIS"
        elif len(word) >= _MIN_NAME and not _starts_sentence(text, start, match.start()):
            add(NAME + folded(word), match.start(), match.start() + len(word))
    found.sort(key=lambda anchor: anchor.start)
    return found


def _starts_sentence(text: str, start: int, at: int) -> bool:
    """Whether the word at ``at`` is the first of its sentence (or of the passage)."""
    while at > start and text[at - 1] in " \t\u00a0":
        at -= 1
    return at == start or text[at - 1] in _SENTENCE_MARKS


def normal_number(written: str) -> str:
    """A number as digits with perhaps a decimal point, however it was grouped.

    >>> [normal_number(n) for n in ["1,000", "1.000", "1 000", "1'000", "1,5", "2.75", "007"]]
    ['1000', '1000', '1000', '1000', '1.5', '2.75', '7']
    """
    grouped = re.fullmatch(r"(\d{1,3}(?:[’'\u202f\u00a0 .,]\d{3})+)(?:[.,](\d+))?", written)
    if grouped and (grouped.group(2) is not None or _one_separator(grouped.group(1))):
        whole, decimals = re.sub(r"\D", "", grouped.group(1)), grouped.group(2)
    else:
        whole, _, decimals = written.replace(",", ".").partition(".")
        decimals = decimals or None
    whole = whole.lstrip("0") or "0"
    return f"{whole}.{decimals}" if decimals else whole


def _one_separator(groups: str) -> bool:
    """Whether the digits are grouped by one kind of separator ("1.000.000", not "1.000,5")."""
    return len(set(re.sub(r"\d", "", groups))) == 1


@functools.cache
def _month_numbers(language: str | None) -> dict[str, int]:
    """Folded month names (wide, in their format and stand-alone forms) to 1–12; of the
    text's language, else of the common languages, names two of them give two months left out."""
    languages = (language,) if language else _MONTH_LANGUAGES
    numbers: dict[str, int] = {}
    clashes: set[str] = set()
    for code in languages:
        try:
            locale = Locale.parse(code)
        except (ValueError, UnknownLocaleError):
            return _month_numbers(None) if language else {}
        for context in ("format", "stand-alone"):
            for number, name in locale.months[context]["wide"].items():
                key = folded(name)
                if numbers.get(key, number) != number:
                    clashes.add(key)
                numbers[key] = number
    return {name: number for name, number in numbers.items() if name not in clashes}
