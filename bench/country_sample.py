"""The hand-checked sample of countries mentioned: which releases, and their texts.

``bench/data/countries_sample.json`` names each release by where it is in the shared
corpus (``corpus`` and ``id``), its language, its part (``tuning`` or ``held-out``) and the
codes a reader found in it; the texts are read from the corpus, not copied:

- ``state-dept``: the release of that guid, from the feed snapshot the manifest says it was
  last seen in, as the importer parses it (title, then the body's canonical text);
- ``ep``: ``ep-pages/<id>.body.txt`` as it is;
- ``swiss``: the release of that message and language (title, then the body without tags).
"""

from __future__ import annotations

import functools
import html
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from store.canonical import canonical_text  # noqa: E402
from store.ingest.feeds import parse_feed  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "shared/corpus"
SAMPLE = Path(__file__).resolve().parent / "data/countries_sample.json"
_TAG = re.compile(r"<[^>]+>")


def sample() -> list[dict]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["releases"]


def text_of(entry: dict, corpus: Path = CORPUS) -> str:
    if entry["corpus"] == "state-dept":
        return _state_dept_text(entry["id"], corpus)
    if entry["corpus"] == "ep":
        return (corpus / "ep-pages" / f"{entry['id']}.body.txt").read_text(encoding="utf-8")
    if entry["corpus"] == "swiss":
        message, language = entry["id"].split("/")
        release = _swiss_releases(corpus)[message, language]
        return release["title"] + "\n\n" + html.unescape(_TAG.sub(" ", release["body"]))
    raise ValueError(f"unknown corpus {entry['corpus']!r} in {SAMPLE}")


def _state_dept_text(guid: str, corpus: Path) -> str:
    folder = corpus / "state-dept-feeds"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    snapshot = folder / manifest[guid]["last_seen_in"]
    for release in parse_feed(snapshot.read_bytes(), snapshot.name):
        if release.identity == guid:
            return release.title + "\n\n" + canonical_text(release.body_markdown)
    raise ValueError(f"{guid} is not in {snapshot}")


@functools.cache
def _swiss_releases(corpus: Path) -> dict[tuple[str, str], dict]:
    releases = {}
    with (corpus / "swiss-news/releases.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            release = json.loads(line)
            releases[release["message"], release["language"]] = release
    return releases
