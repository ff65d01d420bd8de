"""Where else a release's wording appears: the passages it shares with other releases, word
for word or with a few words changed, each with the other releases, first appearance first.

The store indexes each release's winnowed shingle hashes (:mod:`store.fingerprints`,
``release_fingerprints``). Every shingle of the release (or of the selected passage) is
looked up there: the releases that share one are the candidates, and any release sharing
a passage of ``store.fingerprints.GUARANTEED_WORDS`` words or more is certain to be one.
Each candidate's text is then aligned with the release's: equal shingles at consecutive
positions make a run of shared words, and runs a few changed words apart (``GAP_WORDS``)
make one passage, marked ``exact=False``. Offsets are code points of each release's text
(``text[start:end]``).

A passage shared only by releases of the release's own issuer is that issuer's boilerplate
(sign-offs, contact lines, "For further information"); a passage that releases of two or
more issuers share is agreed language (``SharedPassage.agreed``).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from store.db import Store
from store.fingerprints import (
    SHINGLE_WORDS,
    Word,
    folded_words,
    shingle_hash,
    word_spans,
    words_of,
)

DEFAULT_MIN_WORDS = 12
# Words changed, added or dropped between two runs of one passage ("agreed" for "decided").
GAP_WORDS = 4
# A shingle found in more releases than this is looked at in this many (the first saved):
# a site's footer in a hundred thousand releases must not cost a hundred thousand reads.
RELEASES_PER_SHINGLE = 200
# The releases sharing most of the wording are aligned; beyond this many the rest share less.
MOST_CANDIDATES = 300


class ReuseError(ValueError):
    """A request that cannot be answered; the message is one sentence for the analyst."""


@dataclass(frozen=True)
class Elsewhere:
    """The same wording in another release: ``start``/``end`` are code points of its text."""

    release_id: int
    start: int
    end: int
    issuer: str | None
    date: str | None
    title: str
    text: str  # the other release's wording, as written there
    exact: bool  # the same words (case, accents and punctuation aside), or a few changed


@dataclass(frozen=True)
class SharedPassage:
    """A passage of the release that other releases share, with those releases by date."""

    start: int
    end: int
    text: str
    issuer: str | None  # the release's own issuer
    elsewhere: tuple[Elsewhere, ...]

    @property
    def agreed(self) -> bool:
        """Shared by releases of two or more issuers; otherwise the issuer's boilerplate."""
        return any(other.issuer != self.issuer for other in self.elsewhere)


@dataclass(frozen=True)
class _Release:
    release_id: int
    text: str
    issuer: str | None
    date: str | None
    title: str


@dataclass(frozen=True)
class _Run:
    """Shared words: [here_first, here_last) in the release, [there_first, there_last) in
    the other one, as word indexes."""

    here_first: int
    here_last: int
    there_first: int
    there_last: int
    exact: bool


# A run shared with another release, that release, and where each of its words is.
_Found = tuple[_Run, _Release, list[tuple[int, int]]]

_RELEASE_COLUMNS = (
    "r.id, r.text, coalesce(i.name, r.source), r.date, r.title "
    "FROM releases r LEFT JOIN issuers i ON i.id = r.issuer_id"
)


def where_else(
    store: Store,
    release_id: int,
    min_words: int = DEFAULT_MIN_WORDS,
    start: int = 0,
    end: int | None = None,
) -> list[SharedPassage]:
    """The passages of release ``release_id`` (of its text from ``start`` to ``end``, the
    whole text by default) of at least ``min_words`` words that other releases share, in
    text order; each lists the other releases, first appearance (earliest date) first."""
    if min_words < SHINGLE_WORDS:
        raise ReuseError(f"A shared passage is at least {SHINGLE_WORDS} words; give more.")
    release = _release(store.conn, release_id)
    if release is None:
        raise ReuseError(f"There is no release with id {release_id}.")
    words = [
        word
        for word in words_of(release.text)
        if word.start >= start and (end is None or word.end <= end)
    ]
    here = _shingles(words)
    candidates = _candidates(store.conn, release_id, list(here))
    found: list[_Found] = []
    for other in _releases(store.conn, candidates):
        runs = _runs(here, folded_words(other.text), min_words)
        if runs:
            spans = word_spans(other.text)
            found += [(run, other, spans) for run in runs]
    return _passages(release, words, found)


def _release(conn: sqlite3.Connection, release_id: int) -> _Release | None:
    row = conn.execute(f"SELECT {_RELEASE_COLUMNS} WHERE r.id = ?", (release_id,)).fetchone()
    return _Release(*row) if row else None


def _releases(conn: sqlite3.Connection, ids: list[int]) -> list[_Release]:
    rows = conn.execute(
        f"SELECT {_RELEASE_COLUMNS} WHERE r.id IN (SELECT value FROM json_each(?))",
        (json.dumps(ids),),
    )
    return [_Release(*row) for row in rows]


