"""How the desk fetches: the limits and manners of a good client, in one value."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version

# Set to 1 to let subscriptions reach loopback and private addresses (the tests' own
# servers on 127.0.0.1, a feed on the office network).
ALLOW_PRIVATE_ENV_VAR = "COMMUNIQUE_ALLOW_PRIVATE"


def _program_version() -> str:
    try:
        return version("communique-desk")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "dev"


def default_user_agent() -> str:
    """The program and its version, and what it is, so that a server's log names it.

    >>> default_user_agent().startswith("CommuniqueDesk/")
    True
    """
    return f"CommuniqueDesk/{_program_version()} (a press-release reader)"


def private_allowed_by_environment() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV_VAR, "").strip() in ("1", "true", "yes")


@dataclass(frozen=True)
class FetchSettings:
    """The good client's rules (docs/subscriptions.md gives the reasons for each number).

    ``timeout`` bounds each response as a whole (a server that drips a byte a second is cut
    off); ``connect_timeout`` and ``read_timeout`` bound connecting and each wait for bytes;
    ``max_bytes`` caps a response's decoded size; ``host_delay`` is the pause between two
    requests to one host; ``backoff_cap`` bounds how far failures push the next fetch out.
    """

    allow_private: bool = False
    timeout: float = 20.0
    connect_timeout: float = 10.0
    read_timeout: float = 10.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    host_delay: float = 1.0
    user_agent: str = field(default_factory=default_user_agent)
    workers: int = 8
    pages_per_pass: int = 50
    backoff_cap: int = 24 * 3600

    @classmethod
    def from_environment(cls, **overrides: object) -> FetchSettings:
        """The defaults, with private addresses allowed when ``COMMUNIQUE_ALLOW_PRIVATE=1``."""
        values: dict[str, object] = {"allow_private": private_allowed_by_environment()}
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
