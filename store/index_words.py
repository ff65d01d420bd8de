"""How the store's search index reads characters: which belong to a word, and what each
folds to.

The index's tokenizer (FTS5 ``unicode61 remove_diacritics 2``) reads a text one code point
at a time: a code point is part of a word or separates words, and inside a word it folds
to one code point or to none (a combining accent). Its tables are SQLite's own and follow
an older Unicode than Python's (Python calls ``ß`` "ss" and a combining accent a separator;
the tokenizer keeps ``ß`` and drops the accent inside the word). Rather than copy those
tables, each character met is put once to the tokenizer itself, in a private in-memory
table, and its answer kept: the phrase matcher then reads words exactly as the index does,
so a count taken from the index's word positions and the passages the matcher shows agree.

>>> index_words("Kyïv's Straße")
[(0, 4, 'kyiv'), (5, 6, 's'), (7, 13, 'straße')]
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable

TOKENIZER = "unicode61 remove_diacritics 2"

# Each character met: its fold inside a word ("" when the tokenizer drops it), or None
# where it separates words. ASCII is known without asking: letters and digits, lowered.
_FOLDS: dict[str, str | None] = {
    chr(code): (chr(code).lower() if chr(code).isalnum() else None) for code in range(128)
}
_ASKING = threading.Lock()
_tokenizer: sqlite3.Connection | None = None


def character_folds(chars: Iterable[str]) -> dict[str, str | None]:
    """The fold of each character (None for a separator), asking the tokenizer once about
    any not met before. The answer holds every character met so far; read it, do not
    change it."""
    unknown = [char for char in set(chars) if char not in _FOLDS]
    if unknown:
        _ask_tokenizer(unknown)
    return _FOLDS


def index_words(text: str) -> list[tuple[int, int, str]]:
    """The words of a text as the index reads them: (start, end, folded word), code points.

    A word the tokenizer folds to nothing (a lone combining accent) is no word, as in the
    index's positions.
    """
    folds = character_folds(text)
    words: list[tuple[int, int, str]] = []
    start, pieces = -1, []
    for position, char in enumerate(text):
        fold = folds[char]
        if fold is None:
            if pieces:
                words.append((start, position, "".join(pieces)))
            start, pieces = -1, []
            continue
        if start < 0:
            start = position
        if fold:
            pieces.append(fold)
    if pieces:
        words.append((start, len(text), "".join(pieces)))
    return words


def _ask_tokenizer(chars: list[str]) -> None:
    """Each character between two ASCII letters: one word back means it is part of a word
    (the word's middle is its fold), two words back mean it separates them."""
    global _tokenizer
    with _ASKING:
        if _tokenizer is None:
            _tokenizer = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            _tokenizer.execute(f"CREATE VIRTUAL TABLE probe USING fts5(t, tokenize='{TOKENIZER}')")
            _tokenizer.execute(
                "CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, probe, instance)"
            )
        conn = _tokenizer
        words: dict[int, list[str]] = {}
        try:
            conn.executemany(
                "INSERT INTO probe(rowid, t) VALUES (?, ?)",
                [(number, f"q{char}q") for number, char in enumerate(chars, 1)],
            )
            for doc, term in conn.execute("SELECT doc, term FROM words"):
                words.setdefault(doc, []).append(term)
        finally:
            conn.execute("DELETE FROM probe")
        for number, char in enumerate(chars, 1):
            found = words.get(number, [])
            _FOLDS[char] = found[0][1:-1] if len(found) == 1 else None
