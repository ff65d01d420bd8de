"""How long aligning two releases and finding a release's counterparts take.

Alignment, on real text (the Swiss federal releases, German against French, messages put
one after another until each side is long enough): two 20 KB releases, two of 300,000
characters, one word against 20 KB, two 20 KB texts in one language, and one release
against the 39 other versions of a group of forty. Counterparts, on the million-release
bench store opened read-only (``--store``), for releases drawn at random.

    python -m bench.bench_side_by_side [--store /work/bench-1m/store-1000000.db]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

from bench.bench_alignment import versions
from store.alignment import align_texts
from store.counterparts import counterparts


class _ReadOnlyStore:
    """What counterparts reads of a store (its connection), opened so it cannot write."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _joined(texts: list[str], length: int) -> str:
    out, total = [], 0
    for text in texts:
        if total >= length:
            break
        out.append(text)
        total += len(text) + 2
    return "\n\n".join(out)[:length].rsplit(" ", 1)[0]


def _timed(what: str, run, repeat: int = 5) -> None:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    print(f"{what}: median {median:.0f} ms, worst {worst:.0f} ms")


def alignment_figures() -> None:
    messages = [texts for _, texts in sorted(versions().items()) if {"de", "fr"} <= set(texts)]
    german = [texts["de"] for texts in messages]
    french = [texts["fr"] for texts in messages]
    de20, fr20 = _joined(german, 20_000), _joined(french, 20_000)
    de300, fr300 = _joined(german, 300_000), _joined(french, 300_000)
    align_texts("Warm-up.", "Échauffement.")  # the language model loads once
    _timed("two 20 KB releases, de / fr", lambda: align_texts(de20, fr20, "de", "fr"))
    _timed(
        "two releases of 300,000 characters, de / fr",
        lambda: align_texts(de300, fr300, "de", "fr"),
        repeat=3,
    )
    _timed("one word / 20 KB", lambda: align_texts("Ukraine", fr20, "en", "fr"))
    reworded = de20.replace("Schweiz", "Eidgenossenschaft").replace("Bundesrat", "Regierung")
    _timed("two 20 KB texts in one language", lambda: align_texts(de20, reworded, "de", "fr"))
    forty = [texts[lang] for texts in messages[:10] for lang in sorted(texts)][:40]
    forty = [_joined([text] * 4, 4_000) for text in forty]
    _timed(
        "one release against the 39 other versions of a group of forty",
        lambda: [align_texts(forty[0], other) for other in forty[1:]],
        repeat=3,
    )


def counterpart_figures(path: Path, draws: int) -> None:
    store = _ReadOnlyStore(path)
    top = store.conn.execute("SELECT max(id) FROM releases").fetchone()[0]
    rng = random.Random(16)
    started = time.perf_counter()
    import sklearn.feature_extraction.text  # noqa: F401  loaded on the first counterparts asked

    print(f"loading scikit-learn's TF-IDF (once a process): {time.perf_counter() - started:.2f} s")
    times, found = [], []
    while len(times) < draws:
        release_id = rng.randint(1, top)
        row = store.conn.execute("SELECT date FROM releases WHERE id = ?", (release_id,))
        if not (row := row.fetchone()) or not row[0]:
            continue
        started = time.perf_counter()
        answer = counterparts(store, release_id)  # type: ignore[arg-type]
        times.append(time.perf_counter() - started)
        found.append(len(answer))
    total = store.conn.execute("SELECT count(*) FROM releases").fetchone()[0]
    print(
        f"counterparts at {total:,} releases, {draws} releases drawn: median "
        f"{statistics.median(times) * 1000:.0f} ms, worst {max(times) * 1000:.0f} ms, "
        f"{statistics.mean(found):.1f} counterparts on average"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a big store, opened read-only")
    parser.add_argument("--draws", type=int, default=20)
    args = parser.parse_args()
    alignment_figures()
    if args.store:
        counterpart_figures(args.store, args.draws)


if __name__ == "__main__":
    main()
