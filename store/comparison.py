"""What the side-by-side reader computes for a pair of releases, away from the window.

Each job is ``job(store, a_id, b_id)`` and its answer is plain data (strings, spans,
dataclasses), so that it can be computed in a process of its own and sent back: the
window's thread then never waits for the interpreter while two long releases are aligned
(docs/performance.md, the side-by-side window).
"""

from __future__ import annotations

from dataclasses import dataclass

from store.alignment import Alignment, AlignmentError, align_releases, align_texts
from store.db import Store
from store.differences import Differences, differences
from store.releases import get_release
from store.render import render_html


@dataclass(frozen=True)
class Comparison:
    """What is found for a pair: the alignment and what differs."""

    alignment: Alignment
    differences: Differences


def rendered_pair(store: Store, a_id: int, b_id: int) -> dict[str, str]:
    """The two releases' HTML, by the content hash of their text."""
    rendered = {}
    for release_id in (a_id, b_id):
        release = get_release(store, release_id)
        if release is not None and release.content_hash not in rendered:
            rendered[release.content_hash] = render_html(release.body_markdown)
    return rendered


def compared_pair(store: Store, a_id: int, b_id: int) -> Comparison:
    """The alignment of the two releases and what differs between them."""
    if a_id == b_id:  # the store refuses a release named twice; the columns show it twice
        release = get_release(store, a_id)
        if release is None:
            raise AlignmentError(f"There is no release with id {a_id}.")
        alignment = align_texts(release.text, release.text, release.language, release.language)
        return Comparison(alignment, Differences({}, {}))
    return Comparison(align_releases(store, a_id, b_id), differences(store, a_id, b_id))


def differences_of_pair(store: Store, a_id: int, b_id: int) -> Differences:
    """What differs between the two releases (nothing between a release and itself)."""
    return differences(store, a_id, b_id) if a_id != b_id else Differences({}, {})
