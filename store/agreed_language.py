"""The store-wide report of shared wording: agreed language, the passages that releases of
two or more issuers share, kept apart from boilerplate, the passages that many releases of
one issuer share (its sign-offs, contact lines, "For further information").

The fingerprints index says which wording is shared by whom: a fingerprint held by releases
of two or more issuers (or, for boilerplate, by ``min_releases`` releases of one) marks the
releases to read. Those are gone over in order of first appearance (date, then id), each
with :func:`store.reuse.where_else`, and each passage is reported once, at the release
where it first appears; the releases it appears in later are listed with it. An issuer is
the release's issuer, else the source its input named.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

from store.db import Store
from store.reuse import DEFAULT_MIN_WORDS, SharedPassage, where_else

ReportKind = Literal["agreed", "boilerplate"]
DEFAULT_MIN_RELEASES = 3


@dataclass(frozen=True)
class ReportedPassage:
    """A passage where it first appears (``release_id``), with the releases sharing it."""

    release_id: int
    date: str | None
    passage: SharedPassage

    @property
    def issuers(self) -> list[str]:
        """Every issuer using the passage, by first use."""
        names = [self.passage.issuer, *(other.issuer for other in self.passage.elsewhere)]
        return list(dict.fromkeys(name for name in names if name is not None))


def shared_wording(
    store: Store,
    kind: ReportKind = "agreed",
    min_words: int = DEFAULT_MIN_WORDS,
    min_releases: int = DEFAULT_MIN_RELEASES,
) -> list[ReportedPassage]:
    """Agreed language (``kind="agreed"``: passages shared by releases of two or more
    issuers) or boilerplate (passages of one issuer shared by at least ``min_releases``
    releases), each once at its first appearance, in order of first appearance."""
    reported: list[ReportedPassage] = []
    covered: dict[int, list[tuple[int, int]]] = {}  # release id: spans already reported
    for release_id, date in _releases_to_read(store, kind, min_releases):
        for passage in where_else(store, release_id, min_words):
            if not _wanted(passage, kind, min_releases):
                continue
            if any(
                _overlaps(span, passage.start, passage.end) for span in covered.get(release_id, ())
            ):
                continue
            reported.append(ReportedPassage(release_id, date, passage))
            covered.setdefault(release_id, []).append((passage.start, passage.end))
            for other in passage.elsewhere:
                covered.setdefault(other.release_id, []).append((other.start, other.end))
    return reported


def _releases_to_read(
    store: Store, kind: ReportKind, min_releases: int
) -> list[tuple[int, str | None]]:
    """The releases holding a fingerprint of the kind, first appearance first."""
    issuer = "coalesce(CAST(r.issuer_id AS TEXT), 'source:' || r.source)"
    having = (
        f"count(DISTINCT {issuer}) >= 2"
        if kind == "agreed"
        else f"count(DISTINCT {issuer}) = 1 AND count(*) >= {int(min_releases)}"
    )
    rows = store.conn.execute(
        "SELECT json_group_array(f.release_id) FROM release_fingerprints f "
        f"JOIN releases r ON r.id = f.release_id GROUP BY f.hash HAVING {having}"
    )
    ids = sorted({release_id for (held,) in rows for release_id in json.loads(held)})
    dated = store.conn.execute(
        "SELECT id, date FROM releases WHERE id IN (SELECT value FROM json_each(?)) "
        "ORDER BY date IS NULL, date, id",
        (json.dumps(ids),),
    )
    return [(release_id, date) for release_id, date in dated]


def _wanted(passage: SharedPassage, kind: ReportKind, min_releases: int) -> bool:
    if kind == "agreed":
        return passage.agreed
    return not passage.agreed and len(passage.elsewhere) + 1 >= min_releases


def _overlaps(span: tuple[int, int], start: int, end: int) -> bool:
    return span[0] < end and start < span[1]
