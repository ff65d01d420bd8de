"""The one error a fetch raises: a sentence saying what went wrong, for the analyst."""

from __future__ import annotations


class FetchError(Exception):
    """A fetch that failed; ``str(error)`` is one sentence naming what went wrong.

    ``status`` is the server's HTTP status when it answered with an error; ``retry_after``
    the number of seconds it asked us to wait (a 429 or 503 with Retry-After).
    """

    def __init__(
        self, message: str, status: int | None = None, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
