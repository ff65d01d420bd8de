"""Curation: from two coders' passages (``store.overlaps``), the highlight the desk keeps,
written under a curator's name.

The curated highlight is a copy, tagged with the topic compared, under the curator; the two
coders' own highlights are never changed or removed, so their agreement can be computed
again after curation and gives the same figures. The curator is therefore neither of the two
coders: a copy of B's passage under A's name would change the very figures being reported.
A passage the curator already holds with the topic, at exactly those offsets, is not copied
twice. docs/agreement.md says why this choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from store.bulk_coding import BulkTagging
from store.changes import Changes
from store.coder_names import clean_coder
from store.db import Store
from store.highlights import HighlightError, add_highlight
from store.overlaps import OverlapPassage

# What the curator keeps of a passage: each coder's own extents, the whole passage either
# marked, or only the part both marked.
KEEP_A, KEEP_B, KEEP_BOTH, KEEP_SHARED = "a", "b", "both", "shared"
KEEPS = (KEEP_A, KEEP_B, KEEP_BOTH, KEEP_SHARED)


@dataclass(frozen=True)
class Curation:
    coder_a: str
    coder_b: str
    tag_id: int
    curator: str


def kept_spans(passage: OverlapPassage, keep: str) -> tuple[tuple[int, int], ...]:
    """The extents ``keep`` takes of a passage (none when that side marked nothing there)."""
    if keep == KEEP_A:
        return passage.a_spans
    if keep == KEEP_B:
        return passage.b_spans
    if keep == KEEP_SHARED:
        return passage.shared
    if keep == KEEP_BOTH:
        return ((passage.start, passage.end),)
    raise HighlightError(f"Unknown choice “{keep}”: keep one of {', '.join(KEEPS)}.")


def check_curator(curation: Curation) -> str:
    """The curator's name, cleaned; refused when it is one of the two coders compared."""
    curator = clean_coder(curation.curator)
    if curator in (curation.coder_a, curation.coder_b):
        raise HighlightError(
            f"The curator “{curator}” is one of the coders compared; curate under another "
            "name, so that their agreement stays as they coded it."
        )
    return curator


def curate(
    store: Store, curation: Curation, passages: Iterable[OverlapPassage], keep: str
) -> BulkTagging:
    """Copy what ``keep`` takes of each passage as the curator's highlights of the topic, in
    one transaction; ``already_tagged`` counts the extents the curator already held."""
    curator = check_curator(curation)
    wanted = [
        (passage.release_id, start, end)
        for passage in passages
        for start, end in kept_spans(passage, keep)
    ]
    added: list[int] = []
    already = 0
    with store.write() as conn:
        for release_id, start, end in dict.fromkeys(wanted):
            held = conn.execute(
                """SELECT 1 FROM highlights h JOIN highlight_tags ht ON ht.highlight_id = h.id
                   WHERE h.release_id = ? AND h.start = ? AND h."end" = ? AND h.coder = ?
                     AND ht.tag_id = ? AND h.orphaned = 0""",
                (release_id, start, end, curator, curation.tag_id),
            ).fetchone()
            if held:
                already += 1
                continue
            made = add_highlight(
                store, release_id, start, end, [curation.tag_id], coder=curator
            ).created
            added.append(made)
    touched = frozenset(release_id for release_id, _, _ in wanted) if added else frozenset()
    return BulkTagging(tuple(added), already, Changes(highlights=touched, tags=bool(added)))
