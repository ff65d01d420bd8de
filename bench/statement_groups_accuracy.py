"""How well the language versions of one statement are found when nothing says so.

    .venv/bin/python bench/statement_groups_accuracy.py [--corpus ../shared/corpus] [--misses]

The Swiss federal news releases (swiss-news/releases.jsonl: 1,492 versions of 400 messages)
are imported into a new store as the analyst would import them, from a copy of the file
without the ``message`` field (the truth) and without the publisher's keywords; the import
runs the detector. Each version is then matched back to its record by language, title and
date, and the detected groups are compared with the messages.

The messages are split in two halves by a hash of their id, decided before any tuning:
the tuning half (the thresholds were chosen on it) and the held-out half (only reported).
For each half: precision and recall of the detected pairs (two versions in one group), and
the share of messages whose group came out exactly (every version, nothing else; a message
of one version exactly when that version is in no group). A detected pair that joins two
messages of different halves is counted wrong in both.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.db import Store  # noqa: E402
from store.imports.pipeline import import_paths  # noqa: E402

HALVES = ("tuning", "held-out")


def half_of(message: str) -> str:
    """The half a message belongs to: fixed by its id, whatever the detector does."""
    return HALVES[hashlib.sha256(message.encode()).digest()[0] % 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--misses", action="store_true", help="print each wrong pair")
    args = parser.parse_args()
    records = [
        json.loads(line)
        for line in (args.corpus / "swiss-news" / "releases.jsonl").read_text().splitlines()
        if line.strip()
    ]
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "swiss-news.jsonl"
        hidden = [{k: v for k, v in r.items() if k not in ("message", "keywords")} for r in records]
        copy.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in hidden))
        store = Store(Path(folder) / "groups.db")
        started = time.perf_counter()
        summary = import_paths(store, [copy])
        seconds = time.perf_counter() - started
        message_of = _messages(store, records)
        groups = _detected_groups(store)
        store.close()
    print(f"imported {summary.imported} versions in {seconds:.1f} s (detection included)")
    print(f"{'half':<10} {'messages':>8} {'pairs':>6} {'precision':>9} {'recall':>7} {'exact':>6}")
    for half in HALVES:
        _report(half, message_of, groups, args.misses)


def _messages(store: Store, records: list[dict]) -> dict[int, str]:
    """Each release's message id, found by its record's language, title and date."""
    by_key = {
        (r["language"], " ".join(r["title"].split()), r["date"]): r["message"] for r in records
    }
    rows = store.conn.execute("SELECT id, language, title, date FROM releases").fetchall()
    found = {row[0]: by_key.get((row[1], " ".join(row[2].split()), row[3])) for row in rows}
    unmatched = [release_id for release_id, message in found.items() if message is None]
    if unmatched:
        raise SystemExit(f"{len(unmatched)} releases match no record (first: {unmatched[0]})")
    return found


def _detected_groups(store: Store) -> dict[int, int]:
    rows = store.conn.execute("SELECT release_id, group_id FROM statement_members")
    return {row[0]: row[1] for row in rows}


def _report(half: str, message_of: dict[int, str], groups: dict[int, int], misses: bool) -> None:
    ids = sorted(message_of)
    truth = {
        (a, b) for a, b in itertools.combinations(ids, 2) if message_of[a] == message_of[b]
        and half_of(message_of[a]) == half
    }  # fmt: skip
    detected = {
        (a, b)
        for a, b in itertools.combinations(sorted(groups), 2)
        if groups[a] == groups[b] and half in (half_of(message_of[a]), half_of(message_of[b]))
    }
    right = truth & detected
    precision = len(right) / len(detected) if detected else 1.0
    recall = len(right) / len(truth) if truth else 1.0
    messages = {m for m in message_of.values() if half_of(m) == half}
    exact = sum(_exact(m, message_of, groups) for m in messages)
    print(
        f"{half:<10} {len(messages):>8} {len(truth):>6} {precision:>9.3f} {recall:>7.3f} "
        f"{exact / len(messages):>6.3f}"
    )
    if misses:
        for a, b in sorted(detected - truth):
            print(f"  wrong: {a} ({message_of[a]}) with {b} ({message_of[b]})")
        for a, b in sorted(truth - detected):
            print(f"  missed: {a} with {b} ({message_of[a]})")


def _exact(message: str, message_of: dict[int, str], groups: dict[int, int]) -> bool:
    versions = {i for i, m in message_of.items() if m == message}
    if len(versions) == 1:
        return next(iter(versions)) not in groups
    found = {groups.get(i) for i in versions}
    if len(found) != 1 or None in found:
        return False
    group = found.pop()
    return {i for i, g in groups.items() if g == group} == versions


if __name__ == "__main__":
    main()
