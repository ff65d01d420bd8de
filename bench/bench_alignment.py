"""How often a paragraph is aligned to its true counterpart, on the Swiss federal news
releases (../shared/corpus/swiss-news/releases.jsonl: the same messages in de, fr, it, en).

The truth: two versions of one message whose paragraph counts agree are their own truth by
position (paragraph i answers paragraph i: the service publishes its versions paragraph for
paragraph); for a sample of pairs whose counts differ, the answers were read by hand and are
in bench/data/alignment_hand_labels.json (each of A's paragraphs: the B paragraphs it
answers, [] for none). The messages of even id were looked at while tuning; those of odd id
were not, and are reported apart.

A paragraph of A counts as *exact* when it is aligned 1-1 with its true counterpart (or,
where the truth joins two paragraphs, in one bead with exactly those), and as *within* when
the bead holding it holds its true counterpart (a 2-1 bead where the truth is 1-1).

    python -m bench.bench_alignment            # the figures
    python -m bench.bench_alignment --show 55886 de en   # a pair's paragraphs, to label
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections import defaultdict
from pathlib import Path

from store.alignment import align_texts, paragraph_spans
from store.canonical import canonical_text
from store.ingest.tabular import parse_jsonl

ROOT = Path(__file__).resolve().parents[1]
SWISS = ROOT.parent / "shared" / "corpus" / "swiss-news" / "releases.jsonl"
HAND_LABELS = Path(__file__).with_name("data") / "alignment_hand_labels.json"


def versions() -> dict[str, dict[str, str]]:
    """message → language → canonical text, as the store would hold it."""
    data = SWISS.read_bytes()
    parsed, _ = parse_jsonl(data, SWISS.name)
    records = [json.loads(line) for line in data.decode("utf-8").splitlines() if line.strip()]
    assert len(parsed) == len(records), "every line must parse into one release"
    found: dict[str, dict[str, str]] = defaultdict(dict)
    for record, release in zip(records, parsed, strict=True):
        found[record["message"]][record["language"]] = canonical_text(release.body_markdown)
    return found


def truth_of(message: str, la: str, lb: str, text_a: str, text_b: str, hand: dict) -> list | None:
    """For each of A's paragraphs the B paragraphs it answers, or None when unknown."""
    count_a, count_b = len(paragraph_spans(text_a)), len(paragraph_spans(text_b))
    if count_a == count_b:
        return [[i] for i in range(count_a)]
    return hand.get(f"{message} {la} {lb}")


def judge(text_a: str, text_b: str, la: str, lb: str, truth: list) -> tuple[int, int, int]:
    """(paragraphs of A, exact, within) for one pair."""
    found = align_texts(text_a, text_b, la, lb)
    spans_a, spans_b = paragraph_spans(text_a), paragraph_spans(text_b)
    index_a = {span: i for i, span in enumerate(spans_a)}
    beads_of_a: dict[int, tuple[set[int], set[int]]] = {}
    for pair in found.paragraphs:
        in_a = {i for i, s in enumerate(spans_a) if pair.a[0] <= s[0] and s[1] <= pair.a[1]}
        in_b = {j for j, s in enumerate(spans_b) if pair.b[0] <= s[0] and s[1] <= pair.b[1]}
        for i in in_a:
            beads_of_a[i] = (in_a, in_b)
    for span in found.only_a:  # whole paragraphs left alone (not sentences within a pair)
        if span in index_a:
            beads_of_a[index_a[span]] = ({index_a[span]}, set())
    exact = within = 0
    for i, answer in enumerate(truth):
        bead_a, bead_b = beads_of_a.get(i, ({i}, set()))
        wanted = set(answer)
        joined = {k for k, other in enumerate(truth) if set(other) & wanted} if wanted else {i}
        if bead_b == wanted and (bead_a == joined or not wanted):
            exact += 1
        if wanted <= bead_b and (wanted or not bead_b):
            within += 1
    return len(truth), exact, within


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", nargs=3, metavar=("MESSAGE", "A", "B"))
    args = parser.parse_args()
    messages = versions()
    if args.show:
        message, la, lb = args.show
        for side in (la, lb):
            text = messages[message][side]
            print(f"== {side}")
            for i, (start, end) in enumerate(paragraph_spans(text)):
                print(f"[{i}] {text[start:end][:160]}")
        return
    hand = json.loads(HAND_LABELS.read_text("utf-8"))["labels"]
    totals = {half: defaultdict(int) for half in ("tuned", "held out")}
    started = time.perf_counter()
    for message, texts in sorted(messages.items()):
        half = "tuned" if int(message) % 2 == 0 else "held out"
        for la, lb in itertools.combinations(sorted(texts), 2):
            truth = truth_of(message, la, lb, texts[la], texts[lb], hand)
            kind = "by hand" if f"{message} {la} {lb}" in hand else "by position"
            if truth is None:
                totals[half]["pairs without truth"] += 1
                continue
            paragraphs, exact, within = judge(texts[la], texts[lb], la, lb, truth)
            totals[half][f"{kind} pairs"] += 1
            totals[half][f"{kind} paragraphs"] += paragraphs
            totals[half][f"{kind} exact"] += exact
            totals[half][f"{kind} within"] += within
    print(f"aligned in {time.perf_counter() - started:.1f} s")
    for half, counts in totals.items():
        unlabelled = counts["pairs without truth"]
        print(f"{half} half ({unlabelled} pairs of unequal counts not labelled):")
        for kind in ("by position", "by hand"):
            paragraphs = counts[f"{kind} paragraphs"]
            if paragraphs:
                print(
                    f"  truth {kind}: {counts[f'{kind} pairs']} pairs, {paragraphs} paragraphs, "
                    f"exact {counts[f'{kind} exact'] / paragraphs:.1%}, "
                    f"within {counts[f'{kind} within'] / paragraphs:.1%}"
                )


if __name__ == "__main__":
    main()
