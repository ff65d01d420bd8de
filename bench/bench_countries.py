"""Countries mentioned: precision and recall on the hand-checked sample, part by part
(tuning, held-out, unseen: bench/data/countries_sample.json says how each was made), and
the rate of the matcher on bodies.

    .venv/bin/python bench/bench_countries.py [--show tuning|held-out|unseen]

``--show`` lists, for each release of that part, the codes found that the reader did not
find (false) and those the matcher missed.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.country_sample import CORPUS, sample, text_of  # noqa: E402
from store.countries import countries_mentioned  # noqa: E402

_TAG = re.compile(r"<[^>]+>")


def measure(entries: list[dict], show: bool) -> str:
    true_positive = false_positive = false_negative = 0
    for entry in entries:
        expected = set(entry["countries"])
        found = set(countries_mentioned(text_of(entry), entry["language"]))
        true_positive += len(found & expected)
        false_positive += len(found - expected)
        false_negative += len(expected - found)
        if show and found != expected:
            print(
                f"    {entry['corpus']} {entry['id']}: false {sorted(found - expected)}"
                f" missed {sorted(expected - found)}"
            )
    precision = true_positive / max(true_positive + false_positive, 1)
    recall = true_positive / max(true_positive + false_negative, 1)
    return (
        f"{len(entries):3d} releases, {true_positive + false_negative:3d} mentions: "
        f"precision {precision:6.1%} ({false_positive} false), "
        f"recall {recall:6.1%} ({false_negative} missed)"
    )


def rate(corpus: Path) -> tuple[float, float]:
    """Releases per second and MB per second over every Swiss body, in its own language."""
    with (corpus / "swiss-news/releases.jsonl").open(encoding="utf-8") as lines:
        releases = [json.loads(line) for line in lines]
    texts = [
        (r["title"] + "\n\n" + html.unescape(_TAG.sub(" ", r["body"])), r["language"])
        for r in releases
    ]
    for language in {language for _, language in texts}:
        countries_mentioned("warm-up", language)  # the matchers are built once, lazily
    started = time.perf_counter()
    for text, language in texts:
        countries_mentioned(text, language)
    elapsed = time.perf_counter() - started
    size = sum(len(text.encode()) for text, _ in texts) / 1e6
    return len(texts) / elapsed, size / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=["tuning", "held-out", "unseen"])
    args = parser.parse_args()
    started = time.perf_counter()
    for language in ("en", "de", "fr", "it"):
        countries_mentioned("x", language)
    print(f"building the four matchers: {time.perf_counter() - started:.2f} s")
    entries = sample()
    for part in ("tuning", "held-out", "unseen"):
        rows = [entry for entry in entries if entry["part"] == part]
        print(f"{part:9} {measure(rows, show=args.show == part)}")
    per_release, megabytes = rate(CORPUS)
    print(f"matching Swiss bodies: {per_release:,.0f} releases/s ({megabytes:.1f} MB/s)")
    big = "The Secretary met the Foreign Minister of Ukraine in Kyiv. " * 170_000
    started = time.perf_counter()
    countries_mentioned(big, "en")
    print(f"a {len(big) / 1e6:.0f} MB text: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
