"""robots.txt, honoured when crawling sitemaps and listing pages.

Read once per host per pass (the pass's threads share one ``RobotsRules``), with
``urllib.robotparser``, as RFC 9309 says: a robots.txt that is not there (a 4xx answer)
allows everything; one the server fails to give (a 5xx answer, no connection) allows
nothing for this pass.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from store.fetch.client import WebClient
from store.fetch.errors import FetchError

# RFC 9309 lets a crawler stop reading a robots.txt at 500 KiB.
MAX_ROBOTS_BYTES = 500 * 1024


class RobotsRules:
    """Whether the program's user agent may fetch an address, by its host's robots.txt."""

    def __init__(self, client: WebClient) -> None:
        self._client = client
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._rules: dict[str, RobotFileParser | bool] = {}

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one thread reads a host's robots.txt; the others wait for it
            rules = self._rules.get(origin)
            if rules is None:
                rules = self._rules[origin] = self._read(origin)
        if isinstance(rules, bool):
            return rules
        return rules.can_fetch(self._client.settings.user_agent, url)

    def check(self, url: str) -> None:
        """Raise FetchError when robots.txt does not allow ``url``."""
        if not self.allows(url):
            raise FetchError(f"The site's robots.txt does not allow fetching {url}.")

    def _read(self, origin: str) -> RobotFileParser | bool:
        try:
            answer = self._client.get(
                f"{origin}/robots.txt", accept="text/plain", max_bytes=MAX_ROBOTS_BYTES
            )
        except FetchError as error:
            return error.status is not None and 400 <= error.status < 500
        parser = RobotFileParser()
        parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
        return parser
