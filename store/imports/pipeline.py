"""One entry point for importing files and folders into a store.

Each file is sniffed, parsed and saved in its own transaction: a file that fails leaves the
store exactly as it was, and the other files go on. Folders are walked recursively in name
order, so dated feed snapshots are read oldest first and the newest version of a revised
release is the one that stays.
"""

from __future__ import annotations

import dataclasses
import json
import multiprocessing
import os
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from store.changes import Changes
from store.db import Store
from store.imports.bulk_files import converted_batches
from store.imports.refi_qda import import_refi
from store.ingest.record_batches import HEAD_BYTES
from store.ingest.sniff import PARSERS, detect_format
from store.ingest.tabular import no_usable_release
from store.parsed import ParsedRelease, UnreadableFile
from store.release_saving import save_releases
from store.statement_detection import detect_groups
from store.statement_keys import link_saved
from store.text_facts import TextFacts, text_facts

T = TypeVar("T")
# Bulk files (JSON Lines, CSV, JSON arrays) are read a batch at a time, whatever their size;
# the other formats are read whole, and a feed past this size is refused (feedparser reads
# a document whole, and a feed this big is an archive export, which comes as a bulk file).
STREAMED_FORMATS = frozenset({"jsonl", "csv", "json"})
MAX_FILE_BYTES = 200 * 1024 * 1024
# A file that holds one release (a page, its text, a Markdown file) past this size is not a
# release, and extracting its text would take minutes. Pages that carry their images
# inline (data: URLs) stay well under it for a release's worth of text.
MAX_RELEASE_FILE_BYTES = 10 * 1024 * 1024
SINGLE_RELEASE_FORMATS = frozenset({"page-text", "html", "markdown"})
REFI_SUFFIXES = (".qdpx", ".qdc")
# Converting a release (HTML → Markdown, Markdown → canonical text) costs more Python than
# saving it (docs/performance.md). Files at least this big are converted by worker
# processes while this one saves; smaller ones are not worth starting the workers for.
PARALLEL_MIN_BYTES = 2 * 1024 * 1024
PARALLEL_MIN_RELEASES = 500
CHUNK_BYTES = 512 * 1024  # a bulk file is read in batches of about this
# The converting processes keep both cores busy for minutes on a big file. At the window's
# own priority they took turns with its thread, which then waited for a core (its run-queue
# time, /proc/PID/task/TID/schedstat) and the window stalled; niced, they give way to it
# and to the thread that saves, and still use every core nothing else wants.
CONVERTER_NICENESS = 10
GROUP_DETECTION_RELEASES = 5000  # new releases compared with their neighbours at a time


@dataclass(frozen=True)
class Skipped:
    file: str
    reason: str


