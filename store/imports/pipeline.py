"""One entry point for importing files and folders into a store.

Each file is sniffed, parsed and saved in its own transaction: a file that fails leaves the
store exactly as it was, and the other files go on. Folders are walked recursively in name
order, so dated feed snapshots are read oldest first and the newest version of a revised
release is the one that stays.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import re
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from store.changes import Changes
from store.db import Store
from store.imports.refi_qda import import_refi
from store.ingest.sniff import PARSERS, detect_format
from store.parsed import ParsedRelease, UnreadableFile
from store.release_saving import save_releases
from store.text_facts import TextFacts, text_facts

T = TypeVar("T")
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
CHUNK_BYTES = 512 * 1024  # a JSON Lines file is cut at line ends into pieces of about this
# The converting processes keep both cores busy for minutes on a big file. At the window's
# own priority they took turns with its thread, which then waited for a core (its run-queue
# time, /proc/PID/task/TID/schedstat) and the window stalled; niced, they give way to it
# and to the thread that saves, and still use every core nothing else wants.
CONVERTER_NICENESS = 10
_RECORD_NUMBER = re.compile(r"^record (\d+):")


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
) -> ImportSummary:
    """Import every file under ``paths``; never raises for a bad file.

    ``should_cancel`` is asked between files: a cancelled import keeps the files already
    imported whole and nothing of the rest. ``default_issuer`` is the issuer of releases
    whose file names none (the analyst's word for it), ``default_language`` their language.
    """
    files, missing = collect_files(paths)
    summary = ImportSummary(skipped=list(missing))
    workers = _Workers()
    try:
        for done, path in enumerate(files):
            if should_cancel and should_cancel():
                summary.cancelled = True
                break
            if progress:
                progress(done, len(files), str(path))
            _import_file(store, path, summary, workers, default_issuer, default_language)
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
    default_issuer: str | None = None,
    default_language: str | None = None,
) -> None:
    if path.suffix.lower() in REFI_SUFFIXES:
        _import_refi_file(store, path, summary)
        return
    parsed = _read_or_skip(path, summary, lambda: _parse_in_batches(path, workers))
    if parsed is None:
        return
    batches, problems = parsed
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    releases, highlights, orphaned, new = set(), set(), 0, []
    try:
        with store.write():
            for batch in batches:
                if default_language:
                    batch = [(_in_language(p, default_language), f) for p, f in batch]
                for result in save_releases(store, batch, str(path), default_issuer):
                    counts[result.outcome] += 1
                    if result.outcome == "imported":
                        new.append(result.release_id)
                    releases |= result.changes.releases
                    highlights |= result.changes.highlights
                    orphaned += result.orphaned
    except _ReadWhole:
        # A piece alone could not be read (binary, no usable record): what that means for
        # the file is decided on the whole file, read the ordinary way. Nothing was kept.
        _import_file(store, path, summary, _NoWorkers(), default_issuer, default_language)
        return
    except Exception as error:
        summary.skipped.append(Skipped(str(path), f"could not be saved ({error})"))
        return
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


def _in_language(parsed: ParsedRelease, language: str) -> ParsedRelease:
    """A release that states no language gets the one the analyst named."""
    return parsed if parsed.language else dataclasses.replace(parsed, language=language)


class _ReadWhole(Exception):
    """A piece of a big file was unreadable on its own: read the whole file in one go."""


def _parse_in_batches(path: Path, workers: _Workers) -> tuple[Iterable[_Batch], list[str]]:
    """The file's releases in batches (with their text facts where computed ahead), and
    one message per skipped record (complete once the batches have been consumed).

    A big JSON Lines file is cut at line ends and each piece is parsed and converted by a
    worker, in order, while the caller saves the pieces already done. Other big files are
    parsed here and only their text facts (canonical text, language, countries) are computed
    by the workers. Small files are parsed here and the store computes each one as it saves.
    """
    data = _read(path)
    kind = detect_format(data, path.name)
    if kind is None:
        raise UnreadableFile("not a format Communiqué Desk imports")
    if kind in SINGLE_RELEASE_FORMATS and len(data) > MAX_RELEASE_FILE_BYTES:
        raise UnreadableFile(
            f"the file is {len(data) // 2**20} MB, more than one release can be "
            f"(at most {MAX_RELEASE_FILE_BYTES // 2**20} MB for a {kind} file)"
        )
    big = len(data) >= PARALLEL_MIN_BYTES and not isinstance(workers, _NoWorkers)
    if big and kind == "jsonl":
        pieces = _jsonl_pieces(data)
        # Checked a piece at a time (a line end never falls inside a UTF-8 sequence): one
        # decode of a whole big file holds the GIL, and so stalls the window.
        if len(pieces) > 1 and all(_is_utf8(piece) for piece in pieces):
            problems: list[str] = []
            return _converted_pieces(pieces, path.name, workers, problems), problems
    releases, problems = PARSERS[kind](data, path.name)
    if not big or len(releases) < PARALLEL_MIN_RELEASES:
        return [[(parsed, None) for parsed in releases]], problems
    facts = workers.pool().map(
        text_facts,
        [parsed.body_markdown for parsed in releases],
        [parsed.language for parsed in releases],
        [parsed.title for parsed in releases],
        chunksize=64,
    )
    return [list(zip(releases, facts, strict=True))], problems


def _converted_pieces(
    pieces: list[bytes], name: str, workers: _Workers, problems: list[str]
) -> Iterable[_Batch]:
    """Each piece's releases, in file order, as the workers finish them; the pieces' skipped
    records go into ``problems`` numbered as in the whole file."""
    records_before = 0
    for batch, found, records in workers.pool().map(_convert_piece, pieces, [name] * len(pieces)):
        if batch is None:
            raise _ReadWhole
        problems.extend(_renumbered(problem, records_before) for problem in found)
        records_before += records
        yield batch


def _convert_piece(data: bytes, name: str) -> tuple[_Batch | None, list[str], int]:
    """In a worker: a piece of a JSON Lines file parsed and converted, the skipped records'
    messages, and how many records the piece held; (None, [], 0) if it is unreadable alone."""
    try:
        releases, problems = PARSERS["jsonl"](data, name)
    except UnreadableFile:
        return None, [], 0
    # parse_jsonl makes each non-blank line one release or one skipped record's message.
    return (
        [
            (parsed, text_facts(parsed.body_markdown, parsed.language, parsed.title))
            for parsed in releases
        ],
        problems,
        len(releases) + len(problems),
    )


def _renumbered(problem: str, records_before: int) -> str:
    return _RECORD_NUMBER.sub(
        lambda m: f"record {int(m.group(1)) + records_before}:", problem, count=1
    )


def _jsonl_pieces(data: bytes) -> list[bytes]:
    """Cut at line ends into pieces of about CHUNK_BYTES (a piece is a JSON Lines file)."""
    pieces, start = [], 0
    while start < len(data):
        cut = data.find(b"\n", start + CHUNK_BYTES)
        end = len(data) if cut < 0 else cut + 1
        pieces.append(data[start:end])
        start = end
    return pieces


def _is_utf8(data: bytes) -> bool:
    """Only UTF-8 is cut into pieces: a piece of a file in another encoding could be read
    as a different one than the whole file would."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


class _NoWorkers(_Workers):
    """Read the whole file here, as a small one (the fall-back for a piece read alone)."""


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile("the file is empty")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"the file is {size // 2**20} MB, more than a release file can be")
    return path.read_bytes()


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
