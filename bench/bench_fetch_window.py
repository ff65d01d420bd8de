"""The window's longest stall while a fetch pass runs beside it, as the schedule runs one.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_fetch_window.py --subscriptions 300

A new store in a temporary folder follows N feeds served by a local web server
(``bench/local_feeds.py``: the State Department's 65 real snapshots, one per address in
turn). The window is shown on it and two passes run on the window's worker, as
``gui.fetch_schedule`` starts them: the first brings every feed (parsed, its new releases
saved), the second finds each one unchanged (304). For each: the GUI thread's longest gap
between 10 ms ticks, a bare ticker process's longest gap over the same time (the machine's
own floor), the pass's seconds, and the refresh of the list after it. The pass runs as hard
as it can (no delay between requests to the one host), the worst case for the window.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_window import _longest_gaps, _paint_now, _shown_window  # noqa: E402
from bench.local_feeds import LocalFeeds  # noqa: E402
from gui.background.fetch_job import FetchPassJob  # noqa: E402
from store.changes import Changes  # noqa: E402
from store.db import Store  # noqa: E402
from store.fetch.settings import FetchSettings  # noqa: E402
from store.subscriptions import follow  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
SNAPSHOTS = sorted((CORPUS / "state-dept-feeds").glob("*.rss"))


def _pass(app, window, db: Path, settings: FetchSettings, every_one: bool) -> dict:
    job = FetchPassJob(db, settings, every_one=every_one)
    max_gap, bare_gap, seconds = _longest_gaps(app, job)
    if job.result.error:
        raise RuntimeError(job.result.error)
    outcomes = job.result.outcomes
    window.ops.announce(Changes(elsewhere=True))  # what the schedule announces after a pass
    began = time.perf_counter()
    _paint_now(window)
    refresh = time.perf_counter() - began
    statuses = sorted({o.status for o in outcomes})
    return {
        "max_gap": round(max_gap, 4),
        "bare_max_gap": round(bare_gap, 4),
        "pass_seconds": round(seconds, 2),
        "refresh": round(refresh, 4),
        "subscriptions": len(outcomes),
        "imported": sum(o.imported for o in outcomes),
        "statuses": statuses,
    }


def run(count: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="bench-fetch-window-"))
    db = folder / "store.db"
    settings = FetchSettings(allow_private=True, host_delay=0.0)
    with LocalFeeds() as server:
        with Store(db) as store:
            for n in range(count):
                url = server.put(f"/feeds/{n}.rss", SNAPSHOTS[n % len(SNAPSHOTS)])
                follow(store, url, kind="feed")
        app, window = _shown_window(db)
        window.following.stop()  # the bench starts the passes itself, one at a time
        try:
            first = _pass(app, window, db, settings, every_one=False)
            unchanged = _pass(app, window, db, settings, every_one=True)
        finally:
            window.close()
            window.store.close()
    return {"new": first, "not_modified": unchanged, "rows": window.model.rowCount()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subscriptions", type=int, default=300)
    args = parser.parse_args()
    print(json.dumps(run(args.subscriptions)))


if __name__ == "__main__":
    main()
