"""Releases, highlights and codebook changes written as the program wrote them before
issuers (schema 7 and older) and coders, for the tests of upgrading an older store: today's
writes fill columns and tables an older schema lacks."""

from __future__ import annotations

import re
import sqlite3

import pytest

import store.tags
from store.anchoring import selector_for
from store.canonical import canonical_text
from store.db import Store, now_iso
from store.highlights import HighlightError, reanchor_release
from store.parsed import ParsedRelease
from store.release_saving import content_hash, release_identity
from store.schema import MIGRATIONS


def save_before_issuers(store: Store, parsed: ParsedRelease, origin_file: str | None) -> int:
    """Add the release, or give the one of its identity this text (its highlights placed
    again), with the columns of schema 7; its id."""
    identity, text, stamp = (
        release_identity(parsed),
        canonical_text(parsed.body_markdown),
        now_iso(),
    )
    values = (parsed.title, parsed.date, parsed.source, parsed.url, parsed.language)
    values += (parsed.body_markdown, text, content_hash(parsed), origin_file)
    with store.write() as conn:
        row = conn.execute("SELECT id FROM releases WHERE identity = ?", (identity,)).fetchone()
        if row is None:
            release_id = conn.execute(
                "INSERT INTO releases(title, date, source, url, language, body_markdown, text, "
                "content_hash, origin_file, identity, imported_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (*values, identity, stamp, stamp),
            ).lastrowid
        else:
            release_id = row[0]
            conn.execute(
                "UPDATE releases SET title = ?, date = ?, source = ?, url = ?, language = ?, "
                "body_markdown = ?, text = ?, content_hash = ?, origin_file = ?, updated_at = ? "
                "WHERE id = ?",
                (*values, stamp, release_id),
            )
            reanchor_release(store, release_id, text)
        conn.execute(
            "INSERT OR REPLACE INTO originals(release_id, format, raw, origin_file) "
            "VALUES (?, ?, ?, ?)",
            (release_id, parsed.raw_format, parsed.raw, origin_file),
        )
    return release_id


_CREATED = re.compile(
    r"^\s*CREATE\s+(?:VIRTUAL\s+)?(TABLE|INDEX|TRIGGER|VIEW)\s+(?:IF NOT EXISTS\s+)?(\w+)", re.I
)
_ADDED_COLUMN = re.compile(r"^\s*ALTER\s+TABLE\s+(\w+)\s+ADD\s+COLUMN\s+(\w+)", re.I)


def as_of_version(conn: sqlite3.Connection, version: int) -> None:
    """Make a current store look as schema ``version`` left it: what every later migration
    created is dropped (tables, indexes, triggers, views, added columns) and
    ``user_version`` set back, so that opening it runs those migrations again, whatever
    migrations come after the one a test is about."""
    for statements in reversed(MIGRATIONS[version:]):
        for statement in reversed(statements):
            created, added = _CREATED.match(statement), _ADDED_COLUMN.match(statement)
            if created:
                conn.execute(f"DROP {created.group(1)} IF EXISTS {created.group(2)}")
            elif added:
                conn.execute(f"ALTER TABLE {added.group(1)} DROP COLUMN {added.group(2)}")
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()


def highlight_before_coders(
    store: Store, release_id: int, start: int, end: int, tag_ids: list[int]
) -> None:
    """Highlight ``text[start:end]`` with the columns a highlight had before coders."""
    with store.write() as conn:
        (text,) = conn.execute("SELECT text FROM releases WHERE id = ?", (release_id,)).fetchone()
        selector, stamp = selector_for(text, start, end), now_iso()
        if not selector.quote.strip():
            raise HighlightError("A highlight needs at least one visible character.")
        highlight_id = conn.execute(
            'INSERT INTO highlights(release_id, start, "end", quote, prefix, suffix, '
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (release_id, start, end, selector.quote, selector.prefix, selector.suffix)
            + (stamp, stamp),
        ).lastrowid
        conn.executemany(
            "INSERT INTO highlight_tags(highlight_id, tag_id) VALUES (?, ?)",
            [(highlight_id, tag_id) for tag_id in tag_ids],
        )


def codebook_before_coders(monkeypatch: pytest.MonkeyPatch) -> None:
    """Change the codebook as before coders: no log of who changed what."""
    monkeypatch.setattr(store.tags, "_log", lambda *_args, **_kwargs: None)
