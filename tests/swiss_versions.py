"""Language versions of real Swiss federal releases (../shared/corpus/swiss-news), written as
a JSON Lines file an analyst would import: the service's message id, the truth of which
versions are one statement, is left out so that only the detector can group them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CORPUS

SWISS_NEWS = CORPUS / "swiss-news" / "releases.jsonl"


def swiss_records(messages: int, skip: int = 0) -> list[dict]:
    """Every version of ``messages`` messages (after the first ``skip``), in file order."""
    records = [json.loads(line) for line in SWISS_NEWS.read_text().splitlines() if line]
    wanted = list(dict.fromkeys(r["message"] for r in records))[skip : skip + messages]
    return [r for r in records if r["message"] in wanted]


def write_without_truth(records: list[dict], path: Path) -> Path:
    """The records as JSON Lines without ``message`` (nor the keywords)."""
    hidden = [{k: v for k, v in r.items() if k not in ("message", "keywords")} for r in records]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in hidden))
    return path


def versions_by_message(store, records: list[dict]) -> dict[str, set[int]]:
    """The release ids of each message's versions, found by language and title."""
    ids = {
        (row[1], row[2]): row[0]
        for row in store.conn.execute("SELECT id, language, title FROM releases")
    }
    found: dict[str, set[int]] = {}
    for record in records:
        key = (record["language"], " ".join(record["title"].split()))
        found.setdefault(record["message"], set()).add(ids[key])
    return found
