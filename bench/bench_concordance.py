"""Concordance and bulk-coding speed on a generated store, beside bare FTS5 floors.

    .venv/bin/python bench/bench_concordance.py            # the 1,000,000-release store
    .venv/bin/python bench/bench_concordance.py --releases 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_concordance.py --window
    ... bench_concordance.py --window --releases 1000 --window-phrase the
    .venv/bin/python bench/bench_concordance.py --db /work/bench-1m/store-1000000.db --read-only

For each phrase: the first page (100 lines, date order) as the Concordance tab asks it, the
same page sorted by the word to the right (which reads every occurrence), and the count of
every occurrence (the tab's second, background request); beside them the bare index
floors: the first 100 matching rowids, and the count of matching rows. Then tagging 10,000
occurrences with one topic in one transaction (rolled back afterwards, so the cached store
is left as it was; not with ``--read-only``, which only reads a shared store). With
``--window``, the window tags 10,000 lines, then undoes and redoes them three times (undone
at the end): the window's longest step each time.
``sanction*`` and ``ukraine`` were the phrases the code was tuned on; ``human rights``
and ``territorial integrity`` were kept out of the tuning.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_store import ensure_store  # noqa: E402
from bench.read_only_store import read_only_store  # noqa: E402
from store.bulk_coding import tag_places  # noqa: E402
from store.concordance import concordance, count_occurrences, occurrence_places  # noqa: E402
from store.db import Store  # noqa: E402
from store.phrases import Phrase  # noqa: E402

TUNED = ("sanction*", "ukraine")
HELD_OUT = ("human rights", "territorial integrity")
TAGGED = 10_000


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


def phrase_figures(store: Store, typed: str) -> None:
    phrase = Phrase.parse(typed)
    query = "text : " + phrase.fts_query
    conn = store.conn
    floor_page, _ = timed(
        lambda: conn.execute(
            "SELECT rowid FROM releases_fts WHERE releases_fts MATCH ? LIMIT 100", (query,)
        ).fetchall()
    )
    floor_count, rows = timed(
        lambda: conn.execute(
            "SELECT count(*) FROM releases_fts WHERE releases_fts MATCH ?", (query,)
        ).fetchone()[0]
    )
    page, _ = timed(lambda: concordance(store, phrase, limit=100, count=False))
    counted, total = timed(lambda: count_occurrences(store, phrase), repeat=1)
    by_right, _ = timed(lambda: concordance(store, phrase, sort="right", limit=100), repeat=1)
    kept = "held out" if typed in HELD_OUT else "tuned on"
    print(
        f"{typed!r} ({kept}): {total:,} occurrences in {rows:,} releases | "
        f"first page by date {ms(page)} (floor: first 100 index rows {ms(floor_page)}) | "
        f"every occurrence counted {ms(counted)} (floor: index count {ms(floor_count)}) | "
        f"first page by right word {ms(by_right)}",
        flush=True,
    )


def tagging_figure(store: Store) -> None:
    places = occurrence_places(store, Phrase.parse("ukraine"))[:TAGGED]
    tag_id = store.conn.execute("SELECT id FROM tags ORDER BY id LIMIT 1").fetchone()[0]

    class RolledBack(Exception):
        pass

    began = time.perf_counter()
    try:
        with store.write():
            done = tag_places(store, places, [tag_id])
            took = time.perf_counter() - began
            raise RolledBack
    except RolledBack:
        pass
    print(
        f"tagging {len(places):,} occurrences of 'ukraine' in one transaction: {ms(took)} "
        f"({len(done.highlight_ids):,} highlights added, {done.already_tagged:,} already tagged; "
        "rolled back)",
        flush=True,
    )


def _gui_steps(app, action, busy, settle: float = 1.0) -> tuple[float, float, float]:
    """Do ``action``, then run the window's events while ``busy()`` and ``settle`` seconds
    more (the views reading again): the seconds until no longer busy, the window's longest
    step (the action itself, or one round of events) meanwhile, and the longest wait of a
    bare ticker process over the same time (the shared machine's own stall)."""
    from bench.bench_window import _BARE_TICKER

    bare = subprocess.Popen(
        [sys.executable, "-c", _BARE_TICKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    began = step = time.perf_counter()
    action()
    longest = time.perf_counter() - step
    done = None
    while done is None or time.perf_counter() - done < settle:
        time.sleep(0.001)  # the event loop's idle wait
        step = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - step)
        if done is None and not busy():
            done = time.perf_counter()
    return done - began, longest, float(bare.communicate(b"")[0])


def window_figures(path: Path, typed: str) -> None:
    """The window's side of tagging 10,000 lines and of undoing and redoing it, three times:
    each write runs on a worker's connection; timed here is the window's thread, its
    longest step from the key to the views having read again (the stall an analyst feels)."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.app import build_window
    from gui.operations.bulk_coding import TagOccurrences
    from gui.operations.highlights import AddHighlight, TopicChoice

    app = QApplication.instance() or QApplication([])
    window = build_window(path)
    window.show()
    app.processEvents()
    store = window.store
    places = occurrence_places(store, Phrase.parse(typed))[:TAGGED]
    tag_id = store.conn.execute("SELECT id FROM tags ORDER BY id LIMIT 1").fetchone()[0]
    operation = TagOccurrences(places, TopicChoice((tag_id,)))
    with Store(path) as worker_store:
        began = time.perf_counter()
        operation.prepare(worker_store)
        written = time.perf_counter() - began
    _, pushed, bare = _gui_steps(app, lambda: window.ops.run(operation), lambda: False)
    print(
        f"window: tagging {len(places):,} lines of {typed!r} written on a worker "
        f"{ms(written)}; the window's longest step pushing it and reading again {ms(pushed)} "
        f"(a bare ticker's longest wait {ms(bare)})",
        flush=True,
    )
    for turn in range(3):
        for name, move in (("Ctrl+Z", window.ops.undo), ("Ctrl+Shift+Z", window.ops.redo)):
            seconds, longest, bare = _gui_steps(
                app, lambda m=move: m(window), lambda: window.ops.busy
            )
            print(
                f"window, turn {turn + 1}: {name} of the {len(places):,} lines written in "
                f"{ms(seconds)}; the window's longest step {ms(longest)} (a bare ticker's "
                f"longest wait {ms(bare)})",
                flush=True,
            )
    _gui_steps(app, lambda: window.ops.undo(window), lambda: window.ops.busy, settle=0)
    # The floor: one highlight's Ctrl+Z, written on the window's thread as it always was.
    release_id, start, end = places[0]
    one = AddHighlight(release_id, start, end, TopicChoice((tag_id,)))
    _gui_steps(app, lambda: window.ops.run(one), lambda: False)
    for turn in range(3):
        for name, move in (("Ctrl+Z", window.ops.undo), ("Ctrl+Shift+Z", window.ops.redo)):
            seconds, longest, bare = _gui_steps(app, lambda m=move: m(window), lambda: False)
            print(
                f"window, floor {turn + 1}: {name} of one highlight; the window's longest step "
                f"{ms(longest)} (a bare ticker's longest wait {ms(bare)})",
                flush=True,
            )
    _gui_steps(app, lambda: window.ops.undo(window), lambda: False, settle=0)
    window.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=1_000_000)
    parser.add_argument("--window", action="store_true", help="only the window's figures")
    parser.add_argument("--db", type=Path, help="this store instead of a generated one")
    parser.add_argument("--read-only", action="store_true", help="only read it (no tagging)")
    parser.add_argument(
        "--window-phrase",
        default="human rights",
        help="the phrase whose first 10,000 lines the window tags (one with as many)",
    )
    args = parser.parse_args()
    path = args.db or ensure_store(args.releases)
    if args.window:
        window_figures(path, args.window_phrase)
        return
    with read_only_store(path) if args.read_only else Store(path) as store:
        print(f"store: {path.name}", flush=True)
        for typed in (*TUNED, *HELD_OUT):
            phrase_figures(store, typed)
        if not args.read_only:
            tagging_figure(store)


if __name__ == "__main__":
    main()
