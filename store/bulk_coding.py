"""Bulk coding: tag many occurrences of a phrase (or the sentences holding them) with topics
in one transaction.

An occurrence already covered by a highlight carrying a topic is not tagged with that topic
again; one carrying every topic asked for is left alone and counted as already tagged. What
is new becomes new highlights, whose ids are returned so that the step can be undone
(:func:`remove_bulk_highlights`) and redone with the same ids (:func:`restore_highlights`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from store.anchoring import selector_for
from store.changes import Changes
from store.db import Store, now_iso
from store.highlights import Highlight, HighlightError, highlights_by_id, restore_highlight
from store.sentences import sentence_around

Scope = Literal["match", "sentence"]
SCOPES: tuple[str, ...] = ("match", "sentence")


@dataclass(frozen=True)
class BulkTagging:
    """What a bulk tagging did: the highlights it added, and how many places already
    carried every topic asked for."""

    highlight_ids: tuple[int, ...]
    already_tagged: int
    changes: Changes


def tag_places(
    store: Store,
    places: Iterable[tuple[int, int, int]],
    tag_ids: Iterable[int],
    scope: Scope = "match",
) -> BulkTagging:
    """Tag each place (release id, start, end in code points), or with ``scope="sentence"``
    the sentence around it, with the topics, as the session's coder; several places in one
    sentence tag it once. A place that coder has already tagged so is left alone (another
    coder's highlight there does not count: two analysts code independently)."""
    wanted = tuple(dict.fromkeys(tag_ids))
    if not wanted:
        raise HighlightError("Choose at least one topic to tag the lines with.")
    if scope not in SCOPES:
        raise HighlightError(f"Tag the match or its sentence, not “{scope}”.")
    by_release: dict[int, list[tuple[int, int]]] = {}
    for release_id, start, end in places:
        by_release.setdefault(release_id, []).append((start, end))
    added: list[int] = []
    already = 0
    with store.write() as conn:
        _check_topics(conn, wanted)
        stamp = now_iso()
        for release_id, spans in by_release.items():
            row = conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,)).fetchone()
            if row is None:
                raise HighlightError(f"There is no release with id {release_id}.")
            text = row[0]
            if scope == "sentence":
                spans = [sentence_around(text, start, end) for start, end in spans]
            carried = _topics_covering(conn, release_id, store.coder)
            for start, end in dict.fromkeys(spans):
                missing = [
                    tag_id
                    for tag_id in wanted
                    if not any(s <= start and e >= end and tag_id in t for s, e, t in carried)
                ]
                if not missing:
                    already += 1
                    continue
                try:
                    selector = selector_for(text, start, end)
                except ValueError as error:
                    raise HighlightError(f"Release {release_id}: {error}") from None
                cursor = conn.execute(
                    'INSERT INTO highlights(release_id, start, "end", quote, prefix, suffix, '
                    "note, created_at, updated_at, coder) VALUES (?, ?, ?, ?, ?, ?, '', ?, ?, ?)",
                    (release_id, start, end, selector.quote, selector.prefix, selector.suffix)
                    + (stamp, stamp, store.coder),
                )
                conn.executemany(
                    "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)",
                    [(cursor.lastrowid, tag_id) for tag_id in missing],
                )
                carried.append((start, end, frozenset(missing)))
                added.append(cursor.lastrowid)
    touched = frozenset(by_release) if added else frozenset()
    return BulkTagging(tuple(added), already, Changes(highlights=touched, tags=bool(added)))


def remove_bulk_highlights(
    store: Store, highlight_ids: Iterable[int]
) -> tuple[list[Highlight], Changes]:
    """Undo a bulk tagging: delete its highlights in one transaction, returning them as they
    were (for a redo)."""
    with store.write() as conn:
        removed = highlights_by_id(store, list(highlight_ids))
        conn.executemany("DELETE FROM highlights WHERE id = ?", [(h.id,) for h in removed])
    touched = frozenset(h.release_id for h in removed)
    return removed, Changes(highlights=touched, tags=bool(removed))


def restore_highlights(store: Store, highlights: Iterable[Highlight]) -> Changes:
    """Redo a bulk tagging: bring its highlights back with their ids, in one transaction."""
    changes = Changes()
    with store.write():
        for highlight in highlights:
            changes |= restore_highlight(store, highlight)
    return changes


def _check_topics(conn, tag_ids: tuple[int, ...]) -> None:
    marks = ", ".join("?" * len(tag_ids))
    known = {row[0] for row in conn.execute(f"SELECT id FROM tags WHERE id IN ({marks})", tag_ids)}
    unknown = [tag_id for tag_id in tag_ids if tag_id not in known]
    if unknown:
        raise HighlightError(f"The codebook has no topic with id {unknown[0]}.")


def _topics_covering(conn, release_id: int, coder: str) -> list[tuple[int, int, frozenset[int]]]:
    """Each anchored highlight of the release by that coder: its place and its topics."""
    topics: dict[int, tuple[int, int, set[int]]] = {}
    rows = conn.execute(
        """SELECT h.id, h.start, h."end", ht.tag_id FROM highlights h
           LEFT JOIN highlight_tags ht ON ht.highlight_id = h.id
           WHERE h.release_id = ? AND h.orphaned = 0 AND h.coder = ?""",
        (release_id, coder),
    )
    for highlight_id, start, end, tag_id in rows:
        entry = topics.setdefault(highlight_id, (start, end, set()))
        if tag_id is not None:
            entry[2].add(tag_id)
    return [(start, end, frozenset(tags)) for start, end, tags in topics.values()]
