"""How often phrases are used over time, by whom, and who used each first.

For each phrase, key (the issuer, the speaker, the language, or none) and period (a month
``YYYY-MM``, a quarter ``YYYY-Qn`` or a year ``YYYY``) a trend gives the phrase's
occurrences, the releases holding it, the releases of that key in that period whatever they
say, and the share: releases holding it ÷ releases of that key in that period. Dividing by
each issuer's own volume keeps a prolific issuer from looking obsessed.

The search index finds the releases that may hold a phrase (``Phrase.fts_query``);
``store.phrases.occurrences`` counts it in each one's text, so a release counts only where
the one matcher finds the phrase. Releases with no date are left out of the series and
counted apart (``Trend.undated``). A key's row appears for every period it issued releases
in, from the first key that used the phrase at all: a month of silence is a share of 0,
which is what shows the move from "Kiev" to "Kyiv".
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from store.db import Store
from store.phrases import Phrase, occurrences
from store.releases import ReleaseFilter, release_filter_sql
from store.stemming import languages_stemmed

By = Literal["issuer", "speaker", "language", "none"]
Per = Literal["month", "quarter", "year"]
BY_CHOICES: tuple[By, ...] = ("issuer", "speaker", "language", "none")
PER_CHOICES: tuple[Per, ...] = ("month", "quarter", "year")

# The column each key is grouped by: issuers by id (their names are looked up once).
_KEY_COLUMN = {"issuer": "r.issuer_id", "speaker": "r.speaker", "language": "r.language"}
_PERIOD_SQL = {
    "month": "substr(r.date, 1, 7)",
    "quarter": "substr(r.date, 1, 4) || '-Q' || ((CAST(substr(r.date, 6, 2) AS INTEGER) + 2) / 3)",
    "year": "substr(r.date, 1, 4)",
}


# Releases read between two questions whether the trend is still wanted.
CANCEL_EVERY = 500


class TrendCancelled(Exception):
    """The trend was no longer wanted (another was asked for); nothing is returned."""


@dataclass(frozen=True)
class TrendPoint:
    """One phrase's use by one key (an issuer's name, a speaker, a language code; None for
    releases without one, and for ``by="none"``) in one period."""

    phrase: str
    key: str | None
    period: str
    occurrences: int
    releases: int
    releases_in_period: int

    @property
    def share(self) -> float:
        """Releases holding the phrase ÷ releases of that key in that period."""
        return self.releases / self.releases_in_period


@dataclass(frozen=True)
class FirstUse:
    """Who said it first: an issuer's first and last dated release holding the phrase."""

    phrase: str
    issuer: str
    first_date: str
    first_release_id: int
    last_date: str
    last_release_id: int
    releases: int


@dataclass(frozen=True)
class Trend:
    series: list[TrendPoint]
    first_uses: list[FirstUse]
    undated: dict[str, int] = field(default_factory=dict)  # phrase → undated releases holding it


def period_of(date: str, per: Per) -> str:
    """The period an ISO date falls in.

    >>> period_of("2022-11-25", "month"), period_of("2022-11-25", "quarter")
    ('2022-11', '2022-Q4')
    """
    if per == "month":
        return date[:7]
    if per == "quarter":
        return f"{date[:4]}-Q{(int(date[5:7]) + 2) // 3}"
    return date[:4]


def periods_between(first: str, last: str) -> list[str]:
    """Every period from ``first`` to ``last`` (both of one kind), the silent ones included.

    >>> periods_between("2019-Q4", "2020-Q2"), periods_between("2021-11", "2022-01")
    (['2019-Q4', '2020-Q1', '2020-Q2'], ['2021-11', '2021-12', '2022-01'])
    """
    year, last_year = int(first[:4]), int(last[:4])
    if len(first) == 4:
        return [str(y) for y in range(year, last_year + 1)]
    quarter = "Q" in first
    step_of = (lambda p: int(p[6])) if quarter else (lambda p: int(p[5:7]))
    steps = 4 if quarter else 12
    number, periods = step_of(first), []
    while (year, number) <= (last_year, step_of(last)):
        periods.append(f"{year}-Q{number}" if quarter else f"{year}-{number:02d}")
        year, number = (year + 1, 1) if number == steps else (year, number + 1)
    return periods


def parse_phrases(texts: Sequence[str], stem: bool = False) -> list[Phrase]:
    """The phrases asked for, each once, in the order given; ``PhraseError`` names a bad one."""
    phrases: dict[tuple, Phrase] = {}
    for text in texts:
        phrase = Phrase.parse(text, stem)
        phrases.setdefault((phrase.words, phrase.prefix, phrase.stemmed), phrase)
    return list(phrases.values())


