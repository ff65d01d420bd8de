"""Who issued a release, who spoke, when, in what language, and where each of those came from.

Each of the four values has an origin: ``SOURCE`` (the input's own metadata: a feed's
channel, a page's meta tags, a column), ``TEXT`` (found in the text: a dateline, a date in
the title, "Statement by …"), ``DETECTED`` (the language, by a detector) or ``ANALYST`` (set
by hand). A value the analyst set stays through re-imports and re-cleaning
(``store.release_saving`` keeps it); nothing is invented where nothing says.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from store.changes import Changes
from store.db import Store, StoreError
from store.issuers import IssuerResolver, clean_name

SOURCE, TEXT, DETECTED, ANALYST = "source", "text", "detected", "analyst"
FIELDS = ("issuer", "speaker", "date", "language")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class CorrectionError(StoreError):
    """A correction that cannot be made; the message says what a right value looks like."""


@dataclass(frozen=True)
class Attribution:
    """A release's four values, each with its origin (None when the value is empty)."""

    release_id: int
    issuer_id: int | None
    issuer: str | None
    speaker: str | None
    date: str | None
    language: str | None
    origins: dict[str, str | None]
    countries: tuple[str, ...] = ()


def release_attribution(store: Store, release_id: int) -> Attribution | None:
    row = store.conn.execute(
        "SELECT r.id, r.issuer_id, i.name, r.speaker, r.date, r.language, r.issuer_origin, "
        "r.speaker_origin, r.date_origin, r.language_origin FROM releases r "
        "LEFT JOIN issuers i ON i.id = r.issuer_id WHERE r.id = ?",
        (release_id,),
    ).fetchone()
    if row is None:
        return None
    countries = tuple(
        code
        for (code,) in store.conn.execute(
            "SELECT country FROM release_countries WHERE release_id = ? ORDER BY country",
            (release_id,),
        )
    )
    return Attribution(*row[:6], dict(zip(FIELDS, row[6:], strict=True)), countries)


def attribution_conditions(
    issuer_ids: tuple[int, ...],
    speakers: tuple[str, ...],
    languages: tuple[str, ...],
    countries: tuple[str, ...],
) -> tuple[list[str], list[object]]:
    """SQL conditions on the release ``r`` (and their parameters) keeping releases of any of
    the issuers, with any of the speakers (a case-insensitive part of the speaker's name),
    in any of the languages, naming any of the countries. Empty tuples do not filter."""
    conditions: list[str] = []
    params: list[object] = []
    if issuer_ids:
        conditions.append(f"r.issuer_id IN ({_marks(issuer_ids)})")
        params.extend(issuer_ids)
    if speakers:
        conditions.append("(" + " OR ".join(["r.speaker LIKE ? ESCAPE '\\'"] * len(speakers)) + ")")
        params.extend(f"%{_like_escaped(speaker)}%" for speaker in speakers)
    if languages:
        conditions.append(f"r.language IN ({_marks(languages)})")
        params.extend(language.lower() for language in languages)
    if countries:
        conditions.append(
            "r.id IN (SELECT release_id FROM release_countries "
            f"WHERE country IN ({_marks(countries)}))"
        )
        params.extend(country.upper() for country in countries)
    return conditions, params


def _marks(values: tuple[object, ...]) -> str:
    return ", ".join("?" * len(values))


def _like_escaped(text: str) -> str:
    """``text`` matched literally by LIKE … ESCAPE '\\'.

    >>> _like_escaped("100%_")
    '100\\\\%\\\\_'
    """
    return text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def language_code(text: str) -> str:
    """A language as the store keeps it: the BCP 47 primary subtag, lower case.

    >>> language_code("fr-CH")
    'fr'
    """
    primary = text.strip().replace("_", "-").split("-")[0].lower()
    if not _LANGUAGE.match(primary):
        raise CorrectionError(
            f"“{text.strip()}” is not a language code; give one such as en, fr or de."
        )
    return primary


def iso_date(text: str) -> str:
    """A date as the store keeps it: YYYY-MM-DD, checked to be a real day."""
    try:
        return dt.date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise CorrectionError(
            f"“{text.strip()}” is not a date; write it as YYYY-MM-DD, such as 2022-11-25."
        ) from None


def correct_release(
    store: Store,
    release_id: int,
    *,
    issuer: str | None = None,
    speaker: str | None = None,
    date: str | None = None,
    language: str | None = None,
    clear: tuple[str, ...] = (),
) -> tuple[Attribution, Changes]:
    """Set any of the four values by hand (origin ``ANALYST``), or empty those named in
    ``clear`` (also by hand: a re-import does not fill them again). Returns the release's
    attribution before the change, for undo, and what changed.

    An issuer is named: the issuer answering to that name, or a new one.
    """
    before = release_attribution(store, release_id)
    if before is None:
        raise CorrectionError(f"There is no release {release_id}; `communique list` shows ids.")
    sets: dict[str, object] = {}
    with store.write() as conn:
        if issuer is not None:
            name = clean_name(issuer)
            if name is None:
                raise CorrectionError("Give the issuer's name (up to 200 characters).")
            sets["issuer_id"] = IssuerResolver(conn).by_name(name)
        if speaker is not None:
            sets["speaker"] = clean_name(speaker)
            if sets["speaker"] is None:
                raise CorrectionError("Give the speaker's name (up to 200 characters).")
        if date is not None:
            sets["date"] = iso_date(date)
        if language is not None:
            sets["language"] = language_code(language)
        for field in clear:
            if field not in FIELDS:
                raise CorrectionError(f"“{field}” is none of {', '.join(FIELDS)}.")
            sets["issuer_id" if field == "issuer" else field] = None
        if not sets:
            raise CorrectionError("Say what to set: an issuer, a speaker, a date or a language.")
        for column in list(sets):
            sets[f"{'issuer' if column == 'issuer_id' else column}_origin"] = ANALYST
        assignments = ", ".join(f"{column} = ?" for column in sets)
        conn.execute(
            f"UPDATE releases SET {assignments} WHERE id = ?", (*sets.values(), release_id)
        )
    ids = frozenset({release_id})
    return before, Changes(releases=ids, issuers="issuer_id" in sets)


def restore_attribution(store: Store, before: Attribution) -> Changes:
    """Put a release's four values and their origins back as ``before`` holds them."""
    with store.write() as conn:
        conn.execute(
            "UPDATE releases SET issuer_id = ?, speaker = ?, date = ?, language = ?, "
            "issuer_origin = ?, speaker_origin = ?, date_origin = ?, language_origin = ? "
            "WHERE id = ?",
            (
                before.issuer_id, before.speaker, before.date, before.language,
                *(before.origins[field] for field in FIELDS), before.release_id,
            ),
        )  # fmt: skip
    return Changes(releases=frozenset({before.release_id}), issuers=True)
