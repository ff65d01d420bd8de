"""Merging a colleague's store into this one: their releases, topics and highlights.

Each analyst codes in a store of their own (a SQLite file shared over a network drive is
not safe); the team's work comes together by merging. The other store is only read — an
older one is upgraded in a temporary copy, never in place.

- **Releases** are matched by identity, else by content (the same content hash under
  another identity); a release matched by identity whose text differs keeps ours, and the
  difference is listed. New releases are saved as an import saves them (issuer, language,
  countries, fingerprints).
- **Topics** are matched by name (names are unique in a codebook), new ones created under
  their parent with their colour and description. A topic nested under another parent, a
  colour or description that differs, a topic renamed on their side (their codebook log
  says what it was created as) is listed, not taken: ours stays.
- **Highlights** are matched by release, offsets and coder: never duplicated (merging twice
  adds nothing), never dropped — a topic or note they add to a highlight we both hold is
  added (notes, when they differ, listed and ours kept); a highlight on a release whose text
  differs is placed on ours by its quote, or listed when its words are not there.

All of it is one transaction, and :func:`undo_merge` takes exactly what it added away.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from store.anchoring import Selector, reanchor
from store.changes import Changes
from store.db import Store, StoreError, stored_schema_version
from store.files import is_store_file
from store.issuers import IssuerResolver
from store.parsed import ParsedRelease
from store.release_saving import content_hash, insert_new_releases
from store.schema import SCHEMA_VERSION
from store.tags import create_tag, find_tag, get_tag
from store.text_facts import TextFacts

Progress = Callable[[int, int], None]
RELEASES_PER_BATCH = 1000  # of theirs, matched by one query and inserted by a few


class MergeError(StoreError):
    """A store that cannot be merged; the message names the file and says why."""


class _RolledBack(Exception):
    """Ends a preview's transaction, rolling back everything it wrote."""


@dataclass(frozen=True)
class Conflict:
    """Something the two stores hold differently, listed rather than silently taken."""

    kind: str  # "release-text", "topic-parent", "topic-colour", "topic-description",
    # "topic-renamed", "note", "highlight-lost"
    message: str


@dataclass
class MergeResult:
    """What a merge added (by id, so that it can be undone) and what it did not take."""

    releases_added: list[int] = field(default_factory=list)
    releases_matched: int = 0
    highlights_added: list[int] = field(default_factory=list)
    tags_added: list[int] = field(default_factory=list)
    links_added: list[tuple[int, int]] = field(default_factory=list)  # (highlight, tag)
    notes_added: list[int] = field(default_factory=list)  # highlights whose empty note got theirs
    highlights_by_coder: dict[str, int] = field(default_factory=dict)  # coder → added
    topic_names_added: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)

    @property
    def adds_nothing(self) -> bool:
        return not (self.releases_added or self.highlights_added or self.tags_added) and not (
            self.links_added or self.notes_added
        )


def merge_store(
    store: Store, other_path: str | os.PathLike[str], progress: Progress | None = None
) -> MergeResult:
    """Merge the store at ``other_path`` into ``store`` in one transaction."""
    with _readable(store, Path(other_path)) as other:
        with store.write():
            merging = _Merging(store, other, Path(other_path))
            merging.topics()
            merging.releases(progress)
        return merging.result


def preview_merge(
    store: Store, other_path: str | os.PathLike[str], progress: Progress | None = None
) -> MergeResult:
    """What :func:`merge_store` would add and list, with nothing written (it runs, then
    rolls back)."""
    with _readable(store, Path(other_path)) as other:
        merging = _Merging(store, other, Path(other_path))
        try:
            with store.write():
                merging.topics()
                merging.releases(progress)
                raise _RolledBack
        except _RolledBack:
            pass
    result = merging.result
    result.changes = Changes()
    return result


def undo_merge(store: Store, result: MergeResult) -> Changes:
    """Take away exactly what a merge added (its releases, highlights, topics and links)."""
    with store.write() as conn:
        conn.executemany(
            "DELETE FROM highlight_tags WHERE highlight_id = ? AND tag_id = ?", result.links_added
        )
        conn.executemany(
            "UPDATE highlights SET note = '' WHERE id = ?", [(i,) for i in result.notes_added]
        )
        conn.executemany(
            "DELETE FROM highlights WHERE id = ?", [(i,) for i in result.highlights_added]
        )
        conn.executemany("DELETE FROM releases WHERE id = ?", [(i,) for i in result.releases_added])
        conn.executemany("DELETE FROM tags WHERE id = ?", [(i,) for i in result.tags_added])
    return result.changes | Changes(elsewhere=True)


