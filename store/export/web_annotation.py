"""JSON: the excerpts as W3C Web Annotations (https://www.w3.org/TR/annotation-model/).

The file is one ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` holds
every highlight as an ``Annotation``:

* ``id``: ``urn:communique:highlight:<highlight id>``; ``created``/``modified`` in UTC.
* ``motivation``: ``highlighting``; each tag is a ``TextualBody`` with purpose ``tagging``
  whose value is the tag name, and the note a ``TextualBody`` with purpose ``commenting``.
* ``target.source``: the release's web address when it has one, else
  ``urn:communique:release:<release id>``; the release's title, issuer (its source string
  where no issuer is known), speaker, language, the countries it names and its date ride on
  the target as Dublin Core terms ``dc:title``, ``dc:publisher``, ``dc:creator``,
  ``dc:language``, ``dc:coverage`` (ISO 3166-1 alpha-2 codes) and ``dc:date`` (the ``dc``
  prefix is defined by the anno.jsonld context), and ``communique:release_id`` keeps the
  store's id for scripts.
* ``target.selector``: two alternatives for the same passage, a ``TextQuoteSelector``
  (exact, prefix, suffix) and a ``TextPositionSelector`` (start, end).

Positions count Unicode code points of the release's canonical text (the plain text the
reader shows, paragraphs separated by a blank line), not of the web page at ``source``; the
collection says so in ``rdfs:comment``. Where the page differs, the quote selector is the one
to trust. Annotations are written one by one, so a 100,000-excerpt export never holds the
whole document in memory.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from pathlib import Path

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import WRITE_BUFFER, Ticker

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
POSITIONS_NOTE = (
    "TextPositionSelector start/end count Unicode code points of each release's canonical "
    "text in Communiqué Desk (paragraphs separated by a blank line), not of the web page."
)


def annotation(excerpt: Excerpt) -> dict[str, object]:
    """The Web Annotation of one excerpt."""
    bodies: list[dict[str, str]] = [
        {"type": "TextualBody", "purpose": "tagging", "value": tag.name} for tag in excerpt.tags
    ]
    if excerpt.note:
        bodies.append({"type": "TextualBody", "purpose": "commenting", "value": excerpt.note})
    target: dict[str, object] = {
        "source": excerpt.url or f"urn:communique:release:{excerpt.release_id}",
        "communique:release_id": excerpt.release_id,
        "dc:title": excerpt.release_title,
    }
    publisher = excerpt.issuer or excerpt.source
    if publisher:
        target["dc:publisher"] = publisher
    if excerpt.speaker:
        target["dc:creator"] = excerpt.speaker
    if excerpt.language:
        target["dc:language"] = excerpt.language
    if excerpt.countries:
        target["dc:coverage"] = list(excerpt.countries)
    if excerpt.date:
        target["dc:date"] = excerpt.date
    target["selector"] = [
        {
            "type": "TextQuoteSelector",
            "exact": excerpt.quote,
            "prefix": excerpt.prefix,
            "suffix": excerpt.suffix,
        },
        {"type": "TextPositionSelector", "start": excerpt.start, "end": excerpt.end},
    ]
    return {
        "id": f"urn:communique:highlight:{excerpt.highlight_id}",
        "type": "Annotation",
        "motivation": "highlighting",
        **({"creator": {"type": "Person", "name": excerpt.coder}} if excerpt.coder else {}),
        "created": _utc(excerpt.created_at),
        "modified": _utc(excerpt.updated_at),
        "body": bodies,
        "target": target,
    }


def write_web_annotations(
    store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker
) -> int:
    """Write the excerpts as a Web Annotation collection (JSON-LD); returns how many."""
    generated = _utc(dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    head = {
        "@context": CONTEXT,
        "id": f"urn:communique:export:{generated}",
        "type": "AnnotationCollection",
        "label": "Communiqué Desk excerpts",
        "rdfs:comment": POSITIONS_NOTE,
        "generated": generated,
        "generator": {"type": "Software", "name": "Communiqué Desk"},
    }
    with out.open("w", WRITE_BUFFER, "utf-8", newline="\n") as handle:
        # The head as JSON without its closing "\n}"; the page and the total follow.
        handle.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2])
        handle.write(',\n  "first": {\n    "type": "AnnotationPage",\n    "startIndex": 0,')
        handle.write('\n    "items": [')
        for excerpt in excerpts:
            handle.write(",\n" if ticker.done else "\n")
            handle.write(json.dumps(annotation(excerpt), ensure_ascii=False))
            ticker.step()
        handle.write(f'\n    ]\n  }},\n  "total": {ticker.done}\n}}\n')
    return ticker.done


def _utc(stamp: str) -> str:
    """The store's ``…+00:00`` stamps in the ``…Z`` form the model recommends."""
    return stamp[:-6] + "Z" if stamp.endswith("+00:00") else stamp
