"""Bulk files far past what fits in memory comfortably, imported by ``communique import``
into a fresh store: the time, and the peak memory of the importing process and of all its
processes together (the converting workers included).

    .venv/bin/python bench/bench_import_big.py                      # 1 GB JSONL + 300 MB CSV
    .venv/bin/python bench/bench_import_big.py --jsonl-releases 400000 --csv-mb 300

The files are written under bench/out/ from the real corpus's sentences (each release a
distinct draw of them, with its own id, date and issuer) and deleted afterwards, with the
store. ``--held-out`` draws the bodies from the Swiss news releases instead, which no
batch size or threshold of the import was tuned on.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import random
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_import import SOURCES  # noqa: E402
from bench.corpus_sentences import CORPUS, sentences  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
COMMUNIQUE = Path(sys.executable).with_name("communique")
AIM_MB = 500


def held_out_sentences() -> list[str]:
    """Sentences of the Swiss news releases (kept out of every tuning)."""
    found = set()
    with (CORPUS / "swiss-news" / "releases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = " ".join(str(value) for value in record.values() if isinstance(value, str))
            text = re.sub(r"<[^>]+>", " ", text)
            for sentence in text.replace("\n", " ").split(". "):
                if 40 <= len(sentence) <= 400 and "http" not in sentence:
                    found.add(sentence.strip() + ".")
    return sorted(found)


def releases(count: int, pool: list[str], seed: int) -> Iterator[dict[str, str]]:
    """``count`` distinct releases of about 2.5 KB, their paragraphs drawn from ``pool``."""
    rng = random.Random(seed)
    for n in range(count):
        paragraphs = [
            " ".join(rng.choice(pool) for _ in range(rng.randint(2, 4)))
            for _ in range(rng.randint(3, 8))
        ]
        yield {
            "id": f"big-{seed}-{n:07d}",
            "title": f"{rng.choice(pool)[:110]} ({n})",
            "date": f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "source": rng.choice(SOURCES),
            "url": f"https://example.org/releases/{seed}/{n}",
            "html": "".join(f"<p>{p}</p>" for p in paragraphs),
        }


def write_jsonl(path: Path, count: int, pool: list[str]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for record in releases(count, pool, seed=1):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(path: Path, megabytes: int, pool: list[str]) -> int:
    """Releases until the file reaches ``megabytes``; returns how many."""
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        rows = csv.DictWriter(out, ["id", "title", "date", "source", "url", "html"])
        rows.writeheader()
        for record in releases(10**9, pool, seed=2):
            rows.writerow(record)
            written += 1
            if written % 1000 == 0 and out.tell() >= megabytes * 1024 * 1024:
                return written


class PeakMemory:
    """The largest resident set of a process and its children together, read from /proc
    every fifth of a second while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self._done = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def stop(self) -> int:
        self._done.set()
        self._thread.join()
        return self.peak_kb // 1024

    def _watch(self) -> None:
        while not self._done.wait(0.2):
            self.peak_kb = max(self.peak_kb, sum(_rss_kb(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                waiting += [int(c) for c in (task / "children").read_text().split()]
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def import_into_fresh_store(path: Path) -> tuple[float, int, int, str]:
    """(seconds, the importing process's peak MB, all its processes' peak MB, its output)."""
    store = OUT / "big-import.db"
    for leftover in OUT.glob("big-import.db*"):
        leftover.unlink()
    env = {**os.environ, "COMMUNIQUE_DB": str(store)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [str(COMMUNIQUE), "import", str(path)], env=env, stdout=subprocess.PIPE, text=True
    )
    peak = PeakMemory(child.pid)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    together = peak.stop()
    output = child.stdout.read().strip()
    for leftover in OUT.glob("big-import.db*"):
        leftover.unlink()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"the import failed: {output}")
    return elapsed, usage.ru_maxrss // 1024, together, output


def report(name: str, path: Path, count: int) -> None:
    size = path.stat().st_size
    seconds, own, together, output = import_into_fresh_store(path)
    print(f"{name}: {size / 1e9:.2f} GB, {count:,} releases")
    print(f"  {output}")
    print(f"  time: {seconds:.0f} s ({count / seconds:,.0f} releases/s)")
    print(f"  peak memory, the importing process: {own} MB (aim: at most {AIM_MB} MB)")
    print(f"  peak memory, it and its converting processes together: {together} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jsonl-releases", type=int, default=400_000)
    parser.add_argument("--csv-mb", type=int, default=300)
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args()
    pool = held_out_sentences() if args.held_out else sentences()
    OUT.mkdir(exist_ok=True)
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"sentences: {'Swiss news (held out)' if args.held_out else 'the corpus'}")
    jsonl, table = OUT / "big-releases.jsonl", OUT / "big-releases.csv"
    try:
        if args.jsonl_releases:
            write_jsonl(jsonl, args.jsonl_releases, pool)
            report("JSON Lines", jsonl, args.jsonl_releases)
            jsonl.unlink()
        if args.csv_mb:
            count = write_csv(table, args.csv_mb, pool)
            report("CSV", table, count)
    finally:
        jsonl.unlink(missing_ok=True)
        table.unlink(missing_ok=True)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
