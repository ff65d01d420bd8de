"""A release's text versions and the words that changed between two of them.

Analysts follow how a statement's wording moved between revisions; the window shows two
versions side by side or merged, with the removed and added words marked. Offsets are not
involved: segments carry text, and joining the "same" and "removed" segments gives the old
text back, "same" and "added" the new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from rapidfuzz.distance import Indel

from store.db import Store
from store.releases import get_release, release_versions

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class DiffSegment:
    """A run of text that both versions share, or that only the old or the new one has."""

    kind: Literal["same", "removed", "added"]
    text: str


@dataclass(frozen=True)
class VersionText:
    """One version of a release's text, with when and from which file it came."""

    label: str
    imported_at: str
    origin_file: str | None
    title: str
    text: str


def versions_of_release(store: Store, release_id: int) -> list[VersionText]:
    """Every text a release has had, oldest first, the current one last; [] if no release.

    Each earlier version was imported when the one before it was replaced, so the current
    text dates from the release's last update.
    """
    release = get_release(store, release_id)
    if release is None:
        return []
    earlier = release_versions(store, release_id)
    versions = [
        VersionText(f"Version {n}", v.imported_at, v.origin_file, v.title, v.text)
        for n, v in enumerate(earlier, start=1)
    ]
    label = f"Version {len(earlier) + 1} (current)" if earlier else "Current version"
    versions.append(
        VersionText(label, release.updated_at, release.origin_file, release.title, release.text)
    )
    return versions


def word_diff(old_text: str, new_text: str) -> list[DiffSegment]:
    """The words removed and added between two texts, as runs of whole words.

    Words, white space and punctuation are aligned on their longest common subsequence
    (rapidfuzz). A short run left in common between two changes, such as the space between
    two replaced words, is folded into the change, as diff-match-patch's semantic clean-up
    does, so that a rewritten phrase reads as one removal and one addition.

    >>> old = "The Minister met the Ambassador."
    >>> for segment in word_diff(old, "The Minister called the Ambassador today."):
    ...     print(segment.kind, repr(segment.text))
    same 'The Minister '
    removed 'met'
    added 'called'
    same ' the Ambassador'
    added ' today'
    same '.'
    """
    old_tokens, new_tokens = _TOKEN.findall(old_text), _TOKEN.findall(new_text)
    runs: list[list[str]] = []  # ["same", text] or ["change", removed, added]
    for tag, i1, i2, j1, j2 in Indel.opcodes(old_tokens, new_tokens):
        removed, added = "".join(old_tokens[i1:i2]), "".join(new_tokens[j1:j2])
        if tag == "equal":
            runs.append(["same", removed])
        elif runs and runs[-1][0] == "change":
            runs[-1][1] += removed
            runs[-1][2] += added
        else:
            runs.append(["change", removed, added])
    return _segments(_fold_short_equalities(runs))


def _fold_short_equalities(runs: list[list[str]]) -> list[list[str]]:
    """Fold a common run into the changes around it when it is no longer than either."""
    folded: list[list[str]] = []
    for run in runs:
        if (
            run[0] == "change"
            and len(folded) >= 2
            and folded[-1][0] == "same"
            and folded[-2][0] == "change"
            and len(folded[-1][1]) <= max(len(run[1]), len(run[2]))
            and len(folded[-1][1]) <= max(len(folded[-2][1]), len(folded[-2][2]))
        ):
            common = folded.pop()[1]
            folded[-1][1] += common + run[1]
            folded[-1][2] += common + run[2]
        else:
            folded.append(run)
    return folded


def _segments(runs: list[list[str]]) -> list[DiffSegment]:
    segments = []
    for run in runs:
        if run[0] == "same":
            segments.append(DiffSegment("same", run[1]))
            continue
        if run[1]:
            segments.append(DiffSegment("removed", run[1]))
        if run[2]:
            segments.append(DiffSegment("added", run[2]))
    return segments
