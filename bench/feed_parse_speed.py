"""Seconds to parse the 65 State Department feed snapshots (best of three), for this
checkout's feed reader or another's (to compare with an older version):

    python bench/feed_parse_speed.py [CHECKOUT]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else str(ROOT))

from store.ingest.feeds import parse_feed  # noqa: E402

FEEDS = ROOT.parent / "shared" / "corpus" / "state-dept-feeds"


def main() -> None:
    snapshots = [(path.name, path.read_bytes()) for path in sorted(FEEDS.glob("*.rss"))]
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for name, data in snapshots:
            parse_feed(data, name)
        best = min(best, time.perf_counter() - start)
    print(f"{len(snapshots)} snapshots parsed in {best:.2f} s (best of three)")


if __name__ == "__main__":
    main()
