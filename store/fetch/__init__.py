"""Fetching followed subscriptions as a good client does (docs/subscriptions.md).

Not a parser: this package fetches, and hands what it fetched to the parsers of
``store.ingest`` and the saving of ``store.release_saving`` and ``store.imports``.
"""

from store.fetch.errors import FetchError
from store.fetch.outcomes import FetchOutcome
from store.fetch.passes import fetch_pass
from store.fetch.probe import FoundRelease, TestResult, test_subscription
from store.fetch.settings import FetchSettings

__all__ = [
    "FetchError",
    "FetchOutcome",
    "FetchSettings",
    "FoundRelease",
    "TestResult",
    "fetch_pass",
    "test_subscription",
]
