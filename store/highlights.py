"""Highlights: passages of a release's canonical text, tagged with topics and annotated."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from store.anchoring import Selector, find_quote, reanchor_all, selector_for
from store.changes import Changes
from store.db import Store, StoreError, now_iso


class HighlightError(StoreError):
    """A highlight that cannot be made or changed; the message says why."""


class QuoteNotFound(HighlightError):
    """The release's text has no such passage (or not that many times)."""


@dataclass(frozen=True)
class TagRef:
    id: int
    name: str
    colour: str


@dataclass(frozen=True)
class Highlight:
    id: int
    release_id: int
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    note: str
    orphaned: bool
    tags: tuple[TagRef, ...]
    created_at: str
    updated_at: str
    coder: str = ""  # "" for highlights made before coders were recorded

    @property
    def selector(self) -> Selector:
        return Selector(self.start, self.end, self.quote, self.prefix, self.suffix)


def add_highlight(
    store: Store,
    release_id: int,
    start: int,
    end: int,
    tag_ids: list[int] | tuple[int, ...] = (),
    note: str = "",
    coder: str | None = None,
) -> Changes:
    """Highlight ``text[start:end]`` of a release (code-point offsets of its canonical text),
    as ``coder`` (by default the session's, ``store.coder``).

    ``Changes.created`` is the new highlight's id.
    """
    with store.write() as conn:
        text = _release_text(store, release_id)
        try:
            selector = selector_for(text, start, end)
        except ValueError as error:
            raise HighlightError(str(error)) from None
        if not selector.quote.strip():
            raise HighlightError("A highlight needs at least one visible character.")
        stamp = now_iso()
        cursor = conn.execute(
            'INSERT INTO highlights(release_id, start, "end", quote, prefix, suffix, note, '
            "created_at, updated_at, coder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                release_id,
                start,
                end,
                selector.quote,
                selector.prefix,
                selector.suffix,
                note,
                stamp,
                stamp,
                store.coder if coder is None else coder,
            ),
        )
        _link_tags(conn, cursor.lastrowid, tag_ids)
    return Changes(highlights=frozenset({release_id}), created=cursor.lastrowid)


def add_highlight_by_quote(
    store: Store,
    release_id: int,
    quote: str,
    occurrence: int = 1,
    tag_ids: list[int] | tuple[int, ...] = (),
    note: str = "",
) -> Changes:
    """Highlight the n-th occurrence of ``quote`` (white space matches any white space)."""
    text = _release_text(store, release_id)
    found = find_quote(text, quote, occurrence)
    if found is None:
        which = f"occurrence {occurrence} of " if occurrence != 1 else ""
        raise QuoteNotFound(f"Release {release_id} does not contain {which}“{quote}”.")
    return add_highlight(store, release_id, found[0], found[1], tag_ids, note)


def highlights_of_release(
    store: Store, release_id: int, include_orphans: bool = True
) -> list[Highlight]:
    """A release's highlights in reading order; orphans (if asked for) come last."""
    where = "h.release_id = ?" + ("" if include_orphans else " AND h.orphaned = 0")
    return _select(store, where, (release_id,), order="h.orphaned, h.start, h.id")


def orphaned_highlights(store: Store) -> list[Highlight]:
    """Every highlight that lost its place when its release was revised."""
    return _select(store, "h.orphaned = 1", (), order="h.release_id, h.id")


def get_highlight(store: Store, highlight_id: int) -> Highlight | None:
    found = _select(store, "h.id = ?", (highlight_id,), order="h.id")
    return found[0] if found else None


def highlights_by_id(store: Store, highlight_ids: list[int]) -> list[Highlight]:
    """The highlights of these ids that exist, in id order (read a few hundred at a time)."""
    found: list[Highlight] = []
    for first in range(0, len(highlight_ids), 500):
        batch = tuple(highlight_ids[first : first + 500])
        marks = ", ".join("?" * len(batch))
        found += _select(store, f"h.id IN ({marks})", batch, order="h.id")
    return found


