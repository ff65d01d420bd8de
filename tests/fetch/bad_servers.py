"""Handlers that misbehave as real servers do, for the bad-server tests."""

from __future__ import annotations

import random
import socket
import struct
import time
import zlib
from http.server import BaseHTTPRequestHandler

from tests.fetch.web_server import answer


def failing(handler: BaseHTTPRequestHandler) -> None:
    answer(handler, 500, b"<h1>Internal Server Error</h1>", {"Content-Type": "text/html"})


def silent_for(seconds: float):
    def handle(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        answer(handler, 200, b"too late")

    return handle


def resetting(handler: BaseHTTPRequestHandler) -> None:
    """Hang up with a TCP reset, mid-answer."""
    handler.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n<rss")
    handler.wfile.flush()
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    handler.connection.close()
    handler.close_connection = True


def random_bytes(handler: BaseHTTPRequestHandler) -> None:
    noise = random.Random(17).randbytes(20_000)
    answer(handler, 200, noise, {"Content-Type": "application/rss+xml"})


def endless(declared: bool):
    """A 2 GB body of zeros, made as it is sent (never held): with its length declared, or
    without (the body ends when the connection does)."""
    size = 2 * 1024**3

    def handle(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        if declared:
            handler.send_header("Content-Length", str(size))
        else:
            handler.send_header("Connection", "close")
        handler.end_headers()
        handler.close_connection = True
        chunk = b"\0" * 65536
        try:
            for _ in range(size // len(chunk)):
                handler.wfile.write(chunk)
        except OSError:  # the client stopped reading: what it should do
            pass

    return handle


def gzip_bomb(decoded_bytes: int) -> bytes:
    """A gzip stream of ``decoded_bytes`` zeros, compressed a piece at a time (about a
    thousandth of that size)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    piece = b"\0" * (1024 * 1024)
    parts = [compressor.compress(piece) for _ in range(decoded_bytes // len(piece))]
    return b"".join(parts) + compressor.flush()


def serving_bomb(bomb: bytes):
    def handle(handler: BaseHTTPRequestHandler) -> None:
        answer(handler, 200, bomb,
               {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"})  # fmt: skip

    return handle


def dripping(handler: BaseHTTPRequestHandler) -> None:
    """A byte every tenth of a second, for ever (well within any read timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/rss+xml")
    handler.send_header("Content-Length", "100000")
    handler.end_headers()
    handler.close_connection = True
    try:
        for _ in range(100_000):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(0.1)
    except OSError:
        pass


def redirecting(location: str):
    def handle(handler: BaseHTTPRequestHandler) -> None:
        answer(handler, 302, b"", {"Location": location})

    return handle
