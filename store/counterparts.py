"""The other side's readout: statements by other issuers about the same event as a release.

A counterpart is a release of another issuer, dated within ``days`` of the release, that
shares its participants or its wording. Candidates come from the indexes, never a scan:

1. the releases dated in the window (``releases_date``), nearest days first, at most
   ``WINDOW_CAP`` of them; releases of the same issuer, and the release's own language
   versions (its statement group, when the store has groups), are left out;
2. their countries (``release_countries``, by its primary key), with the countries'
   rarity among the candidates (a country every candidate names says little);
3. the ``MOST_READ`` candidates sharing most countries (then nearest in date) have their
   texts read and compared: TF-IDF cosine of their words (scikit-learn's
   ``TfidfVectorizer``, fitted on the candidates and the release), TF-IDF cosine of their
   anchors (numbers, dates, names, acronyms, addresses: :mod:`store.anchors`; the same in
   any language, so a French readout finds its English counterpart), the speaker named in
   the other text, the people both name.

The score weighs those (``WEIGHTS``); a candidate that shares nothing but the dates is no
counterpart. Each counterpart has its reasons as an analyst reads them: "same day", "both
name Serbia, Kosovo", "speaker Cassis in both", "wording 0.41".
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from store.anchors import anchors_of
from store.db import Store
from store.differences import country_name, people_named
from store.phrases import folded_words

DEFAULT_DAYS = 3
DEFAULT_LIMIT = 20
WINDOW_CAP = 5_000
MOST_READ = 150
# Share of the score each kind of evidence can give (they add up to 1).
WEIGHTS = {"wording": 0.35, "anchors": 0.2, "countries": 0.2, "people": 0.15, "date": 0.1}
# A cosine below this is what any two releases of one language (or of one country's
# numbers and names) share; it is no evidence.
MIN_WORDING = 0.2
MIN_ANCHORS = 0.1
# Evidence beyond the dates below this: a release that happens to fall in the window.
MIN_EVIDENCE = 0.05
# Words in more than this share of the candidates (of at least MANY_CANDIDATES) say
# nothing of one event: function words, the issuer's own vocabulary.
COMMON_SHARE = 0.5
MANY_CANDIDATES = 20


class CounterpartsError(ValueError):
    """A release whose counterparts cannot be looked for; one sentence for the analyst."""


@dataclass(frozen=True)
class Counterpart:
    """A release of another issuer about the same event, with why it was found."""

    release_id: int
    score: float
    reasons: list[str]


@dataclass
class _Candidate:
    release_id: int
    date: str
    countries: set[str]
    text: str = ""
    speaker: str | None = None
    language: str | None = None


def counterparts(
    store: Store, release_id: int, days: int = DEFAULT_DAYS, limit: int = DEFAULT_LIMIT
) -> list[Counterpart]:
    """The counterparts of ``release_id``, best first, at most ``limit``."""
    row = store.conn.execute(
        "SELECT date, issuer_id, text, speaker, language FROM releases WHERE id = ?",
        (release_id,),
    ).fetchone()
    if row is None:
        raise CounterpartsError(f"There is no release with id {release_id}.")
    date, issuer_id, text, speaker, language = row
    if not date:
        raise CounterpartsError(
            f"Release {release_id} has no date, so no statement can be placed beside it."
        )
    day = dt.date.fromisoformat(date[:10])
    own_countries = _countries(store, [release_id]).get(release_id, set())
    candidates = _in_window(store, release_id, issuer_id, day, days)
    countries = _countries(store, [c.release_id for c in candidates])
    for candidate in candidates:
        candidate.countries = countries.get(candidate.release_id, set())
    rarity = _rarity(own_countries, candidates)
    candidates.sort(
        key=lambda c: (
            -sum(rarity[code] for code in c.countries & own_countries),
            abs((dt.date.fromisoformat(c.date[:10]) - day).days),
            c.release_id,
        )
    )
    read = candidates[:MOST_READ]
    _read_texts(store, read)
    if not read:
        return []
    wording = _cosines(text, [c.text for c in read], _words)
    anchoring = _cosines(text, [c.text for c in read], _anchor_keys(language))
    own_people = people_named(text, speaker)
    own_words = frozenset(folded_words(text))
    found = []
    for candidate, words_alike, anchors_alike in zip(read, wording, anchoring, strict=True):
        reasons: list[str] = []
        evidence = 0.0
        apart = abs((dt.date.fromisoformat(candidate.date[:10]) - day).days)
        shared_countries = candidate.countries & own_countries
        if shared_countries:
            weight = sum(rarity[code] for code in shared_countries) / max(
                sum(rarity[code] for code in own_countries), 1e-9
            )
            evidence += WEIGHTS["countries"] * weight
            reasons.append("both name " + ", ".join(sorted(_names(shared_countries))))
        speakers = _speakers_in_both(speaker, candidate, own_words)
        their_people = people_named(candidate.text, candidate.speaker)
        speaking = {folded_words(name)[-1] for name in speakers if folded_words(name)}
        shared_people = [
            shown
            for key, shown in their_people.items()
            if key in own_people and key not in speaking
        ]
        if speakers or shared_people:
            evidence += WEIGHTS["people"] * min(1.0, (len(speakers) + len(shared_people)) / 3)
            reasons.extend(f"speaker {name} in both" for name in speakers)
            if shared_people:
                reasons.append("both name " + ", ".join(shared_people[:4]))
        if words_alike >= MIN_WORDING:
            evidence += WEIGHTS["wording"] * min(1.0, words_alike / 0.5)
            reasons.append(f"wording {words_alike:.2f}")
        if anchors_alike >= MIN_ANCHORS:
            evidence += WEIGHTS["anchors"] * min(1.0, anchors_alike / 0.5)
            reasons.append(f"names and numbers {anchors_alike:.2f}")
        if evidence < MIN_EVIDENCE:
            continue
        score = evidence + WEIGHTS["date"] * (1 - apart / (days + 1))
        reasons.insert(0, _apart(apart))
        found.append(Counterpart(candidate.release_id, round(score, 3), reasons))
    found.sort(key=lambda c: (-c.score, c.release_id))
    return found[:limit]


def _in_window(
    store: Store, release_id: int, issuer_id: int | None, day: dt.date, days: int
) -> list[_Candidate]:
    since = (day - dt.timedelta(days=days)).isoformat()
    until = (day + dt.timedelta(days=days)).isoformat() + "\uffff"
    rows = store.conn.execute(
        "SELECT id, date, issuer_id FROM releases WHERE date BETWEEN ? AND ? AND id != ? "
        "ORDER BY abs(julianday(substr(date, 1, 10)) - julianday(?)), id LIMIT ?",
        (since, until, release_id, day.isoformat(), WINDOW_CAP),
    ).fetchall()
    versions = _language_versions(store, release_id)
    return [
        _Candidate(other, date, set())
        for other, date, other_issuer in rows
        if other not in versions and (issuer_id is None or other_issuer != issuer_id)
    ]


def _language_versions(store: Store, release_id: int) -> set[int]:
    """The other members of the release's statement group, when the store has groups."""
    has_groups = store.conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'statement_members'"
    ).fetchone()
    if not has_groups:
        return set()
    rows = store.conn.execute(
        "SELECT m.release_id FROM statement_members m JOIN statement_members own "
        "ON own.group_id = m.group_id WHERE own.release_id = ?",
        (release_id,),
    )
    return {other for (other,) in rows}


