"""Whole-word selections on real releases: how often a drag's end falls inside a word (so
snapping changes what is saved), whether the widened ends cut no word by an independent
judge, and what widening costs per mouse move.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_word_snap.py

Two sets: the sample releases the rules were written and tried against, and the Swiss
federal news service's releases in German, French, Italian and English (shared corpus),
never looked at while writing them. The judge is Python's own idea of a word character
(``str.isalnum`` or a combining mark): an end cuts a word when a letter or digit is on both
sides of it. It disagrees with Unicode's rules on purpose in a few places ("3,5", "U.S.",
"Italy's" are one word for Unicode's rules only when letters or digits meet across the
mark), so its figure is an honest floor, not a copy of the rule being measured.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
import unicodedata
from importlib.resources import files
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.text.word_edges import widen_to_words  # noqa: E402
from store.db import Store  # noqa: E402
from store.imports.pipeline import import_paths  # noqa: E402
from store.render import render_html  # noqa: E402

SWISS = ROOT.parent / "shared" / "corpus" / "swiss-news" / "releases.jsonl"
DRAGS_PER_RELEASE = 40


def sample_bodies() -> list[str]:
    with Store(":memory:") as store:
        import_paths(store, [files("resources").joinpath("samples")])
        return [row[0] for row in store.conn.execute("SELECT body_markdown FROM releases")]


def swiss_bodies(limit: int = 400) -> list[str]:
    """Release bodies of the Swiss set as the reader would show them (HTML, line breaks)."""
    from store.markdown_text import html_to_markdown

    bodies = []
    with SWISS.open(encoding="utf-8") as lines:
        for line in lines:
            body = json.loads(line).get("body") or ""
            if body.strip():
                bodies.append(html_to_markdown(body))
            if len(bodies) == limit:
                break
    return bodies


def _wordy(char: str) -> bool:
    return char.isalnum() or unicodedata.category(char).startswith("M")


def cuts_a_word(document: QTextDocument, position: int) -> bool:
    """The judge: a letter or digit on both sides of ``position`` in its block."""
    block = document.findBlock(position)
    text = block.text().encode("utf-16-le")  # index in UTF-16 units, as Qt does
    at = position - block.position()

    def unit(i: int) -> str:
        return text[2 * i : 2 * i + 2].decode("utf-16-le", errors="replace")

    return 0 < at < len(text) // 2 and _wordy(unit(at - 1)) and _wordy(unit(at))


def measure(bodies: list[str], seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    ends = inside = cut_after = 0
    costs: list[float] = []
    for markdown in bodies:
        document = QTextDocument()
        document.setHtml(render_html(markdown))
        last = document.characterCount() - 1
        if last < 2:
            continue
        for _ in range(DRAGS_PER_RELEASE):
            anchor, position = rng.randrange(last), rng.randrange(last)
            started = time.perf_counter()
            widened = widen_to_words(document, anchor, position)
            costs.append(time.perf_counter() - started)
            for before, after in zip((anchor, position), widened, strict=True):
                ends += 1
                inside += cuts_a_word(document, before)
                cut_after += cuts_a_word(document, after)
    costs.sort()
    return {
        "releases": len(bodies),
        "drag ends": ends,
        "ends inside a word before snapping (%)": round(100 * inside / ends, 1),
        "ends cutting a word after snapping (%)": round(100 * cut_after / ends, 2),
        "widening per mouse move, median (µs)": round(statistics.median(costs) * 1e6, 1),
        "widening per mouse move, 99th percentile (µs)": round(
            costs[int(0.99 * len(costs))] * 1e6, 1
        ),
    }


def main() -> None:
    QApplication([])
    for name, bodies in (
        ("samples (rules written against these)", sample_bodies()),
        ("Swiss federal news, de/fr/it/en (held out)", swiss_bodies()),
    ):
        print(name)
        for key, value in measure(bodies, seed=20).items():
            print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
