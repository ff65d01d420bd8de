"""Statement groups the inputs state: the keys a release gives of its other language
versions (``ParsedRelease.translation_group``, ``translation_of``, ``alternates``).

Each release that gives keys keeps them in ``statement_keys``, as ``group:KEY`` (a
translation group), a release identity (``id:…``, the record it is a translation of, as
store.release_saving.release_identity makes it) or ``url:ADDRESS`` (an alternate). A release
saved joins, with origin ``source``, every release that

- gave one of the same keys (two pages listing each other's alternates, two records of one
  translation group);
- gave a key naming it (its identity, its address), whenever that one was saved;
- is named by one of its own keys (the record it is a translation of, an alternate saved
  before it).

A ``translation_of`` with a short id ("17") is read as release_identity reads ids, within
the record's source; a record of the same file with that id is found whatever its source
(the offices of a multilingual service name themselves in each language). Keys join
releases in one language as well: the input says so. A pair the analyst split is not joined
again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from store.parsed import ParsedRelease
from store.release_saving import SaveResult, release_identity
from store.statement_groups import SOURCE, merge_into_one


def declared_keys(parsed: ParsedRelease) -> list[str]:
    """The keys a release gives of its other versions."""
    keys = []
    if parsed.translation_group and parsed.translation_group.strip():
        keys.append("group:" + parsed.translation_group.strip())
    if parsed.translation_of and parsed.translation_of.strip():
        of = ParsedRelease(title="", body_markdown="", identity=parsed.translation_of)
        keys.append(release_identity(_with_source(of, parsed.source)))
    keys += [
        "url:" + url.strip()
        for url in parsed.alternates
        if url.strip().lower().startswith(("http://", "https://"))
    ]
    return list(dict.fromkeys(keys))


def _with_source(parsed: ParsedRelease, source: str | None) -> ParsedRelease:
    return ParsedRelease(
        title=parsed.title, body_markdown="", identity=parsed.identity, source=source
    )


def link_saved(
    conn: sqlite3.Connection, parsed: Sequence[ParsedRelease], results: Sequence[SaveResult]
) -> None:
    """Within the saving transaction: group the releases just saved (as parsed, and what
    saving them did) by their keys. A release already held is looked for only by the keys
    it gives: its own names met every key saved before it when it was new."""
    saved = [
        (result.release_id, release, release_identity(release))
        for release, result in zip(parsed, results, strict=True)
    ]
    new = {result.release_id for result in results if result.outcome == "imported"}
    in_file = {
        parsed.identity.strip(): release_id
        for release_id, parsed, _ in saved
        if parsed.identity and parsed.identity.strip()
    }
    for release_id, parsed, identity in saved:
        keys = declared_keys(parsed)
        if not keys and release_id not in new:
            continue
        conn.executemany(
            "INSERT OR IGNORE INTO statement_keys(key, release_id) VALUES (?, ?)",
            [(key, release_id) for key in keys],
        )
        names = [identity] + ([f"url:{parsed.url.strip()}"] if parsed.url else [])
        linked = _linked(conn, release_id, keys, names)
        of = (parsed.translation_of or "").strip()
        if of in in_file and in_file[of] != release_id:
            linked.add(in_file[of])
        linked -= _split_from(conn, release_id)
        if linked:
            merge_into_one(conn, [release_id, *sorted(linked)], SOURCE)


def _linked(
    conn: sqlite3.Connection, release_id: int, keys: list[str], names: list[str]
) -> set[int]:
    """The other releases the keys join this one with."""
    both = json.dumps(keys + names)
    urls = json.dumps([key[4:] for key in keys if key.startswith("url:")])
    rows = conn.execute(
        "SELECT release_id FROM statement_keys WHERE key IN (SELECT value FROM json_each(?)) "
        "UNION SELECT id FROM releases WHERE identity IN (SELECT value FROM json_each(?)) "
        "UNION SELECT id FROM releases WHERE url IN (SELECT value FROM json_each(?))",
        (both, json.dumps(keys), urls),
    )
    return {row[0] for row in rows} - {release_id}


def _split_from(conn: sqlite3.Connection, release_id: int) -> set[int]:
    rows = conn.execute(
        "SELECT apart_from FROM statement_splits WHERE release_id = ?", (release_id,)
    )
    return {row[0] for row in rows}