def set_highlight_tags(store: Store, highlight_id: int, tag_ids: list[int]) -> Changes:
    with store.write() as conn:
        release_id = _require(conn, highlight_id)
        conn.execute("DELETE FROM highlight_tags WHERE highlight_id = ?", (highlight_id,))
        _link_tags(conn, highlight_id, tag_ids)
        _touch(conn, highlight_id)
    return Changes(highlights=frozenset({release_id}), tags=True)


def set_highlight_note(store: Store, highlight_id: int, note: str) -> Changes:
    with store.write() as conn:
        release_id = _require(conn, highlight_id)
        conn.execute("UPDATE highlights SET note = ? WHERE id = ?", (note, highlight_id))
        _touch(conn, highlight_id)
    return Changes(highlights=frozenset({release_id}))


def move_highlight(store: Store, highlight_id: int, start: int, end: int) -> Changes:
    """Put a highlight on another passage of its release (re-attaching an orphan)."""
    with store.write() as conn:
        release_id = _require(conn, highlight_id)
        try:
            selector = selector_for(_release_text(store, release_id), start, end)
        except ValueError as error:
            raise HighlightError(str(error)) from None
        _place(conn, highlight_id, selector)
    return Changes(highlights=frozenset({release_id}))


def delete_highlight(store: Store, highlight_id: int) -> Changes:
    with store.write() as conn:
        release_id = _require(conn, highlight_id)
        conn.execute("DELETE FROM highlights WHERE id = ?", (highlight_id,))
    return Changes(highlights=frozenset({release_id}), tags=True)


def restore_highlight(store: Store, highlight: Highlight) -> Changes:
    """Bring a deleted highlight back with its id, tags, note and coder (undo)."""
    with store.write() as conn:
        conn.execute(
            'INSERT INTO highlights(id, release_id, start, "end", quote, prefix, suffix, note, '
            "orphaned, created_at, updated_at, coder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                highlight.id,
                highlight.release_id,
                highlight.start,
                highlight.end,
                highlight.quote,
                highlight.prefix,
                highlight.suffix,
                highlight.note,
                int(highlight.orphaned),
                highlight.created_at,
                now_iso(),
                highlight.coder,
            ),
        )
        conn.executemany(
            "INSERT INTO highlight_tags(highlight_id, tag_id) "
            "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM tags WHERE id = ?)",
            [(highlight.id, tag.id, tag.id) for tag in highlight.tags],
        )
    return Changes(highlights=frozenset({highlight.release_id}), tags=True, created=highlight.id)


def reanchor_release(store: Store, release_id: int, new_text: str) -> tuple[int, int]:
    """Place every highlight of a release on its revised text; returns (kept, orphaned).

    Runs inside the caller's write transaction, after the new text is stored and the text it
    replaced was kept as the release's latest version: diffing that text against the new one
    lets highlights on unchanged words move with them exactly. A highlight whose words are
    gone is marked orphaned, never deleted and never moved onto other words.
    """
    conn = store.conn
    previous = conn.execute(
        "SELECT text FROM release_versions WHERE release_id = ? ORDER BY id DESC LIMIT 1",
        (release_id,),
    ).fetchone()
    # Only what placing needs: an import re-places highlights of any schema's store.
    highlights = conn.execute(
        'SELECT id, start, "end", quote, prefix, suffix, orphaned FROM highlights '
        "WHERE release_id = ? ORDER BY orphaned, start, id",
        (release_id,),
    ).fetchall()
    selectors = [Selector(*row[1:6]) for row in highlights]
    placements = reanchor_all(new_text, selectors, previous[0] if previous else None)
    kept = orphaned = 0
    for (highlight_id, *_, was_orphaned), selector, placed in zip(
        highlights, selectors, placements, strict=True
    ):
        if placed is None:
            orphaned += 1
            conn.execute("UPDATE highlights SET orphaned = 1 WHERE id = ?", (highlight_id,))
        else:
            kept += 1
            if placed != selector or was_orphaned:
                _place(conn, highlight_id, placed)
    return kept, orphaned


