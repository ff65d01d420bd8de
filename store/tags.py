"""The codebook: topics (tags) with colours, descriptions and a hierarchy."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from store.changes import Changes
from store.db import Store, StoreError, now_iso

# Distinct, readable highlight colours; a new tag takes the next one not yet in use.
PALETTE = (
    "#f5c518",
    "#7ec8e3",
    "#a3d977",
    "#f4a6a6",
    "#c7a4f0",
    "#ffb86b",
    "#80deea",
    "#e6ee9c",
    "#f48fb1",
    "#b0bec5",
    "#ffd54f",
    "#9fa8da",
)
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


class TagError(StoreError):
    """A codebook change that cannot be made (duplicate name, a cycle, an unknown tag)."""


@dataclass(frozen=True)
class Tag:
    id: int
    name: str
    colour: str
    parent_id: int | None
    description: str
    highlight_count: int = 0


@dataclass(frozen=True)
class TagSnapshot:
    """Everything needed to bring a deleted or merged tag back (undo)."""

    tag: Tag
    highlight_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


# Anchored highlights counted as "not among the orphans" (a small set, indexed by migration
# 3): the tag's index entries alone answer it, with no lookup of each highlight.
# The number of anchored highlights carrying each tag is kept by triggers (migration 7).
_TAG_COLUMNS = """tags.id, tags.name, tags.colour, tags.parent_id, tags.description,
    coalesce((SELECT excerpts FROM tag_counts WHERE tag_id = tags.id), 0)"""


def list_tags(store: Store) -> list[Tag]:
    """All tags, by name, each with the number of anchored highlights that carry it."""
    rows = store.conn.execute(f"SELECT {_TAG_COLUMNS} FROM tags ORDER BY name COLLATE NOCASE")
    return [Tag(*row) for row in rows]


def get_tag(store: Store, tag_id: int) -> Tag | None:
    row = store.conn.execute(f"SELECT {_TAG_COLUMNS} FROM tags WHERE id = ?", (tag_id,)).fetchone()
    return Tag(*row) if row else None


def find_tag(store: Store, name: str) -> Tag | None:
    """The tag of that name, whatever its case."""
    row = store.conn.execute(
        f"SELECT {_TAG_COLUMNS} FROM tags WHERE name = ?", (name.strip(),)
    ).fetchone()
    return Tag(*row) if row else None


def create_tag(
    store: Store,
    name: str,
    colour: str | None = None,
    parent_id: int | None = None,
    description: str = "",
) -> Changes:
    """Add a topic to the codebook; ``Changes.created`` is its id."""
    name = _clean_name(name)
    with store.write() as conn:
        colour = _check_colour(colour) if colour else _next_colour(conn)
        try:
            cursor = conn.execute(
                "INSERT INTO tags(name, colour, parent_id, description, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (name, colour, parent_id, description, now_iso()),
            )
        except sqlite3.IntegrityError:
            raise TagError(f"A tag named “{name}” already exists.") from None
        _log(store, cursor.lastrowid, "created", name)
    return Changes(tags=True, created=cursor.lastrowid)


def ensure_tags(store: Store, names: list[str]) -> tuple[list[int], Changes]:
    """The ids of tags with these names, creating those that do not exist yet."""
    ids, changes = [], Changes()
    with store.write():
        for name in names:
            existing = find_tag(store, name)
            if existing:
                ids.append(existing.id)
            else:
                created = create_tag(store, name)
                ids.append(created.created)
                changes |= created
    return ids, changes


def rename_tag(store: Store, tag_id: int, name: str) -> Changes:
    name = _clean_name(name)
    try:
        _update(store, tag_id, "name", name)
    except sqlite3.IntegrityError:
        raise TagError(f"A tag named “{name}” already exists.") from None
    return _affected(store, tag_id)


def recolour_tag(store: Store, tag_id: int, colour: str) -> Changes:
    _update(store, tag_id, "colour", _check_colour(colour))
    return _affected(store, tag_id)


def describe_tag(store: Store, tag_id: int, description: str) -> Changes:
    _update(store, tag_id, "description", description)
    return Changes(tags=True)


def move_tag(store: Store, tag_id: int, parent_id: int | None) -> Changes:
    """Nest a tag under another (or at the top with ``None``); refuses to make a cycle."""
    if parent_id is not None and (parent_id == tag_id or parent_id in descendants(store, tag_id)):
        raise TagError("A tag cannot be nested inside itself or one of its own sub-tags.")
    _update(store, tag_id, "parent_id", parent_id)
    return Changes(tags=True)


def descendants(store: Store, tag_id: int) -> set[int]:
    """Ids of every tag below this one in the hierarchy (not the tag itself).

    >>> from store.db import Store
    >>> store = Store(":memory:")
    >>> balkans = create_tag(store, "Western Balkans").created
    >>> kosovo = create_tag(store, "Kosovo", parent_id=balkans).created
    >>> serbia = create_tag(store, "Serbia", parent_id=kosovo).created
    >>> descendants(store, balkans) == {kosovo, serbia}, descendants(store, serbia)
    (True, set())
    """
    rows = store.conn.execute(
        """WITH RECURSIVE below(id) AS (
               SELECT id FROM tags WHERE parent_id = ?
               UNION SELECT tags.id FROM tags JOIN below ON tags.parent_id = below.id)
           SELECT id FROM below""",
        (tag_id,),
    )
    return {row[0] for row in rows}


def snapshot_tag(store: Store, tag_id: int) -> TagSnapshot:
    tag = get_tag(store, tag_id)
    if tag is None:
        raise TagError(f"There is no tag with id {tag_id}.")
    highlight_ids = tuple(
        row[0]
        for row in store.conn.execute(
            "SELECT highlight_id FROM highlight_tags WHERE tag_id = ?", (tag_id,)
        )
    )
    child_ids = tuple(
        row[0] for row in store.conn.execute("SELECT id FROM tags WHERE parent_id = ?", (tag_id,))
    )
    return TagSnapshot(tag, highlight_ids, child_ids)


def merge_tags(store: Store, source_id: int, target_id: int) -> Changes:
    """Move every use of ``source`` onto ``target``, re-parent its sub-tags, delete it."""
    if source_id == target_id:
        raise TagError("A tag cannot be merged into itself.")
    if target_id in descendants(store, source_id):
        raise TagError("A tag cannot be merged into one of its own sub-tags.")
    releases = _releases_carrying(store, source_id)
    with store.write() as conn:
        _require(conn, target_id)
        conn.execute(
            "INSERT OR IGNORE INTO highlight_tags(highlight_id, tag_id) "
            "SELECT highlight_id, ? FROM highlight_tags WHERE tag_id = ?",
            (target_id, source_id),
        )
        conn.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", (target_id, source_id))
        conn.execute("DELETE FROM tags WHERE id = ?", (source_id,))
        _log(store, source_id, "merged", str(target_id))
    return Changes(tags=True, highlights=releases)


def undo_merge(
    store: Store, source: TagSnapshot, target_id: int, target_before: frozenset[int]
) -> Changes:
    """Undo :func:`merge_tags`: bring ``source`` back with its links and sub-tags, and take
    off ``target`` exactly the links the merge added, in one transaction.

    ``target_before`` holds the highlights that carried the target before the merge: those
    that carried both keep both.
    """
    added = sorted(set(source.highlight_ids) - target_before)
    with store.write() as conn:
        changes = restore_tag(store, source)
        conn.executemany(
            "DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = ?",
            [(highlight_id, target_id) for highlight_id in added],
        )
        stamp = now_iso()
        conn.executemany(
            "UPDATE highlights SET updated_at = ? WHERE id = ?",
            [(stamp, highlight_id) for highlight_id in added],
        )
    return changes | Changes(tags=True, highlights=_releases_carrying(store, target_id))


def delete_tag(store: Store, tag_id: int) -> Changes:
    """Remove a tag from the codebook and from every highlight; its sub-tags move up a level.

    Highlights themselves stay, even when this was their only tag.
    """
    releases = _releases_carrying(store, tag_id)
    with store.write() as conn:
        parent = _require(conn, tag_id)
        conn.execute("UPDATE tags SET parent_id = ? WHERE parent_id = ?", (parent, tag_id))
        conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        _log(store, tag_id, "deleted")
    return Changes(tags=True, highlights=releases)


def restore_tag(store: Store, snapshot: TagSnapshot) -> Changes:
    """Bring back a deleted or merged tag with its id, links and sub-tags (undo)."""
    tag = snapshot.tag
    with store.write() as conn:
        conn.execute(
            "INSERT INTO tags(id, name, colour, parent_id, description, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (tag.id, tag.name, tag.colour, tag.parent_id, tag.description, now_iso()),
        )
        conn.executemany(
            "INSERT OR IGNORE INTO highlight_tags(highlight_id, tag_id) "
            "SELECT ?, ? WHERE EXISTS (SELECT 1 FROM highlights WHERE id = ?)",
            [(hid, tag.id, hid) for hid in snapshot.highlight_ids],
        )
        conn.executemany(
            "UPDATE tags SET parent_id = ? WHERE id = ?",
            [(tag.id, child) for child in snapshot.child_ids],
        )
        _log(store, tag.id, "restored", tag.name)
    return Changes(tags=True, highlights=_releases_carrying(store, tag.id))


def tag_usage(store: Store, tag_id: int) -> int:
    """How many highlights (anchored or orphaned) carry this tag."""
    row = store.conn.execute("SELECT count(*) FROM highlight_tags WHERE tag_id = ?", (tag_id,))
    return row.fetchone()[0]


def _releases_carrying(store: Store, tag_id: int) -> frozenset[int]:
    rows = store.conn.execute(
        "SELECT DISTINCT h.release_id FROM highlight_tags ht "
        "JOIN highlights h ON h.id = ht.highlight_id WHERE ht.tag_id = ?",
        (tag_id,),
    )
    return frozenset(row[0] for row in rows)


def _affected(store: Store, tag_id: int) -> Changes:
    return Changes(tags=True, highlights=_releases_carrying(store, tag_id))


# What changing each column of a tag is called in the codebook's log.
_CHANGE_OF = {
    "name": "renamed",
    "colour": "recoloured",
    "description": "described",
    "parent_id": "nested",
}


def _update(store: Store, tag_id: int, column: str, value: object) -> None:
    with store.write() as conn:
        _require(conn, tag_id)
        conn.execute(f"UPDATE tags SET {column} = ? WHERE id = ?", (value, tag_id))
        _log(store, tag_id, _CHANGE_OF[column], "" if value is None else str(value))


def _log(store: Store, tag_id: int, change: str, detail: str = "") -> None:
    """Note a change to the codebook with the session's coder (inside the change's own
    transaction, so that the log and the codebook never disagree)."""
    store.conn.execute(
        "INSERT INTO codebook_changes(tag_id, change, detail, coder, at) VALUES (?, ?, ?, ?, ?)",
        (tag_id, change, detail, store.coder, now_iso()),
    )


def _require(conn: sqlite3.Connection, tag_id: int) -> int | None:
    row = conn.execute("SELECT parent_id FROM tags WHERE id = ?", (tag_id,)).fetchone()
    if row is None:
        raise TagError(f"There is no tag with id {tag_id}.")
    return row[0]


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise TagError("A tag needs a name.")
    return name


def _check_colour(colour: str) -> str:
    if not _COLOUR.match(colour):
        raise TagError(f"“{colour}” is not a colour of the form #RRGGBB.")
    return colour.lower()


def _next_colour(conn: sqlite3.Connection) -> str:
    used = {row[0] for row in conn.execute("SELECT DISTINCT colour FROM tags")}
    count = conn.execute("SELECT count(*) FROM tags").fetchone()[0]
    return next((c for c in PALETTE if c not in used), PALETTE[count % len(PALETTE)])
