"""Re-anchoring time: a 20 KB release of real sentences with 500 highlights (some
overlapping) is revised (a paragraph inserted near the start, a few words changed
throughout) and saved again; every highlight is placed on the new text.

    .venv/bin/python bench/bench_anchoring.py
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus_sentences import sentences  # noqa: E402
from store.anchoring import Revision, reanchor_all  # noqa: E402
from store.db import Store  # noqa: E402
from store.highlights import add_highlight, highlights_of_release  # noqa: E402
from store.markdown_text import paragraphs_to_markdown  # noqa: E402
from store.parsed import ParsedRelease  # noqa: E402
from store.release_saving import save_release  # noqa: E402
from store.releases import get_release  # noqa: E402


def make_paragraphs(rng: random.Random, size: int) -> list[str]:
    pool, paragraphs, length = sentences(), [], 0
    while length < size:
        paragraph = " ".join(rng.sample(pool, rng.randint(2, 5)))
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return paragraphs


def revise(rng: random.Random, paragraphs: list[str], changed_words: int) -> list[str]:
    """Insert a paragraph after the first and replace some words here and there."""
    revised = [paragraphs[0], " ".join(rng.sample(sentences(), 3)), *paragraphs[1:]]
    for _ in range(changed_words):
        n = rng.randrange(len(revised))
        words = revised[n].split(" ")
        words[rng.randrange(len(words))] = rng.choice(["resolutely", "partners", "2021", "its"])
        revised[n] = " ".join(words)
    return revised


def release(paragraphs: list[str]) -> ParsedRelease:
    return ParsedRelease(
        title="Bench release", body_markdown=paragraphs_to_markdown(paragraphs), identity="b-1"
    )


def highlight_spans(rng: random.Random, text: str, count: int) -> list[tuple[int, int]]:
    """Word-aligned spans of 1 to 25 words; with this many on 20 KB, many overlap."""
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == " "]
    spans = []
    while len(spans) < count:
        first = rng.randrange(len(starts) - 1)
        last = min(len(starts) - 1, first + rng.randint(1, 25))
        end = starts[last] - 1
        if text[starts[first] : end].strip():
            spans.append((starts[first], end))
    return spans


def one_run(folder: Path, seed: int, size: int, count: int, changed: int) -> dict[str, float]:
    rng = random.Random(seed)
    paragraphs = make_paragraphs(rng, size)
    with Store(folder / f"bench-{seed}.db") as store:
        release_id = save_release(store, release(paragraphs), "v1").release_id
        old_text = get_release(store, release_id).text
        with store.write():
            for start, end in highlight_spans(rng, old_text, count):
                add_highlight(store, release_id, start, end)
        selectors = [h.selector for h in highlights_of_release(store, release_id)]
        revised = release(revise(rng, paragraphs, changed))

        started = time.perf_counter()
        result = save_release(store, revised, "v2")
        saved = time.perf_counter() - started
        new_text = get_release(store, release_id).text

    started = time.perf_counter()
    Revision(old_text, new_text)
    diff = time.perf_counter() - started
    started = time.perf_counter()
    placed = reanchor_all(new_text, selectors, old_text)
    alone = time.perf_counter() - started
    started = time.perf_counter()
    reanchor_all(new_text, selectors)
    without_old = time.perf_counter() - started
    same = sum(p is not None and p.quote == s.quote for p, s in zip(placed, selectors, strict=True))
    return {
        "chars": len(old_text),
        "highlights": len(selectors),
        "save_release": saved,
        "diff": diff,
        "reanchor_all": alone,
        "reanchor_all, no old text": without_old,
        "same quote": same,
        "revised quote": len(selectors) - same - result.orphaned,
        "orphaned": result.orphaned,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--highlights", type=int, default=500)
    parser.add_argument("--changed-words", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [
            one_run(Path(tmp), seed, args.chars, args.highlights, args.changed_words)
            for seed in range(args.runs)
        ]
    first = runs[0]
    print(f"release: {first['chars']:,} characters, {first['highlights']} highlights")
    print(f"revision: one paragraph inserted after the first, {args.changed_words} words changed")
    for key in ("save_release", "diff", "reanchor_all", "reanchor_all, no old text"):
        times = [run[key] * 1000 for run in runs]
        print(f"{key:>26}: median {statistics.median(times):7.1f} ms (max {max(times):.1f})")
    for key in ("same quote", "revised quote", "orphaned"):
        print(f"{key:>26}: {' / '.join(str(run[key]) for run in runs)} (per run)")


if __name__ == "__main__":
    main()
