"""What differs between two statements: the countries, people, numbers and topics one side
has and the other lacks, as short lists an analyst reads above the two columns.

* **countries**: the countries each release names (``release_countries``), by English name;
* **people**: the release's speaker and the names in its text (two or more capitalised words
  in a row, "Simonetta Sommaruga", "Rod HARRIS"); a name counts as the other side's too when
  its last word (the surname, case and accents aside) is anywhere in the other text, so that
  "Bundespräsidentin Simonetta Sommaruga" and "Madame Sommaruga" agree;
* **numbers**: amounts, percentages and dates, compared as :mod:`store.anchors` normalises
  them ("1,000", "1.000", "1 000" agree; so do "13 janvier" and "13. Januar"), shown as the
  side wrote them;
* **topics**: the codebook topics of each side's highlights.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from babel import Locale

from store.alignment import AlignmentError
from store.anchors import DATE, NUMBER, PERCENT, anchors_of
from store.db import Store
from store.phrases import folded, folded_words

KINDS = ("countries", "people", "numbers", "topics")
_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SENTENCE_MARKS = frozenset('.!?:;\n"“”„«»()')


@dataclass(frozen=True)
class Differences:
    """For each kind in ``KINDS``, what only A has and what only B has (display strings)."""

    only_a: dict[str, list[str]]
    only_b: dict[str, list[str]]


@dataclass(frozen=True)
class _Side:
    text: str
    words: frozenset[str]
    countries: dict[str, str]  # key → shown
    people: dict[str, str]
    numbers: dict[str, str]
    topics: dict[str, str]


def differences(store: Store, a_id: int, b_id: int) -> Differences:
    """What release ``a_id`` has that ``b_id`` lacks, and the other way round."""
    if a_id == b_id:
        raise AlignmentError(f"Release {a_id} was named twice; name two different releases.")
    a, b = _side(store, a_id), _side(store, b_id)
    only_a: dict[str, list[str]] = {}
    only_b: dict[str, list[str]] = {}
    for kind in KINDS:
        mine, theirs = getattr(a, kind), getattr(b, kind)
        if kind == "people":
            only_a[kind] = [shown for key, shown in mine.items() if key not in b.words]
            only_b[kind] = [shown for key, shown in theirs.items() if key not in a.words]
        else:
            only_a[kind] = [shown for key, shown in mine.items() if key not in theirs]
            only_b[kind] = [shown for key, shown in theirs.items() if key not in mine]
    return Differences(only_a, only_b)


def _side(store: Store, release_id: int) -> _Side:
    row = store.conn.execute(
        "SELECT text, language, speaker FROM releases WHERE id = ?", (release_id,)
    ).fetchone()
    if row is None:
        raise AlignmentError(f"There is no release with id {release_id}.")
    text, language, speaker = row
    codes = [
        code
        for (code,) in store.conn.execute(
            "SELECT country FROM release_countries WHERE release_id = ?", (release_id,)
        )
    ]
    countries = {code: country_name(code) for code in codes}
    topics = {
        name.casefold(): name
        for (name,) in store.conn.execute(
            "SELECT t.name FROM release_tags rt JOIN tags t ON t.id = rt.tag_id "
            "WHERE rt.release_id = ? ORDER BY t.name COLLATE NOCASE",
            (release_id,),
        )
    }
    numbers: dict[str, str] = {}
    for anchor in anchors_of(text, language=language):
        if anchor.kind in (NUMBER, PERCENT, DATE):
            numbers.setdefault(anchor.key, anchor.text)
    return _Side(
        text,
        frozenset(folded_words(text)),
        dict(sorted(countries.items(), key=lambda item: item[1])),
        people_named(text, speaker),
        numbers,
        topics,
    )


def people_named(text: str, speaker: str | None = None) -> dict[str, str]:
    """The people a text names, keyed by their folded surname, speaker first.

    >>> text = "Talks in Bern. President Simonetta Sommaruga met Rod HARRIS."
    >>> people_named(text, "Ignazio Cassis")
    {'cassis': 'Ignazio Cassis', 'sommaruga': 'Simonetta Sommaruga', 'harris': 'Rod HARRIS'}
    """
    lowercase = set()
    found: dict[str, str] = {}
    if speaker and speaker.strip():
        found[folded(speaker.split()[-1])] = speaker.strip()
    runs: list[list[re.Match[str]]] = [[]]
    for word in _WORD.finditer(text):
        if word.group()[0].islower():
            lowercase.add(word.group().lower())
            runs.append([])
            continue
        run = runs[-1]
        if run and (word.start() - run[-1].end() != 1 or text[run[-1].end()] not in " \u00a0"):
            runs.append(run := [])
        run.append(word)
    for run in runs:
        if run and _first_of_sentence(text, run[0].start()):
            run = run[1:]
        if len(run) < 2:
            continue
        surname = run[-1].group().rstrip("’'-")
        if len(surname) >= 2 and surname.lower() not in lowercase:
            found.setdefault(folded(surname), text[run[0].start() : run[-1].end()])
    return found


def _first_of_sentence(text: str, at: int) -> bool:
    while at > 0 and text[at - 1] in " \t\u00a0":
        at -= 1
    return at == 0 or text[at - 1] in _SENTENCE_MARKS


@functools.cache
def country_name(code: str) -> str:
    """The English name of an ISO 3166-1 code ("RS" → "Serbia"), else the code."""
    return Locale("en").territories.get(code, code)