@contextmanager
def _readable(store: Store, path: Path) -> Iterator[sqlite3.Connection]:
    """The other store, read-only, at this program's schema (an older one upgraded in a
    temporary copy)."""
    if not path.is_file():
        raise MergeError(f"{path} is not a file; name a colleague's store (.db).")
    if store.path is not None and is_store_file(store.path, path):
        raise MergeError(f"{path} is the store itself; name a colleague's store to merge.")
    try:
        version = stored_schema_version(path)
    except StoreError as error:
        raise MergeError(str(error)) from None
    if not version:
        raise MergeError(f"{path} is not a Communiqué Desk store.")
    if version > SCHEMA_VERSION:
        raise MergeError(
            f"{path} was written by a newer version of Communiqué Desk (schema {version}); "
            "update the program to merge it."
        )
    folder = None
    if version < SCHEMA_VERSION:
        folder = Path(tempfile.mkdtemp(prefix="communique-merge-"))
        copy = folder / path.name
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            target = sqlite3.connect(copy)
            source.backup(target)
            target.close()
        finally:
            source.close()
        Store(copy).close()  # upgraded in the copy: the colleague's file stays as it was
        path = copy
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


class _Merging:
    def __init__(self, store: Store, other: sqlite3.Connection, path: Path) -> None:
        self.store, self.other, self.path = store, other, path
        self.result = MergeResult()
        self.tag_of: dict[int, int] = {}  # their tag id → ours
        self._highlighted: set[int] = set()  # their releases with highlights to merge
        self._changed_highlights: set[int] = set()  # our releases whose highlights changed
        self._tags_changed = False
        self._added_digests: set[str] = set()  # content hashes of the releases added

    # -- the codebook ------------------------------------------------------------------------

    def topics(self) -> None:
        rows = self.other.execute(
            "SELECT id, name, colour, parent_id, description FROM tags"
        ).fetchall()
        theirs = {row[0]: row for row in rows}
        created_as: dict[int, str] = {}  # their tag id → the name it was created with
        for tag_id, name in self.other.execute(
            "SELECT tag_id, detail FROM codebook_changes WHERE change = 'created' ORDER BY id"
        ):
            created_as.setdefault(tag_id, name)
        depth = {}

        def depth_of(tag_id: int) -> int:
            if tag_id not in depth:
                parent = theirs[tag_id][3]
                depth[tag_id] = 0 if parent not in theirs else depth_of(parent) + 1
            return depth[tag_id]

        for tag_id in sorted(theirs, key=depth_of):  # parents before their sub-topics
            self._topic(theirs[tag_id], theirs, created_as.get(tag_id))

    def _topic(self, row: tuple, theirs: dict[int, tuple], first_name: str | None) -> None:
        their_id, name, colour, parent_id, description = row
        ours = find_tag(self.store, name)
        if ours is None and first_name and first_name != name:
            ours = find_tag(self.store, first_name)
            if ours is not None:
                self._conflict(
                    "topic-renamed",
                    f"“{first_name}” was renamed “{name}” in {self.path.name}; kept “{ours.name}”.",
                )
        if ours is None:
            parent = self.tag_of.get(parent_id)
            made = create_tag(self.store, name, colour, parent, description)
            self.tag_of[their_id] = made.created
            self.result.tags_added.append(made.created)
            self.result.topic_names_added.append(name)
            self.result.changes |= made
            return
        self.tag_of[their_id] = ours.id
        their_parent = theirs[parent_id][1] if parent_id in theirs else None
        our_parent = get_tag(self.store, ours.parent_id).name if ours.parent_id else None
        if (their_parent or "").casefold() != (our_parent or "").casefold():
            self._conflict(
                "topic-parent",
                f"“{ours.name}” is under “{their_parent or 'the top'}” in {self.path.name}, "
                f"under “{our_parent or 'the top'}” here; kept here.",
            )
        if colour.casefold() != ours.colour.casefold():
            self._conflict(
                "topic-colour",
                f"“{ours.name}” is {colour} in {self.path.name}, {ours.colour} here; kept here.",
            )
        if description != ours.description:
            self._conflict(
                "topic-description",
                f"“{ours.name}” is described differently in {self.path.name}; kept here.",
            )

    # -- releases and their highlights -------------------------------------------------------

    def releases(self, progress: Progress | None) -> None:
        """Their releases a batch at a time: matched in one query per batch, the new ones
        inserted in a few statements with the text, countries and fingerprints their store
        derived (the same program derived them: nothing to compute again)."""
        resolver = IssuerResolver(self.store.conn)
        (total,) = self.other.execute("SELECT count(*) FROM releases").fetchone()
        self._highlighted = {
            row[0]
            for row in self.other.execute(
                "SELECT DISTINCT release_id FROM highlights WHERE orphaned = 0"
            )
        }
        rows = self.other.execute(
            """SELECT r.id, r.identity, r.content_hash, r.title, r.body_markdown, r.date,
                      r.source, r.url, r.language, r.text,
                      (SELECT name FROM issuers WHERE id = r.issuer_id), r.speaker,
                      o.raw, o.format
               FROM releases r LEFT JOIN originals o ON o.release_id = r.id ORDER BY r.id"""
        )
        done = 0
        while batch := rows.fetchmany(RELEASES_PER_BATCH):
            self._release_batch(batch, resolver)
            done += len(batch)
            if progress:
                progress(done, total)
        if progress:
            progress(total, total)
        self.result.changes |= Changes(
            releases=frozenset(self.result.releases_added),
            highlights=frozenset(self._changed_highlights),
            tags=self._tags_changed,
        )
        (lost,) = self.other.execute(
            "SELECT count(*) FROM highlights WHERE orphaned = 1"
        ).fetchone()
        if lost:
            self._conflict(
                "highlight-lost",
                f"{lost} highlight(s) had lost their place in {self.path.name} (their text was "
                "revised); left out — communique orphans there lists them.",
            )

    def _release_batch(self, batch: list[tuple], resolver: IssuerResolver) -> None:
        conn = self.store.conn
        by_identity = _rows_by(conn, "identity", [row[1] for row in batch])
        # Content is matched by the hash this store gives a release's fields (what it
        # stored for each release it saved), not by the one their store kept.
        parsed_of: dict[int, ParsedRelease] = {}
        digest_of: dict[int, str] = {}
        for row in batch:
            if row[1] not in by_identity:
                their_id, identity, _, *fields, _, issuer, speaker, raw, raw_format = row
                title, body, date, source, url, language = fields
                parsed = ParsedRelease(
                    title, body, date, source, url, language, identity, raw or "",
                    raw_format or "", issuer=issuer, speaker=speaker,
                )  # fmt: skip
                parsed_of[their_id], digest_of[their_id] = parsed, content_hash(parsed)
        by_digest = _rows_by(conn, "content_hash", list(digest_of.values()))
        placed: list[tuple[tuple, tuple[int, str] | None]] = []  # their row, (our id, text)
        new: list[tuple[ParsedRelease, TextFacts | None, str]] = []
        new_rows: list[tuple] = []
        for row in batch:
            their_id, identity, title, text = row[0], row[1], row[3], row[9]
            digest = digest_of.get(their_id)
            ours = by_identity.get(identity) or by_digest.get(digest)
            if ours is None and digest in self._added_digests:
                self.result.releases_matched += 1  # their twin of a release just added
                placed.append((row, None))
                continue
            if ours is None:
                self._added_digests.add(digest)
                new.append((parsed_of[their_id], None, identity))
                new_rows.append(row)
                placed.append((row, None))
                continue
            self.result.releases_matched += 1
            if ours[1] != text:
                self._conflict(
                    "release-text",
                    f"“{title}” has another text in {self.path.name}; kept this "
                    "store's, and placed their highlights on it by their quotes.",
                )
            placed.append((row, ours))
        added: dict[str, tuple[int, str]] = {}
        if new:
            facts = self._their_facts(new_rows)
            new = [(parsed, facts[row[0]], identity) for (parsed, _, identity), row in zip(
                new, new_rows, strict=True
            )]  # fmt: skip
            ids = insert_new_releases(conn, new, f"merged from {self.path}", resolver)
            self.result.releases_added += ids
            for row, release_id in zip(new_rows, ids, strict=True):
                added[digest_of[row[0]]] = (release_id, row[9])
        for row, ours in placed:
            if row[0] not in self._highlighted:
                continue
            ours = ours or added[digest_of[row[0]]]
            self._highlights(row[0], ours[0], ours[1], row[9], row[3])

    def _their_facts(self, rows: list[tuple]) -> dict[int, TextFacts]:
        """What their store derived from each of these releases' texts, by their id."""
        ids = json.dumps([row[0] for row in rows])
        countries: dict[int, list[str]] = {}
        for release_id, country in self.other.execute(
            "SELECT release_id, country FROM release_countries "
            "WHERE release_id IN (SELECT value FROM json_each(?))",
            (ids,),
        ):
            countries.setdefault(release_id, []).append(country)
        prints: dict[int, list[int]] = {}
        for release_id, hash_ in self.other.execute(
            "SELECT release_id, hash FROM release_fingerprints "
            "WHERE release_id IN (SELECT value FROM json_each(?))",
            (ids,),
        ):
            prints.setdefault(release_id, []).append(hash_)
        return {
            row[0]: TextFacts(
                row[9], None, tuple(countries.get(row[0], ())), tuple(prints.get(row[0], ()))
            )
            for row in rows
        }

    def _highlights(
        self, their_release: int, release_id: int, our_text: str, their_text: str, title: str
    ) -> None:
        conn = self.store.conn
        theirs = self.other.execute(
            'SELECT id, start, "end", quote, prefix, suffix, note, created_at, coder '
            "FROM highlights WHERE release_id = ? AND orphaned = 0",
            (their_release,),
        ).fetchall()
        if not theirs:
            return
        links: dict[int, list[int]] = {}
        for highlight_id, tag_id in self.other.execute(
            "SELECT ht.highlight_id, ht.tag_id FROM highlight_tags ht JOIN highlights h "
            "ON h.id = ht.highlight_id WHERE h.release_id = ?",
            (their_release,),
        ):
            links.setdefault(highlight_id, []).append(self.tag_of[tag_id])
        for their_id, start, end, quote, prefix, suffix, note, created_at, coder in theirs:
            if our_text != their_text:
                placed = reanchor(our_text, Selector(start, end, quote, prefix, suffix), their_text)
                if placed is None:
                    self._conflict(
                        "highlight-lost",
                        f"{coder or 'An unnamed coder'}'s highlight “{quote[:60]}” in “{title}” "
                        "is not in this store's text; left out.",
                    )
                    continue
                start, end, quote = placed.start, placed.end, placed.quote
                prefix, suffix = placed.prefix, placed.suffix
            tags = links.get(their_id, [])
            same = conn.execute(
                'SELECT id, note FROM highlights WHERE release_id = ? AND start = ? AND "end" = ? '
                "AND coder = ? AND orphaned = 0",
                (release_id, start, end, coder),
            ).fetchone()
            if same is None:
                cursor = conn.execute(
                    'INSERT INTO highlights(release_id, start, "end", quote, prefix, suffix, '
                    "note, created_at, updated_at, coder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (release_id, start, end, quote, prefix, suffix, note, created_at)
                    + (created_at, coder),
                )
                highlight_id = cursor.lastrowid
                self.result.highlights_added.append(highlight_id)
                by_coder = self.result.highlights_by_coder
                by_coder[coder] = by_coder.get(coder, 0) + 1
                have: set[int] = set()
            else:
                highlight_id, our_note = same
                have = {
                    row[0]
                    for row in conn.execute(
                        "SELECT tag_id FROM highlight_tags WHERE highlight_id = ?", (highlight_id,)
                    )
                }
                if note and not our_note:
                    conn.execute(
                        "UPDATE highlights SET note = ? WHERE id = ?", (note, highlight_id)
                    )
                    self.result.notes_added.append(highlight_id)
                elif note and note != our_note:
                    self._conflict(
                        "note",
                        f"The note on {coder or 'an unnamed coder'}'s highlight “{quote[:60]}” "
                        f"differs in {self.path.name}; kept this store's.",
                    )
            for tag_id in dict.fromkeys(tags):
                if tag_id not in have:
                    conn.execute(
                        "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)",
                        (highlight_id, tag_id),
                    )
                    if same is not None:
                        self.result.links_added.append((highlight_id, tag_id))
            self._changed_highlights.add(release_id)
            self._tags_changed = self._tags_changed or bool(tags)

    def _conflict(self, kind: str, message: str) -> None:
        self.result.conflicts.append(Conflict(kind, message))


def _rows_by(conn: sqlite3.Connection, column: str, values: list[str]) -> dict[str, tuple]:
    """Our releases whose ``column`` is one of ``values``: value → (id, text), the first
    release by id where several share it."""
    found: dict[str, tuple] = {}
    if values:
        for value, release_id, text in conn.execute(
            f"SELECT {column}, id, text FROM releases "
            f"WHERE {column} IN (SELECT value FROM json_each(?)) ORDER BY id",
            (json.dumps(values),),
        ):
            found.setdefault(value, (release_id, text))
    return found