@dataclass
class ImportSummary:
    """What an import did; ``skipped`` lists each file or record left out, with why."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    orphaned: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    files: int = 0
    cancelled: bool = False
    changes: Changes = field(default_factory=Changes)
    new_release_ids: list[int] = field(default_factory=list)  # the releases it added


Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
Reading = Callable[[int, int], None]  # (bytes of the current file read, its size)


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Skipped]]:
    """Expand folders recursively (hidden files left out) in name order."""
    files, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(Skipped(str(path), "no such file or folder"))
    return files, missing


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    progress: Progress | None = None,
    should_cancel: Callable[[], bool] | None = None,
    default_issuer: str | None = None,
    default_language: str | None = None,
    reading: Reading | None = None,
) -> ImportSummary:
    """Import every file under ``paths``; never raises for a bad file.

    ``should_cancel`` is asked between files and between the batches of a file: a
    cancelled import keeps the files already imported whole and nothing of the rest.
    ``reading`` hears how far into the current file the import has saved, after each batch.
    ``default_issuer`` is the issuer of releases whose file names none (the analyst's word
    for it), ``default_language`` their language.
    """
    files, missing = collect_files(paths)
    summary = ImportSummary(skipped=list(missing))
    options = _Options(default_issuer, default_language, should_cancel, reading)
    workers = _Workers()
    try:
        for done, path in enumerate(files):
            if should_cancel and should_cancel():
                summary.cancelled = True
            if summary.cancelled:
                break
            if progress:
                progress(done, len(files), str(path))
            _import_file(store, path, summary, workers, options)
            if not summary.cancelled:  # the file being read when cancelled left nothing
                summary.files += 1
    finally:
        workers.shutdown()
    if progress and not summary.cancelled:
        progress(len(files), len(files), "")
    return summary


class _Workers:
    """Worker processes for converting big files, started on first need and shared by the
    files of one import (starting them is a cost worth paying once, docs/performance.md)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> Executor:
        if self._pool is None:
            # "spawn", not "fork": the import runs in a thread of a Qt program, and forking a
            # process that has other threads can copy a lock held by one of them.
            self._pool = ProcessPoolExecutor(
                max_workers=max(1, min(2, os.cpu_count() or 1)),
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_give_way,
            )
        return self._pool

    def shutdown(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _give_way() -> None:
    """In a converting process: a lower priority than the program that started it (where
    the system has niceness; Windows has not and keeps the default)."""
    if hasattr(os, "nice"):
        os.nice(CONVERTER_NICENESS)


def _import_file(
    store: Store,
    path: Path,
    summary: ImportSummary,
    workers: _Workers,
    options: _Options,
) -> None:
    """Import one file in one transaction; a cancel or a failure leaves nothing of it."""
    if path.suffix.lower() in REFI_SUFFIXES:
        _import_refi_file(store, path, summary)
        return
    size = path.stat().st_size
    parsed = _read_or_skip(path, summary, lambda: _parse_in_batches(path, size, workers))
    if parsed is None:
        return
    batches, problems = parsed
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    releases, highlights, orphaned, new = set(), set(), 0, []
    try:
        with store.write():
            if options.reading:
                options.reading(0, size)
            for number, (batch, end_offset) in enumerate(batches):
                if number and options.should_cancel and options.should_cancel():
                    raise _Cancelled  # between batches: a one-batch file is never cut
                if default_language := options.default_language:
                    batch = [(_in_language(p, default_language), f) for p, f in batch]
                saved = save_releases(store, batch, str(path), options.default_issuer)
                link_saved(store.conn, [parsed for parsed, _ in batch], saved)
                for result in saved:
                    counts[result.outcome] += 1
                    if result.outcome == "imported":
                        new.append(result.release_id)
                    releases |= result.changes.releases
                    highlights |= result.changes.highlights
                    orphaned += result.orphaned
                if options.reading:
                    options.reading(end_offset, size)
            if not any(counts.values()):
                raise no_usable_release(problems)
    except _Cancelled:
        summary.cancelled = True
        return
    except UnreadableFile as error:
        summary.skipped.append(Skipped(str(path), str(error)))
        return
    except Exception as error:
        summary.skipped.append(Skipped(str(path), f"could not be saved ({error})"))
        return
    finally:
        batches.close()
    # The releases just saved meet their other language versions (a transaction of its
    # own: a file saved stays saved whatever the detector makes of it).
    _detect_groups_by_dates(store, new)
    summary.skipped.extend(Skipped(str(path), problem) for problem in problems)
    summary.imported += counts["imported"]
    summary.updated += counts["updated"]
    summary.unchanged += counts["unchanged"]
    summary.orphaned += orphaned
    summary.new_release_ids += new
    # One Changes per file, not one union per release: those unions copy a growing set and
    # made a 100,000-release file quadratic.
    summary.changes |= Changes(releases=frozenset(releases), highlights=frozenset(highlights))


_Batch = list[tuple[ParsedRelease, TextFacts | None]]


@dataclass(frozen=True)
class _Options:
    """What the analyst asked of the whole import, passed down to each file."""

    default_issuer: str | None
    default_language: str | None
    should_cancel: Callable[[], bool] | None
    reading: Reading | None


class _Cancelled(Exception):
    """The analyst cancelled while a file was being saved: its transaction is undone."""


def _detect_groups_by_dates(store: Store, new: list[int]) -> None:
    """Statement groups for the new releases a run of dates at a time: the detector holds
    each release it compares (its anchors), and a big file's hundreds of thousands at once
    took gigabytes. A release's other language versions are dated within a day of it, and
    those of an earlier run are in the store by then, so each run finds the same pairs."""
    dated = store.conn.execute(
        "SELECT id FROM releases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY date, id",
        [json.dumps(new)],
    )
    ids = [row[0] for row in dated]
    for start in range(0, len(ids), GROUP_DETECTION_RELEASES):
        detect_groups(store, ids[start : start + GROUP_DETECTION_RELEASES])


def _in_language(parsed: ParsedRelease, language: str) -> ParsedRelease:
    """A release that states no language gets the one the analyst named."""
    return parsed if parsed.language else dataclasses.replace(parsed, language=language)


def _parse_in_batches(
    path: Path, size: int, workers: _Workers
) -> tuple[Generator[tuple[_Batch, int]], list[str]]:
    """The file's releases in batches, each with how far into the file it ends, and one
    message per skipped record (complete once the batches have been consumed).

    A bulk file (JSON Lines, CSV, a JSON array) is streamed: read a batch at a time,
    converted by the workers when it is big (:mod:`store.imports.bulk_files`). Other files
    are read whole, within their caps; a big feed's text facts (canonical text, language,
    countries) are computed by the workers. Small files are parsed here and the store
    computes each release's facts as it saves.
    """
    if size == 0:
        raise UnreadableFile("the file is empty")
    with path.open("rb") as file:
        head = file.read(HEAD_BYTES)
    if size > len(head):  # whole lines only: a character cut in two is no encoding's
        head = head[: head.rfind(b"\n") + 1] or head
    kind = detect_format(head, path.name)
    if kind is None:
        raise UnreadableFile("not a format Communiqué Desk imports")
    big = size >= PARALLEL_MIN_BYTES
    problems: list[str] = []
    if kind in STREAMED_FORMATS:
        pool = workers.pool() if big else None
        return _streamed(path, kind, pool, problems), problems
    if kind in SINGLE_RELEASE_FORMATS and size > MAX_RELEASE_FILE_BYTES:
        raise UnreadableFile(
            f"the file is {size // 2**20} MB, more than one release can be "
            f"(at most {MAX_RELEASE_FILE_BYTES // 2**20} MB for a {kind} file)"
        )
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(
            f"the file is {size // 2**20} MB, more than a {kind} file can be "
            f"(at most {MAX_FILE_BYTES // 2**20} MB)"
        )
    releases, problems = PARSERS[kind](path.read_bytes(), path.name)
    if not big or len(releases) < PARALLEL_MIN_RELEASES:
        return _one_batch([(parsed, None) for parsed in releases], size), problems
    facts = workers.pool().map(
        text_facts,
        [parsed.body_markdown for parsed in releases],
        [parsed.language for parsed in releases],
        [parsed.title for parsed in releases],
        chunksize=64,
    )
    return _one_batch(list(zip(releases, facts, strict=True)), size), problems


def _streamed(
    path: Path, kind: str, pool: Executor | None, problems: list[str]
) -> Generator[tuple[_Batch, int]]:
    """A bulk file's converted batches; their skipped records' messages go into ``problems``."""
    with path.open("rb") as file:
        for batch in converted_batches(file, kind, CHUNK_BYTES, pool):
            problems.extend(batch.problems)
            yield batch.releases, batch.end_offset


def _one_batch(batch: _Batch, size: int) -> Generator[tuple[_Batch, int]]:
    yield batch, size


def _read_or_skip(path: Path, summary: ImportSummary, read: Callable[[], T]) -> T | None:
    """What ``read`` returns, or None after noting in the summary why the file was skipped."""
    try:
        return read()
    except UnreadableFile as error:
        summary.skipped.append(Skipped(str(path), str(error)))
    except Exception as error:  # a parser bug must not stop the other files
        summary.skipped.append(Skipped(str(path), f"could not be read ({error!r})"))
    return None


def _import_refi_file(store: Store, path: Path, summary: ImportSummary) -> None:
    """A REFI-QDA project or codebook brings its own codebook and highlights."""
    result = _read_or_skip(path, summary, lambda: import_refi(store, path))
    if result is None:
        return
    summary.imported += result.imported
    summary.updated += result.updated
    summary.unchanged += result.unchanged
    summary.skipped.extend(Skipped(str(path), problem) for problem in result.problems)
    summary.changes |= result.changes


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
