"""A fetch pass over 500 subscriptions that all answer 304 Not Modified.

    .venv/bin/python bench/bench_fetch.py [--subscriptions 500] [--hosts 100] [--delay 1.0]

Politeness is per host (one request at a time, ``--delay`` seconds between two), so the
subscriptions are spread over ``--hosts`` loopback addresses (127.0.0.2, 127.0.0.3, …),
each with a server of its own, as a desk's feeds are spread over their sites' hosts. The
first pass fetches every feed (200, one State Department snapshot each, the releases shared
between them); the second, timed, asks every one again with its ETag and gets 304.
Prints one JSON object: both passes' seconds, and the outcomes of the second.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.db import Store  # noqa: E402
from store.fetch import FetchSettings, fetch_pass  # noqa: E402
from store.subscriptions import follow  # noqa: E402

FEED = (
    Path(__file__).resolve().parents[2]
    / "shared/corpus/state-dept-feeds/press-releases-2021-05-23-000.rss"
).read_bytes()
ETAG = '"snapshot-000"'


class _Feed(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
        if self.headers.get("If-None-Match") == ETAG:
            self.send_response(304)
            self.send_header("ETag", ETAG)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", ETAG)
        self.send_header("Content-Length", str(len(FEED)))
        self.end_headers()
        self.wfile.write(FEED)

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=100)
    parser.add_argument("--delay", type=float, default=1.0)
    parser.add_argument("--workers", type=int, default=FetchSettings().workers)
    args = parser.parse_args()
    servers = [ThreadingHTTPServer((f"127.0.0.{2 + n}", 0), _Feed) for n in range(args.hosts)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = FetchSettings(allow_private=True, host_delay=args.delay, workers=args.workers)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "store.db"
        with Store(path) as store:
            for n in range(args.subscriptions):
                host, port = servers[n % args.hosts].server_address[:2]
                follow(store, f"http://{host}:{port}/feed/{n}", kind="feed")
        began = time.perf_counter()
        first = fetch_pass(path, settings=settings)
        first_seconds = time.perf_counter() - began
        began = time.perf_counter()
        second = fetch_pass(path, every_one=True, settings=settings)
        second_seconds = time.perf_counter() - began
    for server in servers:
        server.shutdown()
    print(json.dumps({
        "subscriptions": args.subscriptions,
        "hosts": args.hosts,
        "host_delay": args.delay,
        "workers": args.workers,
        "first_pass_seconds": round(first_seconds, 2),
        "first_pass": dict(Counter(outcome.status for outcome in first)),
        "all_304_pass_seconds": round(second_seconds, 2),
        "all_304_pass": dict(Counter(outcome.status for outcome in second)),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
