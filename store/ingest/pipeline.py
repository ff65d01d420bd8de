"""One entry point for importing files and folders into a store.

Each file is sniffed, parsed and saved in its own transaction: a file that fails leaves the
store exactly as it was, and the other files go on. Folders are walked recursively in name
order, so dated feed snapshots are read oldest first and the newest version of a revised
release is the one that stays.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from store.changes import Changes
from store.db import Store
from store.ingest.record import ParsedRelease, UnreadableFile
from store.ingest.refi_qda import import_refi
from store.ingest.sniff import PARSERS, detect_format
from store.releases import save_release

MAX_FILE_BYTES = 200 * 1024 * 1024
REFI_SUFFIXES = (".qdpx", ".qdc")


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

    def as_json(self) -> dict[str, object]:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "orphaned": self.orphaned,
            "skipped": [{"file": s.file, "reason": s.reason} for s in self.skipped],
            "files": self.files,
            "cancelled": self.cancelled,
        }


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
) -> ImportSummary:
    """Import every file under ``paths``; never raises for a bad file.

    ``should_cancel`` is asked between files: a cancelled import keeps the files already
    imported whole and nothing of the rest.
    """
    files, missing = collect_files(paths)
    summary = ImportSummary(skipped=list(missing))
    for done, path in enumerate(files):
        if should_cancel and should_cancel():
            summary.cancelled = True
            break
        if progress:
            progress(done, len(files), str(path))
        _import_file(store, path, summary)
        summary.files += 1
    if progress and not summary.cancelled:
        progress(len(files), len(files), "")
    return summary


def _import_file(store: Store, path: Path, summary: ImportSummary) -> None:
    if path.suffix.lower() in REFI_SUFFIXES:
        _import_refi_file(store, path, summary)
        return
    try:
        releases, problems = _parse(path)
    except UnreadableFile as error:
        summary.skipped.append(Skipped(str(path), str(error)))
        return
    except Exception as error:  # a parser bug must not stop the other files
        summary.skipped.append(Skipped(str(path), f"could not be read ({error!r})"))
        return
    summary.skipped.extend(Skipped(str(path), problem) for problem in problems)
    counts = {"imported": 0, "updated": 0, "unchanged": 0}
    changes, orphaned = Changes(), 0
    try:
        with store.write():
            for parsed in releases:
                result = save_release(store, parsed, str(path))
                counts[result.outcome] += 1
                changes |= result.changes
                orphaned += result.orphaned
    except Exception as error:
        summary.skipped.append(Skipped(str(path), f"could not be saved ({error})"))
        return
    summary.imported += counts["imported"]
    summary.updated += counts["updated"]
    summary.unchanged += counts["unchanged"]
    summary.orphaned += orphaned
    summary.changes |= changes


def _import_refi_file(store: Store, path: Path, summary: ImportSummary) -> None:
    """A REFI-QDA project or codebook brings its own codebook and highlights."""
    try:
        result = import_refi(store, path)
    except UnreadableFile as error:
        summary.skipped.append(Skipped(str(path), str(error)))
        return
    except Exception as error:  # a parser bug must not stop the other files
        summary.skipped.append(Skipped(str(path), f"could not be read ({error!r})"))
        return
    summary.imported += result.imported
    summary.updated += result.updated
    summary.unchanged += result.unchanged
    summary.skipped.extend(Skipped(str(path), problem) for problem in result.problems)
    summary.changes |= result.changes


def _parse(path: Path) -> tuple[list[ParsedRelease], list[str]]:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableFile("the file is empty")
    if size > MAX_FILE_BYTES:
        raise UnreadableFile(f"the file is {size // 2**20} MB, more than a release file can be")
    data = path.read_bytes()
    kind = detect_format(data, path.name)
    if kind is None:
        raise UnreadableFile("not a format Communiqué Desk imports")
    return PARSERS[kind](data, path.name)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
