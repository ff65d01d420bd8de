"""One GET as a good client makes it (docs/subscriptions.md).

Conditional (If-None-Match, If-Modified-Since: a 304 is "not modified" and nothing is read),
compressed (gzip, deflate; decoded here, so that the size cap counts decoded bytes and a
gzip bomb stops at the cap), bounded (a connect and a read timeout, and a deadline for the
whole answer, so that a slow drip is cut), redirected only by hand (http and https only, at
most ``max_redirects``, a loop named), every hop's host checked (``addresses``) and taken
in turn with the other requests to that host (``politeness``).
"""

from __future__ import annotations

import email.utils
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from store.fetch.addresses import check_reachable
from store.fetch.errors import FetchError
from store.fetch.politeness import HostGate
from store.fetch.settings import FetchSettings

_REDIRECTS = {301, 302, 303, 307, 308}
# Said of a fetch cut off because its pass was cancelled; the pass saves nothing of it.
STOPPED = "The fetch was stopped before its answer was complete; nothing of it was kept."


@dataclass(frozen=True)
class Answer:
    """A server's answer: 200 with its decoded ``body``, or 304 (``not_modified``, no body).

    ``url`` is the address after redirects; ``etag`` and ``last_modified`` are the
    validators to send next time (those sent, for a 304 that gives none).
    """

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class WebClient:
    """GETs under one ``FetchSettings``, safe to share between the threads of a pass (each
    thread has an httpx client of its own; the host gate is shared)."""

    def __init__(
        self,
        settings: FetchSettings,
        gate: HostGate | None = None,
        stopped: Callable[[], bool] | None = None,
    ) -> None:
        self.settings = settings
        self.stopped = stopped or (lambda: False)  # the pass was cancelled: stop reading
        self._gate = gate or HostGate(settings.host_delay)
        self._local = threading.local()
        self._clients: list[httpx.Client] = []
        self._clients_lock = threading.Lock()

    def close(self) -> None:
        with self._clients_lock:
            for client in self._clients:
                client.close()
            self._clients.clear()

    def __enter__(self) -> WebClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = "*/*",
        max_bytes: int | None = None,
    ) -> Answer:
        """The answer at ``url``, following redirects; raises :class:`FetchError`."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = max_bytes or self.settings.max_bytes
        visited = [url]
        current = url
        while True:
            if self.stopped():
                raise FetchError(STOPPED)
            _check_scheme(current, visited)
            check_reachable(current, self.settings.allow_private)
            host = urlsplit(current).hostname or ""
            with self._gate.turn(host):
                answer, location = self._one_request(current, headers, limit)
            if location is None:
                assert answer is not None
                if answer.not_modified:
                    return Answer(answer.url, 304, b"", answer.content_type, etag, last_modified)
                return answer
            target = urljoin(current, location)
            if target in visited:
                loop = " → ".join([*visited[visited.index(target) :], target])
                raise FetchError(f"The server's redirects go round in a loop ({loop}).")
            visited.append(target)
            if len(visited) > self.settings.max_redirects + 1:
                raise FetchError(
                    f"The server redirected more than {self.settings.max_redirects} times "
                    f"(last to {target})."
                )
            current = target

    def _client(self) -> httpx.Client:
        client = getattr(self._local, "client", None)
        if client is None:
            s = self.settings
            client = httpx.Client(
                timeout=httpx.Timeout(
                    connect=s.connect_timeout, read=s.read_timeout, write=s.read_timeout,
                    pool=s.timeout,
                ),
                follow_redirects=False,
                trust_env=False,  # no proxy or certificate settings from the environment
                headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            )  # fmt: skip
            self._local.client = client
            with self._clients_lock:
                self._clients.append(client)
        return client

    def _one_request(
        self, url: str, headers: dict[str, str], limit: int
    ) -> tuple[Answer | None, str | None]:
        """One hop: the answer, or the redirect's Location."""
        host = urlsplit(url).hostname
        deadline = time.monotonic() + self.settings.timeout
        try:
            with self._client().stream("GET", url, headers=headers) as response:
                if response.status_code in _REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(
                            f"The server answered {response.status_code} (a redirect) "
                            "without saying where to."
                        )
                    return None, location.strip()
                if response.status_code == 304:
                    return _answer(url, response, b""), None
                if response.status_code != 200:
                    raise _status_error(response)
                body = _read_body(response, limit, deadline, self.settings.timeout, self.stopped)
                return _answer(url, response, body), None
        except httpx.ConnectTimeout:
            raise FetchError(
                f"{host} did not accept a connection within {self.settings.connect_timeout:g} "
                "seconds."
            ) from None
        except httpx.ReadTimeout:
            raise FetchError(
                f"{host} stopped sending for more than {self.settings.read_timeout:g} seconds."
            ) from None
        except httpx.TimeoutException:
            raise FetchError(f"{host} did not answer in time.") from None
        except httpx.ConnectError as error:
            raise FetchError(f"Could not connect to {host} ({_reason(error)}).") from None
        except (httpx.RemoteProtocolError, httpx.ReadError) as error:
            raise FetchError(
                f"{host} broke off the connection before its answer was complete "
                f"({_reason(error)})."
            ) from None
        except httpx.DecodingError as error:
            raise FetchError(f"{host} sent an answer that cannot be decoded ({error}).") from None
        except httpx.HTTPError as error:
            raise FetchError(f"The request to {host} failed ({_reason(error)}).") from None


