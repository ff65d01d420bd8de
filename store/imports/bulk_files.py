"""A bulk file's releases converted a batch at a time as the file is read, never held whole.

The batches come from :mod:`store.ingest.record_batches`. A big file's batches are parsed
and converted (HTML → Markdown, the canonical text, language and countries) by the worker
processes, a few at a time and in file order, while the caller saves those already done;
a small file's are parsed here and the store converts each release as it saves it. At most
``BATCHES_AHEAD`` batches are read ahead of the one being saved, so memory stays bounded
whatever the size of the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from typing import BinaryIO

from store.ingest.record_batches import RecordBatch, batch_releases, record_batches
from store.parsed import ParsedRelease
from store.text_facts import TextFacts, text_facts

# Batches read and handed to the workers ahead of the one being saved: enough to keep two
# workers busy while a batch is saved, few enough that memory does not grow with the file.
BATCHES_AHEAD = 4


@dataclass(frozen=True)
class ConvertedBatch:
    """A batch's releases (with their text facts when a worker computed them), the messages
    of its skipped records, and how far into the file it ends."""

    releases: list[tuple[ParsedRelease, TextFacts | None]]
    problems: list[str]
    end_offset: int


def converted_batches(
    file: BinaryIO, kind: str, batch_bytes: int, pool: Executor | None
) -> Iterator[ConvertedBatch]:
    """``file``'s releases batch by batch, in file order; converted by ``pool``'s workers
    when one is given, else parsed here."""
    batches = record_batches(file, kind, batch_bytes)
    if pool is None:
        for batch in batches:
            releases, problems = batch_releases(batch)
            unconverted = [(parsed, None) for parsed in releases]
            yield ConvertedBatch(unconverted, problems, batch.end_offset)
        return
    ahead: deque[Future[ConvertedBatch]] = deque()
    try:
        for batch in batches:
            ahead.append(pool.submit(_convert, batch))
            if len(ahead) > BATCHES_AHEAD:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    finally:  # a cancelled or failed import leaves no batch converting for nothing
        for future in ahead:
            future.cancel()


def _convert(batch: RecordBatch) -> ConvertedBatch:
    """In a worker: a batch parsed, and each release's text facts computed."""
    releases, problems = batch_releases(batch)
    facts = [text_facts(parsed.body_markdown, parsed.language, parsed.title) for parsed in releases]
    return ConvertedBatch(list(zip(releases, facts, strict=True)), problems, batch.end_offset)
