"""A followed folder: its new and changed files imported through the import pipeline.

Each file's size, modification time and content hash are kept (``subscription_files``): a
file whose size and time are as before is not read; one whose content hash is as before
is not imported again (a copy that kept its bytes, a ``touch``). A file and its note are
saved in one transaction, so a pass stopped half-way imports the rest next time. A file
that cannot be imported is noted too (and named in the subscription's sentence), and tried
again when it changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from store.db import Store
from store.fetch.errors import FetchError
from store.fetch.fetched import Fetched
from store.fetch.outcomes import FetchOutcome
from store.fetch.saving import problems_sentence, remember_releases, save_fetched
from store.imports.pipeline import collect_files, import_paths
from store.subscriptions import Subscription

_HASH_CHUNK = 1024 * 1024


def fetch_folder(
    store: Store, subscription: Subscription, cancelled: Callable[[], bool] | None = None
) -> FetchOutcome:
    """Import the folder's new and changed files; raises FetchError when the folder is gone."""
    folder = Path(subscription.url)
    if not folder.is_dir():
        raise FetchError(f"The folder {folder} is not there any more.")
    files, _ = collect_files([folder])
    held = {
        path: (size, mtime_ns, digest)
        for path, size, mtime_ns, digest in store.conn.execute(
            "SELECT path, size, mtime_ns, content_hash FROM subscription_files "
            "WHERE subscription_id = ?",
            (subscription.id,),
        )
    }
    imported, updated, new_ids, problems = 0, 0, [], []
    for path in files:
        if cancelled and cancelled():
            break
        try:
            stat = path.stat()
        except OSError:  # gone since the folder was listed
            continue
        before = held.get(str(path))
        if before is not None and before[:2] == (stat.st_size, stat.st_mtime_ns):
            continue
        digest = _content_hash(path)
        if digest is None:
            continue
        with store.write() as conn:
            if before is None or before[2] != digest:
                summary = import_paths(
                    store, [path], default_issuer=subscription.issuer,
                    default_language=subscription.language,
                )  # fmt: skip
                problems += [f"{skipped.file}: {skipped.reason}" for skipped in summary.skipped]
                imported += summary.imported
                updated += summary.updated
                new_ids += summary.new_release_ids
                remember_releases(
                    conn, subscription.id, summary.changes.releases, summary.new_release_ids
                )
            conn.execute(
                "INSERT INTO subscription_files(subscription_id, path, size, mtime_ns, "
                "content_hash) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
                "size = excluded.size, mtime_ns = excluded.mtime_ns, "
                "content_hash = excluded.content_hash",
                (subscription.id, str(path), stat.st_size, stat.st_mtime_ns, digest),
            )
    outcome = save_fetched(store, subscription, Fetched(problems=tuple(problems)))
    return FetchOutcome(
        subscription.id, subscription.url, "ok", problems_sentence(problems) or outcome.error,
        imported=imported, updated=updated, new_release_ids=tuple(new_ids),
    )  # fmt: skip


def _content_hash(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as file:
            while chunk := file.read(_HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()
