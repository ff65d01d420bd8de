"""A real HTTP server on a loopback address for the fetching tests (stdlib ThreadingHTTPServer).

Each path is answered by a handler function given the request; every request is logged
(path and headers), so that tests can count what the client asked for and how.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]


class WebServer:
    """``with WebServer() as web: web.routes["/feed"] = serve(body)``; ``web.url("/feed")``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Handler] = {}
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        server = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the stdlib's name)
                with server._lock:
                    server.requests.append(Request(self.path, dict(self.headers.items())))
                handler = server.routes.get(self.path.split("?")[0])
                if handler is None:
                    answer(self, 404, b"not here")
                else:
                    handler(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer((host, 0), _Handler)
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def asked(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def __enter__(self) -> WebServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()


def answer(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    handler.send_response(status)
    given = {"Content-Length": str(len(body)), **(headers or {})}
    for name, value in given.items():
        handler.send_header(name, value)
    handler.end_headers()
    if body:
        handler.wfile.write(body)


def serve(body: bytes, content_type: str = "application/rss+xml", etag: str | None = None):
    """A handler giving ``body``, with an ETag honoured by a 304 when one is given."""

    def handle(handler: BaseHTTPRequestHandler) -> None:
        if etag and handler.headers.get("If-None-Match") == etag:
            answer(handler, 304, headers={"ETag": etag})
            return
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        answer(handler, 200, body, headers)

    return handle
