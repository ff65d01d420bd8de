"""What a store write changed, so that each view can decide whether to refresh."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    """The small value every store write returns.

    ``releases``: ids of releases added, revised or removed; ``highlights``: ids of releases
    whose highlights changed; ``tags``: whether the codebook changed; ``issuers``: whether
    the issuers changed (names, merges, countries); ``created``: the id of
    the one thing a write created, when it created one; ``elsewhere``: another program (or
    another connection: a second window, the command line, an import's worker) wrote to the
    store, so that anything may have changed and every view reads again what it shows.

    >>> (Changes(tags=True) | Changes(highlights=frozenset({3}))).highlights
    frozenset({3})
    >>> bool(Changes()), bool(Changes(elsewhere=True))
    (False, True)
    """

    releases: frozenset[int] = field(default_factory=frozenset)
    highlights: frozenset[int] = field(default_factory=frozenset)
    tags: bool = False
    issuers: bool = False
    created: int | None = None
    elsewhere: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            releases=self.releases | other.releases,
            highlights=self.highlights | other.highlights,
            tags=self.tags or other.tags,
            issuers=self.issuers or other.issuers,
            created=other.created if other.created is not None else self.created,
            elsewhere=self.elsewhere or other.elsewhere,
        )

    def __bool__(self) -> bool:
        return bool(self.releases or self.highlights or self.tags or self.issuers or self.elsewhere)
