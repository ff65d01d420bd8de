"""A phrase's occurrences in each release, counted from the search index's word positions.

The index keeps, for every word, the releases and the positions (the n-th word of the
``text`` or ``title`` column) where it stands; FTS5's ``fts5vocab`` *instance* table reads
them as rows (term, release, column, position). A one-word phrase's occurrences in a
release are its rows in ``text``; a phrase of several words occurs where its words stand at
consecutive positions; a prefix (``sanction*``) is every word from ``sanction`` up to the
next word that does not begin so. Counting inside SQLite this way reads no release's text:
for a word in nine releases of ten it is a few seconds at a million releases where reading
the texts took a minute.

An occurrence counted here is one :func:`store.phrases.occurrences` shows: both read words
as the index's tokenizer does (:mod:`store.index_words`), only the ``text`` column counts,
and occurrences of a phrase that can overlap itself ("very very") are taken from the left
without overlapping, as the matcher takes them. A store-wide test holds the two to one
answer.

A phrase matched by its stems (``--stem``) is counted by the matcher itself: the index
holds words as written, not their stems, so it finds the releases holding each word's
candidate starts (store.stemming), and :func:`store.phrases.occurrences` counts the
phrase in each one's text, in that release's language.

>>> from store.db import Store
>>> from store.parsed import ParsedRelease
>>> from store.release_saving import save_release
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> with Store(folder / "s.db") as store:
...     _ = save_release(store, ParsedRelease(title="Kyiv", identity="a",
...         body_markdown="Kyiv, Kyiv and the Kyiv region."), origin_file=None)
...     with counted(store, Phrase.parse("Kyiv")) as hits:
...         store.conn.execute(f"SELECT * FROM {hits}").fetchall()
[(1, 3)]
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from store.db import Store
from store.phrases import Phrase, occurrences
from store.releases import ReleaseFilter, release_filter_sql

HITS = "temp.phrase_hits"  # (release_id INTEGER PRIMARY KEY, occurrences INTEGER)
_WORDS = "temp.releases_fts_words"  # fts5vocab instance: (term, doc, col, offset)
_TERMS = "temp.releases_fts_terms"  # fts5vocab row: (term, doc, cnt)
# Virtual-machine steps between two questions whether the count is still wanted.
_ASK_EVERY = 50_000
# Releases whose texts the matcher reads between two such questions.
_TEXTS_BETWEEN_ASKING = 64


class CountStopped(Exception):
    """The caller no longer wanted the count (``stop`` said so)."""


@contextmanager
def counted(
    store: Store,
    phrase: Phrase,
    stop: Callable[[], bool] | None = None,
    within: ReleaseFilter | None = None,
) -> Iterator[str]:
    """The phrase's occurrences per release in the text, in a temporary table of the
    store's connection (named by the value given; it holds only releases with one or
    more), dropped on leaving. ``stop`` is asked now and then while counting; when it says
    yes, :class:`CountStopped` is raised.

    The table may hold releases that do not pass ``within``: a caller keeps those that do.
    It is only a saving, for a stemmed phrase, whose count reads each holder's text."""
    if stop is not None and stop():
        raise CountStopped
    conn = store.conn
    if phrase.stems:
        conn.execute(f"DROP TABLE IF EXISTS {HITS}")
        conn.execute(f"CREATE TABLE {HITS} (release_id INTEGER PRIMARY KEY, occurrences INTEGER)")
        try:
            found = list(_matched(store, phrase, stop, within))
            conn.executemany(f"INSERT INTO {HITS} VALUES (?, ?)", found)
            yield HITS
        finally:
            conn.execute(f"DROP TABLE IF EXISTS {HITS}")
        return
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_WORDS} USING fts5vocab(main, releases_fts, instance)"
    )
    conn.execute(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {_TERMS} USING fts5vocab(main, releases_fts, row)"
    )
    conn.execute(f"DROP TABLE IF EXISTS {HITS}")
    conn.execute(f"CREATE TABLE {HITS} (release_id INTEGER PRIMARY KEY, occurrences INTEGER)")
    if stop is not None:
        conn.set_progress_handler(stop, _ASK_EVERY)
    try:
        _count(conn, phrase)
    except sqlite3.OperationalError as error:
        if stop is not None and "interrupted" in str(error):
            raise CountStopped from error
        raise
    finally:
        conn.set_progress_handler(None, 0)
    try:
        yield HITS
    finally:
        conn.execute(f"DROP TABLE IF EXISTS {HITS}")


def _matched(
    store: Store, phrase: Phrase, stop: Callable[[], bool] | None, within: ReleaseFilter | None
) -> Iterator[tuple[int, int]]:
    """(release, occurrences) by the matcher, in each release of the index's candidates
    that passes ``within``."""
    searched = dataclasses.replace(
        within or ReleaseFilter(), query="text : " + phrase.fts_query, as_you_type=False
    )
    joins, where, params = release_filter_sql(searched)
    ids = [
        row[0] for row in store.conn.execute(f"SELECT r.id FROM releases r {joins} {where}", params)
    ]
    for first in range(0, len(ids), _TEXTS_BETWEEN_ASKING):
        if stop is not None and stop():
            raise CountStopped
        batch = ids[first : first + _TEXTS_BETWEEN_ASKING]
        marks = ", ".join("?" * len(batch))
        rows = store.conn.execute(
            f"SELECT id, text, language FROM releases WHERE id IN ({marks})", batch
        ).fetchall()
        for release_id, text, language in rows:
            found = sum(1 for _ in occurrences(text or "", phrase, language))
            if found:
                yield release_id, found


