"""A web server on 127.0.0.1 serving real feeds and pages, for the window's tests, its
bench and its screenshots: never the internet.

Each address serves the bytes put there (``put``), with an ETag of its content, and answers
a request carrying that ETag in ``If-None-Match`` with 304 Not Modified, as a good feed
server does; putting new bytes at an address (the next snapshot of a feed) is what the next
fetch gets. Every request is counted (``hits``), so a test can tell a fetch from none.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TYPES = {
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}


class LocalFeeds:
    """``with LocalFeeds() as server: server.put("/feed.rss", data); server.url("/feed.rss")``"""

    def __init__(self) -> None:
        self._content: dict[str, bytes] = {}
        self._lock = threading.Lock()
        self.hits: Counter[str] = Counter()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                path = self.path.split("?", 1)[0]
                with owner._lock:
                    data = owner._content.get(path)
                    owner.hits[path] += 1
                if data is None:
                    self._answer(404, b"Not found", "text/plain")
                    return
                etag = '"' + hashlib.sha1(data).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                kind = TYPES.get(Path(path).suffix, "application/octet-stream")
                self._answer(200, data, kind, etag)

            def _answer(self, code: int, data: bytes, kind: str, etag: str | None = None):
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args) -> None:  # quiet: tests and benches print figures
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalFeeds:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def put(self, path: str, data: bytes | Path) -> str:
        """Serve ``data`` (bytes, or a file's) at ``path`` from now on; returns its URL."""
        content = data.read_bytes() if isinstance(data, Path) else data
        with self._lock:
            self._content[path] = content
        return self.url(path)

    def url(self, path: str) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{path}"
