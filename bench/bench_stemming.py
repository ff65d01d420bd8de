"""Stemming (``--stem``): the stemmers' speed, how often the index's candidate start misses a
word of the same stem, and a stemmed concordance's first page beside the unstemmed one.

    .venv/bin/pip install -e '.[bench]'   # snowballstemmer, compared with PyStemmer below
    .venv/bin/python bench/bench_stemming.py                     # the 100,000-release store
    .venv/bin/python bench/bench_stemming.py --releases 1000000
    .venv/bin/python bench/bench_stemming.py --db /work/bench-1m/store-1000000.db --read-only

1. Words stemmed a second by PyStemmer (C) and by snowballstemmer's pure-Python stemmers,
   on the words of the Swiss federal releases (de, fr, it, en).
2. The candidate start (store.stemming.candidate_prefix): of every pair of word tokens of
   one language sharing a stem, the share whose second does not begin with the first's
   start, so that the index would not offer its release. Messages with an even id were
   looked at while choosing the rule; those with an odd id were kept out and are printed
   apart.
3. The first page (100 lines, date order, as the Concordance tab asks it) and the count of
   every occurrence, stemmed and as written, on a generated store (English releases) or on
   a store given by ``--db`` (``--read-only`` to only read it: the shared million).
   ``sanction`` and ``right`` were the words the code was tuned on; ``negotiation`` and
   ``territorial integrity`` were kept out.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import Stemmer  # noqa: E402
from snowballstemmer import stemmer as snowball_stemmer  # noqa: E402

from bench.corpus_sentences import CORPUS  # noqa: E402
from bench.generate_store import ensure_store  # noqa: E402
from bench.read_only_store import read_only_store  # noqa: E402
from store.concordance import concordance, count_occurrences  # noqa: E402
from store.db import Store  # noqa: E402
from store.phrases import Phrase, folded  # noqa: E402
from store.stemming import candidate_prefix, stem  # noqa: E402

SWISS = CORPUS / "swiss-news" / "releases.jsonl"
TUNED = ("sanction", "right")
HELD_OUT = ("negotiation", "territorial integrity")
_WORD = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^>]+>")


def swiss_words(held_out: bool) -> dict[str, Counter]:
    """Each language's folded words and their counts, in one half of the messages."""
    words: dict[str, Counter] = defaultdict(Counter)
    for line in SWISS.read_text("utf-8").splitlines():
        release = json.loads(line)
        if (int(release["message"]) % 2 == 1) != held_out:
            continue
        words[release["language"]].update(
            folded(word) for word in _WORD.findall(_TAG.sub(" ", release["body"]))
        )
    return words


def stemmer_speed() -> None:
    tokens = list(swiss_words(False)["de"].elements())
    pure = snowball_stemmer("german")
    if isinstance(pure, Stemmer.Stemmer):  # snowballstemmer hands over to PyStemmer
        from snowballstemmer.german_stemmer import GermanStemmer

        pure = GermanStemmer()
    for name, stemmer in (("PyStemmer", Stemmer.Stemmer("german", 0)), ("snowballstemmer", pure)):
        began = time.perf_counter()
        stemmer.stemWords(tokens)
        rate = len(tokens) / (time.perf_counter() - began)
        print(f"{name}: {rate:,.0f} German words a second ({len(tokens):,} words)", flush=True)


def misses(held_out: bool) -> None:
    part = "held out (odd message ids)" if held_out else "tuned on (even message ids)"
    for language, counts in sorted(swiss_words(held_out).items()):
        by_stem: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for word, count in counts.items():
            by_stem[stem(word, language)].append((word, count))
        pairs = missed = 0
        examples = []
        for words in by_stem.values():
            for typed, typed_count in words:
                start = candidate_prefix(typed, language)
                for word, count in words:
                    pairs += typed_count * count
                    if not word.startswith(start):
                        missed += typed_count * count
                        if len(examples) < 3:
                            examples.append(f"{typed}→{word}")
        print(
            f"{part} {language}: {missed / pairs:.5%} of {pairs:,} token pairs sharing a stem "
            f"missed by the candidate start (e.g. {', '.join(examples) or 'none'})",
            flush=True,
        )


def timed(step, repeat: int = 3) -> tuple[float, object]:
    """The median of ``repeat`` runs (the first warms the cache), and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def concordance_figures(store, typed: str) -> None:
    kept = "held out" if typed in HELD_OUT else "tuned on"
    for stemmed in (False, True):
        phrase = Phrase.parse(typed, stem=stemmed)
        page, _ = timed(lambda p=phrase: concordance(store, p, limit=100, count=False))
        counted, total = timed(lambda p=phrase: count_occurrences(store, p), repeat=1)
        how = "stemmed" if stemmed else "as written"
        print(
            f"{typed!r} ({kept}) {how}: {total:,} occurrences | first page by date {ms(page)} "
            f"| every occurrence counted {ms(counted)}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="this store instead of a generated one")
    parser.add_argument("--read-only", action="store_true", help="only read it")
    args = parser.parse_args()
    stemmer_speed()
    misses(held_out=False)
    misses(held_out=True)
    path = args.db or ensure_store(args.releases)
    print(f"store: {path}{' (read-only)' if args.read_only else ''}", flush=True)
    print(f"load average: {os.getloadavg()[0]:.1f}", flush=True)
    with read_only_store(path) if args.read_only else Store(path) as store:
        for typed in (*TUNED, *HELD_OUT):
            concordance_figures(store, typed)


if __name__ == "__main__":
    main()