def _count(conn: sqlite3.Connection, phrase: Phrase) -> None:
    last = len(phrase.words) - 1
    if last == 0:
        where, params = _term_condition(phrase.words[0], phrase.prefix)
        conn.execute(
            f"INSERT INTO {HITS} SELECT doc, count(*) FROM {_WORDS} "
            f"WHERE {where} AND col = 'text' GROUP BY doc",
            params,
        )
        return
    starts = _starts(conn, phrase)
    try:
        if not may_overlap(phrase):
            conn.execute(f"INSERT INTO {HITS} SELECT doc, count(*) FROM {starts} GROUP BY doc")
            return
        conn.executemany(
            f"INSERT INTO {HITS} VALUES (?, ?)",
            _without_overlaps(conn.execute(f"SELECT doc, start FROM {starts}"), last + 1),
        )
    finally:
        conn.execute(f"DROP TABLE IF EXISTS {starts}")


def _starts(conn: sqlite3.Connection, phrase: Phrase) -> str:
    """A temporary table of where the phrase begins, (release, position) in order.

    The positions of its rarest word give the candidates; each other word, read once,
    keeps those where it stands at its place. Reading a common word ("the") costs a pass
    over its positions, never a table of them."""
    last = len(phrase.words) - 1
    conditions = [
        _term_condition(w, phrase.prefix and i == last) for i, w in enumerate(phrase.words)
    ]
    words = sorted(range(last + 1), key=lambda i: _positions(conn, *conditions[i]))
    tables = ["temp.phrase_starts", "temp.phrase_kept"]
    for table in tables:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute(
        f"CREATE TABLE {tables[0]} (doc INTEGER, start INTEGER, PRIMARY KEY (doc, start)) "
        "WITHOUT ROWID"
    )
    rarest, others = words[0], words[1:]
    where, params = conditions[rarest]
    conn.execute(
        f"INSERT INTO {tables[0]} SELECT doc, offset - {rarest} FROM {_WORDS} "
        f"WHERE {where} AND col = 'text' AND offset >= {rarest}",
        params,
    )
    for index in others:
        where, params = conditions[index]
        conn.execute(
            f"CREATE TABLE {tables[1]} (doc INTEGER, start INTEGER, PRIMARY KEY (doc, start)) "
            "WITHOUT ROWID"
        )
        conn.execute(
            f"INSERT INTO {tables[1]} SELECT s.doc, s.start FROM {_WORDS} v "
            f"CROSS JOIN {tables[0]} s ON s.doc = v.doc AND s.start = v.offset - {index} "
            f"WHERE {where.replace('term', 'v.term')} AND v.col = 'text'",
            params,
        )
        conn.execute(f"DROP TABLE {tables[0]}")
        tables.reverse()
    return tables[0]


def _positions(conn: sqlite3.Connection, where: str, params: list[str]) -> int:
    """How many places the word (or the words of a prefix) stands at, in any column."""
    row = conn.execute(f"SELECT sum(cnt) FROM {_TERMS} WHERE {where}", params).fetchone()
    return row[0] or 0


def _term_condition(word: str, prefix: bool) -> tuple[str, list[str]]:
    if not prefix:
        return "term = ?", [word]
    # Every word that begins with ``word`` sorts between it and it followed by the last
    # code point there is.
    return "term >= ? AND term < ?", [word, word + "\U0010ffff"]


def may_overlap(phrase: Phrase) -> bool:
    """Whether two occurrences of the phrase can share words: "very very" twice in "very
    very very", "sanctions on sanction*" in "sanctions on sanctions on…".

    >>> may_overlap(Phrase.parse("human rights")), may_overlap(Phrase.parse("a b a"))
    (False, True)
    """
    words, last = phrase.words, len(phrase.words) - 1
    for shift in range(1, last + 1):
        if all(
            words[i].startswith(words[last])
            if phrase.prefix and i + shift == last
            else words[i + shift] == words[i]
            for i in range(last + 1 - shift)
        ):
            return True
    return False


def _without_overlaps(starts: Iterator[tuple[int, int]], length: int) -> Iterator[tuple[int, int]]:
    """(release, occurrences) from every start in (release, position) order, each taken
    only where it begins after the last one taken ends, as the matcher reads from the left."""
    release, count, free_from = None, 0, 0
    for doc, offset in starts:
        if doc != release:
            if release is not None:
                yield release, count
            release, count, free_from = doc, 0, 0
        if offset >= free_from:
            count += 1
            free_from = offset + length
    if release is not None:
        yield release, count
