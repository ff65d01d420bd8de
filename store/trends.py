"""How often phrases are used over time, by whom, and who used each first.

For each phrase, key (the issuer, the speaker, the language, or none) and period (a month
``YYYY-MM``, a quarter ``YYYY-Qn`` or a year ``YYYY``) a trend gives the phrase's
occurrences, the releases holding it, the releases of that key in that period whatever they
say, and the share: releases holding it ÷ releases of that key in that period. Dividing by
each issuer's own volume keeps a prolific issuer from looking obsessed.

The occurrences are counted from the search index's word positions, a stemmed phrase's by
the matcher (:mod:`store.phrase_counts`), in the releases' text (not their titles), which is
where the concordance's matcher finds them: a count never disagrees with the lines it shows.
Releases with no date are left out of the series and counted apart (``Trend.undated``). A
key's row appears for every period it issued releases in, from the first key that used the
phrase at all: a month of silence is a share of 0, which is what shows the move from "Kiev"
to "Kyiv".
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from store.db import Store
from store.phrase_counts import CountStopped, counted
from store.phrases import Phrase
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


class TrendCancelled(Exception):
    """The trend was no longer wanted (another was asked for); nothing is returned."""


# A phrase held by more than one release in this many is counted in one pass over every
# release's issuer and date; one held by fewer looks its holders up (faster at a million).
_MANY_HOLD = 20


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
    for, and ``TrendCancelled`` when ``should_cancel`` (asked now and then while counting)
    says the trend is no longer wanted.
    """
    parsed = parse_phrases(phrases, stem)
    kept = dataclasses.replace(within or ReleaseFilter(), query="")
    counting = _Counting(store, by, per, kept, *release_filter_sql(kept))
    counting.should_cancel = should_cancel or (lambda: False)
    series: list[TrendPoint] = []
    first_uses: list[FirstUse] = []
    undated: dict[str, int] = {}
    languages = languages_stemmed(store.conn) if stem else ()
    for phrase in parsed:
        use = counting.use_of(phrase.stemmed_in(languages) if phrase.stems else phrase)
        undated[phrase.text] = use.undated
        for key in sorted(use.per_key, key=lambda k: (k is None, k or "")):
            for period, releases_in_period in sorted(use.in_period[key].items()):
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
    in_period: dict[str | None, dict[str, int]]  # key → period → every release of it


@dataclass
class _Counting:
    """The queries of one trend: its key, its period, the filter and the filter's SQL."""

    store: Store
    by: By
    per: Per
    within: ReleaseFilter
    joins: str
    where: str
    params: list[object]

    def __post_init__(self) -> None:
        self.key_sql = _KEY_COLUMN.get(self.by, "NULL")
        self.should_cancel: Callable[[], bool] = lambda: False
        self.names: dict[int, str] = dict(self.store.conn.execute("SELECT id, name FROM issuers"))
        # With no filter, the releases of a phrase held by many and every release per
        # period are counted in one pass over the covering index of issuers and dates.
        self.may_pass_once = not self.where and self.by in ("issuer", "none")
        self.one_pass = False
        self._in_period: dict[str | None, dict[str, int]] | None = None

    def key_of(self, raw: object) -> str | None:
        """The key as the analyst reads it: issuers by name, the others as stored."""
        if self.by == "issuer":
            return self.names.get(raw)  # type: ignore[call-overload]
        return raw  # type: ignore[return-value]

    def releases_in_period(self) -> dict[str | None, dict[str, int]]:
        """Every dated release that passes the filter, counted per key and period (once)."""
        if self._in_period is None:
            self._in_period = self._count_in_period()
        return self._in_period

    def _count_in_period(self) -> dict[str | None, dict[str, int]]:
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
        try:
            with counted(self.store, phrase, self.should_cancel, self.within) as hits:
                return self._use_in(phrase, hits)
        except CountStopped as stopped:
            raise TrendCancelled from stopped

    def _use_in(self, phrase: Phrase, hits: str) -> _PhraseUse:
        conditions = f"AND {self.where[len('WHERE ') :]}" if self.where else ""
        self.one_pass = self.may_pass_once and self._held_by_many(hits)
        holding = "h.release_id IS NOT NULL"
        if self.one_pass:
            # Every release's issuer and date from their covering index, the holders among
            # them looked up as it is read: the releases per period come in the same pass.
            releases = f"releases r INDEXED BY releases_issuer LEFT JOIN {hits} h"
            dates = (
                f"min(CASE WHEN {holding} THEN r.date END), "
                f"max(CASE WHEN {holding} THEN r.date END)"
            )
        else:
            releases = f"{hits} h CROSS JOIN releases r"
            dates = "min(r.date), max(r.date)"
        groups = self.store.conn.execute(
            f"SELECT {self.key_sql}, r.issuer_id, {_PERIOD_SQL[self.per]}, "
            f"sum(h.occurrences), count(h.release_id), {dates}, count(*) "
            f"FROM {releases} ON h.release_id = r.id {self.joins} "
            f"WHERE 1 {conditions} GROUP BY 1, 2, 3",
            self.params,
        )
        use = _PhraseUse(defaultdict(dict), [], 0, defaultdict(lambda: defaultdict(int)))
        spans: dict[int, list] = {}  # issuer id → [first date, last date, releases]
        for raw, issuer_id, period, found, releases_holding, first, last, every in groups:
            if period is not None:
                use.in_period[self.key_of(raw)][period] += every
            if not releases_holding:
                continue
            if period is None:
                use.undated += releases_holding
                continue
            periods = use.per_key[self.key_of(raw)]
            count, held = periods.get(period, (0, 0))
            periods[period] = (count + found, held + releases_holding)
            if issuer_id is not None:
                span = spans.setdefault(issuer_id, [first, last, 0])
                span[0], span[1] = min(span[0], first), max(span[1], last)
                span[2] += releases_holding
        use.first_uses = [
            FirstUse(
                phrase.text,
                self.names[issuer_id],
                first,
                self._release_on(hits, issuer_id, first, "ASC", conditions),
                last,
                self._release_on(hits, issuer_id, last, "DESC", conditions),
                releases,
            )
            for issuer_id, (first, last, releases) in spans.items()
        ]
        if not self.one_pass:
            use.in_period = self.releases_in_period()
        return use

    def _held_by_many(self, hits: str) -> bool:
        holding = self.store.conn.execute(f"SELECT count(*) FROM {hits}").fetchone()[0]
        total = self.store.conn.execute("SELECT value FROM store_counts WHERE name = 'releases'")
        return holding * _MANY_HOLD > (total.fetchone() or (0,))[0]

    def _release_on(self, hits: str, issuer_id: int, date: str, order: str, conditions: str) -> int:
        """The first (or last) release of the issuer on that date holding the phrase."""
        return self.store.conn.execute(
            f"SELECT r.id FROM releases r JOIN {hits} h ON h.release_id = r.id {self.joins} "
            f"WHERE r.issuer_id = ? AND r.date = ? {conditions} ORDER BY r.id {order} LIMIT 1",
            [issuer_id, date, *self.params],
        ).fetchone()[0]