def _place(conn: sqlite3.Connection, highlight_id: int, selector: Selector) -> None:
    conn.execute(
        'UPDATE highlights SET start = ?, "end" = ?, quote = ?, prefix = ?, suffix = ?, '
        "orphaned = 0, updated_at = ? WHERE id = ?",
        (
            selector.start,
            selector.end,
            selector.quote,
            selector.prefix,
            selector.suffix,
            now_iso(),
            highlight_id,
        ),
    )


def _select(store: Store, where: str, params: tuple, order: str) -> list[Highlight]:
    # The highlights, then their topics, read in one snapshot of the store (the savepoint is
    # a read transaction of its own, or nests in the caller's). Two queries, not one joined:
    # the join repeats each highlight's quote and context once per topic, and a release with
    # hundreds of highlights shares a few dozen topics, so each TagRef is made once.
    conn = store.conn
    conn.execute("SAVEPOINT highlights_read")
    try:
        rows = conn.execute(
            f"""SELECT h.id, h.release_id, h.start, h."end", h.quote, h.prefix, h.suffix,
                       h.note, h.orphaned, h.created_at, h.updated_at, h.coder
                FROM highlights h WHERE {where} ORDER BY {order}""",
            params,
        ).fetchall()
        tag_rows = conn.execute(
            f"""SELECT h.id, t.id, t.name, t.colour
                FROM highlights h
                JOIN highlight_tags ht ON ht.highlight_id = h.id
                JOIN tags t ON t.id = ht.tag_id
                WHERE {where}""",
            params,
        ).fetchall()
    finally:
        conn.execute("RELEASE highlights_read")
    tags_of: dict[int, list[TagRef]] = {}
    refs: dict[int, TagRef] = {}  # by tag id: one snapshot, so one name and colour each
    for highlight_id, tag_id, name, colour in tag_rows:
        ref = refs.get(tag_id)
        if ref is None:
            ref = refs[tag_id] = TagRef(tag_id, name, colour)
        tags = tags_of.get(highlight_id)
        if tags is None:
            tags_of[highlight_id] = [ref]
        else:
            tags.append(ref)
    for tags in tags_of.values():
        if len(tags) > 1:
            tags.sort(key=_tag_order)
    return [
        Highlight(*row[:8], bool(row[8]), tuple(tags_of.get(row[0], ())), row[9], row[10], row[11])
        for row in rows
    ]


def _tag_order(tag: TagRef) -> str:
    return tag.name.lower()


def _link_tags(conn: sqlite3.Connection, highlight_id: int, tag_ids: list[int]) -> None:
    try:
        conn.executemany(
            "INSERT OR IGNORE INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)",
            [(highlight_id, tag_id) for tag_id in tag_ids],
        )
    except sqlite3.IntegrityError as error:  # a foreign-key failure names no tag; say which
        raise HighlightError(f"Unknown tag among {list(tag_ids)}: {error}") from None


def _touch(conn: sqlite3.Connection, highlight_id: int) -> None:
    conn.execute("UPDATE highlights SET updated_at = ? WHERE id = ?", (now_iso(), highlight_id))


def _require(conn: sqlite3.Connection, highlight_id: int) -> int:
    row = conn.execute("SELECT release_id FROM highlights WHERE id = ?", (highlight_id,)).fetchone()
    if row is None:
        raise HighlightError(f"There is no highlight with id {highlight_id}.")
    return row[0]


def _release_text(store: Store, release_id: int) -> str:
    row = store.conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,)).fetchone()
    if row is None:
        raise HighlightError(f"There is no release with id {release_id}.")
    return row[0]