def _check_scheme(url: str, visited: list[str]) -> None:
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return
    if len(visited) > 1:
        raise FetchError(
            f"The server redirected to {url}, which is not a web address; it was not followed."
        )
    raise FetchError(f"{url} is not a web address (http or https).")


def _answer(url: str, response: httpx.Response, body: bytes) -> Answer:
    return Answer(
        url=url,
        status=response.status_code,
        body=body,
        content_type=response.headers.get("content-type", ""),
        etag=response.headers.get("etag"),
        last_modified=response.headers.get("last-modified"),
    )


def _read_body(
    response: httpx.Response,
    limit: int,
    deadline: float,
    timeout: float,
    stopped: Callable[[], bool],
) -> bytes:
    """The decoded body, at most ``limit`` bytes of it, by ``deadline`` and until
    ``stopped()``; else FetchError and nothing kept."""
    declared = response.headers.get("content-length", "")
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity") and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            f"The answer is {_size(int(declared))}, more than the {_size(limit)} a response "
            "may be; nothing of it was kept."
        )
    decoder = _Decoder(encoding)
    parts: list[bytes] = []
    kept = 0
    for raw in response.iter_raw():  # as the bytes arrive: a drip meets the deadline
        decoded = decoder.decode(raw, limit - kept + 1)
        kept += len(decoded)
        if kept > limit:
            raise FetchError(
                f"The answer is larger than the {_size(limit)} a response may be "
                "(decoded); it was cut off and nothing of it was kept."
            )
        parts.append(decoded)
        if stopped():
            raise FetchError(STOPPED)
        if time.monotonic() > deadline:
            raise FetchError(
                f"The answer took longer than {timeout:g} seconds to arrive; it was cut off "
                "and nothing of it was kept."
            )
    tail = decoder.finish()
    if kept + len(tail) > limit:
        raise FetchError(
            f"The answer is larger than the {_size(limit)} a response may be (decoded); "
            "nothing of it was kept."
        )
    parts.append(tail)
    return b"".join(parts)


class _Decoder:
    """Content-Encoding undone a bounded piece at a time: never more than asked for."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        if encoding in ("gzip", "x-gzip"):
            self._zlib: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._zlib = None  # zlib-wrapped or raw: told apart by the first bytes
        elif encoding in ("", "identity"):
            self._zlib = None
        else:
            raise FetchError(
                f"The server compressed its answer as “{encoding}”, which was not asked for."
            )
        self._pending = b""

    def decode(self, data: bytes, room: int) -> bytes:
        if self.encoding in ("", "identity"):
            return data
        try:
            if self._zlib is None:  # deflate, first bytes
                wrapped = len(data) >= 2 and (data[0] * 256 + data[1]) % 31 == 0
                self._zlib = zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
            # What did not fit the room last time comes first; past the room the caller stops.
            out = self._zlib.decompress(self._pending + data, room)
            self._pending = self._zlib.unconsumed_tail
            return out
        except zlib.error as error:
            raise _broken(self.encoding, error) from None

    def finish(self) -> bytes:
        if self._zlib is None:
            return b""
        try:
            return self._zlib.flush()
        except zlib.error as error:
            raise _broken(self.encoding, error) from None


def _broken(encoding: str, error: zlib.error) -> FetchError:
    return FetchError(f"The answer's {encoding} compression is broken ({error}).")


def _status_error(response: httpx.Response) -> FetchError:
    code = response.status_code
    phrase = response.reason_phrase or "no reason given"
    retry_after = _retry_after(response.headers.get("retry-after"))
    if code == 404:
        message = "There is nothing at this address (404 Not Found)."
    elif code == 410:
        message = "The server says this address is gone for good (410 Gone)."
    elif code in (401, 403):
        message = f"The server refuses to give this address to us ({code} {phrase})."
    elif code == 429:
        message = "The server asks us to fetch less often (429 Too Many Requests)."
    elif code >= 500:
        message = f"The server failed to answer ({code} {phrase})."
    else:
        message = f"The server answered {code} ({phrase}) instead of the page."
    return FetchError(message, code, retry_after)


def _retry_after(value: str | None) -> int | None:
    """Retry-After as seconds: a number of them, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, int(when.timestamp() - time.time()))


def _reason(error: Exception) -> str:
    text = str(error).strip()
    # httpx gives the system's error as "[Errno 111] Connection refused".
    if text.startswith("[Errno") and "]" in text:
        text = text.split("]", 1)[1].strip()
    return text or type(error).__name__


def _size(count: int) -> str:
    """
    >>> _size(10 * 1024 * 1024), _size(2 * 1024**3), _size(500)
    ('10 MB', '2048 MB', '500 bytes')
    """
    if count >= 1024 * 1024:
        return f"{count // (1024 * 1024)} MB"
    return f"{count} bytes"