def _countries(store: Store, release_ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for start in range(0, len(release_ids), 500):
        chunk = release_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for release_id, country in store.conn.execute(
            f"SELECT release_id, country FROM release_countries WHERE release_id IN ({marks})",
            chunk,
        ):
            found.setdefault(release_id, set()).add(country)
    return found


def _rarity(own: set[str], candidates: list[_Candidate]) -> dict[str, float]:
    """Each of the release's countries weighed by how few candidates name it (IDF)."""
    total = len(candidates) + 1
    return {
        code: math.log(total / (1 + sum(code in c.countries for c in candidates))) + 1.0
        for code in own
    }


def _read_texts(store: Store, candidates: list[_Candidate]) -> None:
    by_id = {c.release_id: c for c in candidates}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        for release_id, text, speaker, language in store.conn.execute(
            f"SELECT id, text, speaker, language FROM releases WHERE id IN ({marks})", chunk
        ):
            candidate = by_id[release_id]
            candidate.text, candidate.speaker, candidate.language = text, speaker, language


def _words(text: str) -> list[str]:
    """The words TF-IDF compares: four letters or more, so that "the", "and", "des", "per"
    weigh nothing among few candidates, where no word is in enough of them to be common."""
    return [word for word in folded_words(text) if len(word) >= 4 and not word.isdigit()]


def _anchor_keys(language: str | None):
    def keys(text: str) -> list[str]:
        return [anchor.key for anchor in anchors_of(text, language=language)]

    return keys


def _cosines(text: str, others: list[str], analyser) -> list[float]:
    """TF-IDF cosine of ``text`` with each of ``others``, over the tokens ``analyser`` gives."""
    from sklearn.feature_extraction.text import TfidfVectorizer  # only when counterparts are asked

    common = COMMON_SHARE if len(others) >= MANY_CANDIDATES else 1.0
    vectoriser = TfidfVectorizer(analyzer=analyser, sublinear_tf=True, max_df=common)
    try:
        matrix = vectoriser.fit_transform([text, *others])
    except ValueError:  # no token in any of them (texts of numbers alone, empty texts)
        return [0.0] * len(others)
    return (matrix[1:] @ matrix[0].T).toarray().ravel().tolist()


def _speakers_in_both(speaker: str | None, candidate: _Candidate, own_words: frozenset[str]):
    """Surnames of either side's speaker that the other side's text names."""
    found = []
    if speaker and speaker.split():
        surname = speaker.split()[-1]
        their_words = frozenset(folded_words(candidate.text))
        if folded_words(surname) and folded_words(surname)[-1] in their_words:
            found.append(surname)
    if candidate.speaker and candidate.speaker.split():
        surname = candidate.speaker.split()[-1]
        named = folded_words(surname)
        if named and named[-1] in own_words and surname not in found:
            found.append(surname)
    return found


def _names(codes: set[str]) -> list[str]:
    return [country_name(code) for code in codes]


def _apart(days: int) -> str:
    if days == 0:
        return "same day"
    return "1 day apart" if days == 1 else f"{days} days apart"