def phrase_trend(
    store: Store,
    phrases: Sequence[str],
    by: By = "issuer",
    per: Per = "month",
    within: ReleaseFilter | None = None,
    should_cancel: Callable[[], bool] | None = None,
    stem: bool = False,
) -> Trend:
    """The trend of each phrase among the releases that pass ``within`` (its search aside);
    with ``stem`` its words match by their stems in each release's language (store.phrases).

    Raises ``store.phrases.PhraseError`` (one sentence) for a phrase that cannot be looked
    for, and ``TrendCancelled`` when ``should_cancel`` (asked every few hundred releases)
    says the trend is no longer wanted: a phrase in every release reads every text.
    """
    parsed = parse_phrases(phrases, stem)
    counting = _Counting(
        store,
        by,
        per,
        *release_filter_sql(dataclasses.replace(within or ReleaseFilter(), query="")),
    )
    counting.should_cancel = should_cancel or (lambda: False)
    in_period = counting.releases_in_period()
    series: list[TrendPoint] = []
    first_uses: list[FirstUse] = []
    undated: dict[str, int] = {}
    languages = languages_stemmed(store.conn) if stem else ()
    for phrase in parsed:
        use = counting.use_of(phrase.stemmed_in(languages) if phrase.stems else phrase)
        undated[phrase.text] = use.undated
        for key in sorted(use.per_key, key=lambda k: (k is None, k or "")):
            for period, releases_in_period in sorted(in_period[key].items()):
                count, releases = use.per_key[key].get(period, (0, 0))
                series.append(
                    TrendPoint(phrase.text, key, period, count, releases, releases_in_period)
                )
        first_uses += sorted(use.first_uses, key=lambda f: (f.first_date, f.first_release_id))
    return Trend(series, first_uses, undated)


@dataclass
class _PhraseUse:
    per_key: dict[str | None, dict[str, tuple[int, int]]]  # key → period → (occurrences, releases)
    first_uses: list[FirstUse]
    undated: int


@dataclass
class _Counting:
    """The queries of one trend: its key, its period and the filter's SQL."""

    store: Store
    by: By
    per: Per
    joins: str
    where: str
    params: list[object]

    def __post_init__(self) -> None:
        self.key_sql = _KEY_COLUMN.get(self.by, "NULL")
        self.should_cancel: Callable[[], bool] = lambda: False
        self.names: dict[int, str] = dict(self.store.conn.execute("SELECT id, name FROM issuers"))

    def key_of(self, raw: object) -> str | None:
        """The key as the analyst reads it: issuers by name, the others as stored."""
        if self.by == "issuer":
            return self.names.get(raw)  # type: ignore[call-overload]
        return raw  # type: ignore[return-value]

    def releases_in_period(self) -> dict[str | None, dict[str, int]]:
        """Every dated release that passes the filter, counted per key and period."""
        dated = f"{self.where} AND r.date IS NOT NULL" if self.where else "WHERE r.date IS NOT NULL"
        counts: dict[str | None, dict[str, int]] = defaultdict(dict)
        for raw, period, count in self.store.conn.execute(
            f"SELECT {self.key_sql}, {_PERIOD_SQL[self.per]}, count(*) FROM releases r "
            f"{self.joins} {dated} GROUP BY 1, 2",
            self.params,
        ):
            counts[self.key_of(raw)][period] = count
        return counts

    def use_of(self, phrase: Phrase) -> _PhraseUse:
        """One phrase's occurrences and releases per key and period, each issuer's first and
        last use, and how many undated releases hold it."""
        conditions = f"AND {self.where[len('WHERE ') :]}" if self.where else ""
        rows = self.store.conn.execute(
            f"SELECT r.id, r.date, {self.key_sql}, r.issuer_id, r.text, r.language FROM releases r "
            f"JOIN releases_fts ON releases_fts.rowid = r.id {self.joins} "
            f"WHERE releases_fts MATCH ? {conditions}",
            [phrase.fts_query, *self.params],
        )
        use = _PhraseUse(defaultdict(dict), [], 0)
        spans: dict[int, list] = {}  # issuer id → [first (date, id), last (date, id), releases]
        for number, (release_id, date, raw, issuer_id, text, language) in enumerate(rows):
            if number % CANCEL_EVERY == 0 and self.should_cancel():
                raise TrendCancelled
            found = sum(1 for _ in occurrences(text, phrase, language))
            if not found:
                continue
            if date is None:
                use.undated += 1
                continue
            periods = use.per_key[self.key_of(raw)]
            period = period_of(date, self.per)
            count, releases = periods.get(period, (0, 0))
            periods[period] = (count + found, releases + 1)
            if issuer_id is not None:
                span = spans.setdefault(issuer_id, [(date, release_id), (date, release_id), 0])
                span[0] = min(span[0], (date, release_id))
                span[1] = max(span[1], (date, release_id))
                span[2] += 1
        use.first_uses = [
            FirstUse(phrase.text, self.names[issuer_id], *first, *last, releases)
            for issuer_id, (first, last, releases) in spans.items()
        ]
        return use
