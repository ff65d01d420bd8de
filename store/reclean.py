"""Cleaning releases again from their kept originals, after the cleaner has improved.

Every release keeps the record it was imported from (``originals``). Re-cleaning parses that
record again with today's parsers and saves the result as a new version of the same release,
so its highlights are placed again on the new text exactly as after a re-import: kept,
moved to where their words now are, or orphaned — never lost.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from store.changes import Changes
from store.db import Store
from store.ingest.sniff import PARSERS
from store.parsed import ParsedRelease, UnreadableFile
from store.release_saving import save_release
from store.releases import get_release

_ATOM = "http://www.w3.org/2005/Atom"


def reparse_original(raw_format: str, raw: str) -> list[ParsedRelease]:
    """Parse one kept original the way its file was parsed when it was imported."""
    if raw_format == "rss":
        document, kind, name = f'<rss version="2.0"><channel>{raw}</channel></rss>', "feed", "x.rss"
    elif raw_format == "atom":
        document, kind, name = f'<feed xmlns="{_ATOM}">{raw}</feed>', "feed", "x.atom"
    elif raw_format in ("json", "csv"):
        document, kind, name = f"[{raw}]", "json", "x.json"  # the record, kept as JSON
    elif raw_format in ("page-text", "html", "markdown"):
        suffix = {"page-text": "txt", "html": "html", "markdown": "md"}[raw_format]
        document, kind, name = raw, raw_format, f"release.{suffix}"
    else:
        raise UnreadableFile(f"its original ({raw_format or 'unknown'}) cannot be cleaned again")
    if not raw.strip():
        raise UnreadableFile("no original was kept for it")
    releases, _problems = PARSERS[kind](document.encode("utf-8"), name)
    return releases


@dataclass
class RecleanSummary:
    updated: int = 0
    unchanged: int = 0
    orphaned: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def reclean_release(store: Store, release_id: int, summary: RecleanSummary) -> None:
    """Clean one release again; what happened is added to ``summary``."""
    row = store.conn.execute(
        "SELECT r.identity, o.format, o.raw, o.origin_file FROM releases r "
        "JOIN originals o ON o.release_id = r.id WHERE r.id = ?",
        (release_id,),
    ).fetchone()
    if row is None:
        summary.skipped.append((release_id, "no such release, or no original was kept for it"))
        return
    identity, raw_format, raw, origin_file = row
    try:
        parsed = reparse_original(raw_format, raw)
    except UnreadableFile as error:
        summary.skipped.append((release_id, str(error)))
        return
    if len(parsed) != 1:
        summary.skipped.append((release_id, "its original no longer reads as one release"))
        return
    current = get_release(store, release_id)
    (issuer_given,) = store.conn.execute(
        "SELECT issuer_given FROM releases WHERE id = ?", (release_id,)
    ).fetchone()
    # Metadata the original alone cannot give (a feed's channel name and language) stays;
    # a language the detector found is found again, not kept as if the input gave it.
    cleaned = replace(
        parsed[0],
        source=parsed[0].source or current.source,
        language=parsed[0].language or _given_language(store, release_id),
        date=parsed[0].date or current.date,
        url=parsed[0].url or current.url,
        issuer=parsed[0].issuer or issuer_given,
    )
    result = save_release(store, cleaned, origin_file, identity=identity)
    if result.outcome == "updated":
        summary.updated += 1
        summary.orphaned += result.orphaned
        summary.changes |= result.changes
    else:
        summary.unchanged += 1


def _given_language(store: Store, release_id: int) -> str | None:
    row = store.conn.execute(
        "SELECT language FROM releases WHERE id = ? AND language_origin = 'source'",
        (release_id,),
    ).fetchone()
    return row[0] if row else None


def reclean(
    store: Store,
    release_ids: list[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RecleanSummary:
    """Clean the given releases (all when None) again from their originals."""
    if release_ids is None:
        release_ids = [row[0] for row in store.conn.execute("SELECT id FROM releases ORDER BY id")]
    summary = RecleanSummary()
    for done, release_id in enumerate(release_ids):
        if progress:
            progress(done, len(release_ids))
        reclean_release(store, release_id, summary)
    return summary
