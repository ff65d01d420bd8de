"""How long merging a colleague's 100,000-release store takes, and whether the window stays
responsive meanwhile (issue 18, point 6: at most 2 minutes).

    .venv/bin/python bench/bench_merge.py store [--releases 100000] [--repeats 3]
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_merge.py window

The colleague's store is the generated bench store of that size (bench/generate_store.py),
copied once to ``bench/out/merge-source-N.db`` with its highlights given the coder "Ben". It
is merged into a new store of Ana's that already holds the first 1 % of the same releases
(matched by identity, as in a team where both imported the same feed) and highlights of
her own on them. ``store`` prints, per run, the seconds of the preview, the merge, merging
again (which adds nothing) and the undo, each in wall and in CPU seconds; ``window``
prints the GUI thread's longest gap between 10 ms ticks while the window's merge job runs,
beside a bare ticker process's.
Each run is a JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_store import OUT, ensure_store  # noqa: E402
from store.db import Store  # noqa: E402
from store.merge import merge_store, preview_merge, undo_merge  # noqa: E402
from store.parsed import ParsedRelease  # noqa: E402
from store.release_saving import save_release  # noqa: E402
from store.tags import create_tag  # noqa: E402

OURS_SHARE = 0.01  # of their releases, already in Ana's store


def colleague_store(releases: int) -> Path:
    """The generated store of that size, copied once, its highlights by "Ben"."""
    path = OUT / f"merge-source-{releases}.db"
    if path.exists():
        return path
    source = ensure_store(releases, quiet=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    read = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    read.backup(copy)
    read.close()
    copy.execute("UPDATE highlights SET coder = 'Ben'")
    copy.commit()
    copy.execute("PRAGMA journal_mode = DELETE")
    copy.close()
    partial.rename(path)
    return path


def analysts_store(folder: Path, theirs: Path) -> Path:
    """Ana's store: the first 1 % of their releases (same identities, same texts), a topic
    of her own and a highlight of hers on each."""
    path = folder / "ana.db"
    source = sqlite3.connect(f"file:{theirs}?mode=ro", uri=True)
    (total,) = source.execute("SELECT count(*) FROM releases").fetchone()
    wanted = max(1, int(total * OURS_SHARE))
    with Store(path) as store:
        store.coder = "Ana"
        tag = create_tag(store, "Ana's reading").created
        with store.write() as conn:
            for title, body, date, src, url, lang, identity in source.execute(
                "SELECT title, body_markdown, date, source, url, language, identity "
                "FROM releases ORDER BY id LIMIT ?",
                (wanted,),
            ):
                parsed = ParsedRelease(title, body, date, src, url, lang, identity)
                release_id = save_release(store, parsed, "bench", identity=identity).release_id
                cursor = conn.execute(
                    'INSERT INTO highlights(release_id, start, "end", quote, prefix, suffix, '
                    "note, created_at, updated_at, coder) "
                    "SELECT id, 0, 10, substr(text, 1, 10), '', substr(text, 11, 32), '', "
                    "'2026-01-01', '2026-01-01', 'Ana' FROM releases WHERE id = ?",
                    (release_id,),
                )
                conn.execute(
                    "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)",
                    (cursor.lastrowid, tag),
                )
    source.close()
    return path


def _timed(work) -> tuple[float, float, object]:
    """Wall seconds, CPU seconds of the process (all its threads), and the result."""
    began, cpu = time.perf_counter(), time.process_time()
    result = work()
    return time.perf_counter() - began, time.process_time() - cpu, result


def store_figures(releases: int) -> dict[str, float]:
    theirs = colleague_store(releases)
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        ours = analysts_store(Path(folder), theirs)
        with Store(ours) as store:
            preview, preview_cpu, _ = _timed(lambda: preview_merge(store, theirs))
            merge, merge_cpu, result = _timed(lambda: merge_store(store, theirs))
            again, again_cpu, second = _timed(lambda: merge_store(store, theirs))
            undo, undo_cpu, _ = _timed(lambda: undo_merge(store, result))
    return {
        "releases": releases,
        "preview_seconds": round(preview, 1),
        "preview_cpu_seconds": round(preview_cpu, 1),
        "merge_seconds": round(merge, 1),
        "merge_cpu_seconds": round(merge_cpu, 1),
        "merge_again_seconds": round(again, 1),
        "merge_again_cpu_seconds": round(again_cpu, 1),
        "undo_seconds": round(undo, 1),
        "undo_cpu_seconds": round(undo_cpu, 1),
        "releases_added": len(result.releases_added),
        "releases_matched": result.releases_matched,
        "highlights_added": len(result.highlights_added),
        "added_the_second_time": len(second.releases_added) + len(second.highlights_added),
    }


def window_figures(releases: int) -> dict[str, float]:
    from bench.bench_window import _longest_gaps, _shown_window
    from gui.operations.merging import MergeJob

    theirs = colleague_store(releases)
    with tempfile.TemporaryDirectory(dir=OUT) as folder:
        ours = analysts_store(Path(folder), theirs)
        app, window = _shown_window(ours)
        job = MergeJob(ours, theirs, preview=False)
        cpu = time.process_time()
        max_gap, bare_gap, seconds = _longest_gaps(app, job)
        cpu = time.process_time() - cpu
        window.close()
        window.store.close()
        if job.result.error:
            raise RuntimeError(job.result.error)
    return {
        "releases": releases,
        "merge_seconds": round(seconds, 1),
        "cpu_seconds": round(cpu, 1),
        "max_gap": round(max_gap, 3),
        "bare_max_gap": round(bare_gap, 3),
        "highlights_added": len(job.result.result.highlights_added),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["store", "window"])
    parser.add_argument("--releases", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    measure = store_figures if args.what == "store" else window_figures
    for _ in range(args.repeats):
        print(json.dumps(measure(args.releases)), flush=True)


if __name__ == "__main__":
    main()