def _shingles(words: list[Word]) -> dict[tuple[str, ...], list[int]]:
    """Each run of ``SHINGLE_WORDS`` words, with the word indexes where it begins."""
    folded = [word.word for word in words]
    shingles: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for index in range(len(folded) - SHINGLE_WORDS + 1):
        shingles[tuple(folded[index : index + SHINGLE_WORDS])].append(index)
    return shingles


def _candidates(
    conn: sqlite3.Connection, release_id: int, shingles: list[tuple[str, ...]]
) -> list[int]:
    """The other releases that hold a fingerprint among ``shingles``, those sharing most
    first, at most ``MOST_CANDIDATES``."""
    if not shingles:
        return []
    hashes = sorted({shingle_hash(shingle) for shingle in shingles})
    rows = conn.execute(
        "SELECT (SELECT json_group_array(release_id) FROM (SELECT release_id "
        "FROM release_fingerprints WHERE hash = h.value LIMIT ?)) FROM json_each(?) h",
        (RELEASES_PER_SHINGLE, json.dumps(hashes)),
    )
    shared: dict[int, int] = defaultdict(int)
    for (ids,) in rows:
        for other in json.loads(ids):
            if other != release_id:
                shared[other] += 1
    ranked = sorted(shared, key=lambda other: (-shared[other], other))
    return ranked[:MOST_CANDIDATES]


def _runs(here: dict[tuple[str, ...], list[int]], folded: list[str], min_words: int) -> list[_Run]:
    """The passages of at least ``min_words`` words the two texts share (``folded``: the
    other one's words): maximal runs of equal shingles, joined where a few words changed
    between them."""
    diagonals: dict[int, list[int]] = defaultdict(list)
    for index in range(len(folded) - SHINGLE_WORDS + 1):
        for start in here.get(tuple(folded[index : index + SHINGLE_WORDS]), ()):
            diagonals[start - index].append(start)
    runs: list[_Run] = []
    for shift, starts in diagonals.items():
        first = previous = starts[0]
        for start in [*starts[1:], None]:
            if start is not None and start == previous + 1:
                previous = start
                continue
            last = previous + SHINGLE_WORDS
            runs.append(_Run(first, last, first - shift, last - shift, True))
            if start is not None:
                first = previous = start
    return [run for run in _joined(runs) if run.here_last - run.here_first >= min_words]


def _joined(runs: list[_Run]) -> list[_Run]:
    """Runs in text order, a run overlapping a longer one dropped, and runs at most
    ``GAP_WORDS`` words apart in both texts joined into one changed passage."""
    kept: list[_Run] = []
    for run in sorted(runs, key=lambda r: (r.here_first, -(r.here_last - r.here_first))):
        if not kept:
            kept.append(run)
            continue
        last = kept[-1]
        gap_here = run.here_first - last.here_last
        gap_there = run.there_first - last.there_last
        if run.here_last <= last.here_last:
            continue  # inside the passage already kept
        near = -SHINGLE_WORDS < gap_here <= GAP_WORDS and -SHINGLE_WORDS < gap_there <= GAP_WORDS
        if near and run.there_last > last.there_last:
            kept[-1] = _Run(
                last.here_first, run.here_last, last.there_first, run.there_last, exact=False
            )
            continue
        if gap_here < 0:
            continue  # a shorter run over the same words, from elsewhere in the other text
        kept.append(run)
    return kept


def _passages(release: _Release, words: list[Word], found: list[_Found]) -> list[SharedPassage]:
    """The runs grouped into the release's passages (overlapping runs make one)."""
    found.sort(key=lambda item: item[0].here_first)
    groups: list[tuple[int, int, list[_Found]]] = []
    for item in found:
        run = item[0]
        if groups and run.here_first < groups[-1][1]:
            first, last, members = groups[-1]
            groups[-1] = (first, max(last, run.here_last), [*members, item])
        else:
            groups.append((run.here_first, run.here_last, [item]))
    passages = []
    for first, last, members in groups:
        start, end = words[first].start, words[last - 1].end
        elsewhere = _elsewhere(members)
        passages.append(
            SharedPassage(start, end, release.text[start:end], release.issuer, elsewhere)
        )
    return passages


def _elsewhere(members: list[_Found]) -> tuple[Elsewhere, ...]:
    """One entry per other release (its longest run), earliest date first, undated last."""
    longest: dict[int, _Found] = {}
    for run, other, spans in members:
        held = longest.get(other.release_id)
        if held is None or run.here_last - run.here_first > held[0].here_last - held[0].here_first:
            longest[other.release_id] = (run, other, spans)
    entries = []
    for run, other, spans in longest.values():
        start, end = spans[run.there_first][0], spans[run.there_last - 1][1]
        entries.append(
            Elsewhere(
                other.release_id,
                start,
                end,
                other.issuer,
                other.date,
                other.title,
                other.text[start:end],
                run.exact,
            )  # fmt: skip
        )
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.release_id))
    return tuple(entries)
