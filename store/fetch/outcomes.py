"""What a fetch pass did for each subscription, as the window and the command line show it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class FetchOutcome:
    """One subscription's fetch: ``status`` "ok", "not-modified" or "error"; ``error`` one
    sentence when it failed (or, for "ok", the items it had to leave out); ``imported`` new
    releases, ``updated`` revised ones, ``new_release_ids`` the new releases' ids."""

    subscription_id: int
    url: str
    status: Literal["ok", "not-modified", "error"]
    error: str | None
    imported: int = 0
    updated: int = 0
    new_release_ids: tuple[int, ...] = ()
