"""What every export shares: where it may write, writing all or nothing, progress and cancel.

The runner (``store.export.write_export``) uses these for every format. An export never
leaves a half-written file: it is written to a hidden temporary file in the target's folder
and renamed over the target only when complete (``os.replace`` is atomic within a folder),
so a cancelled or failed export leaves the target as it was.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from store.db import Store, StoreError
from store.excerpts import Excerpt, ExcerptFilter, count_excerpts, iter_excerpts
from store.files import is_store_file

Progress = Callable[[int, int], None]  # (excerpts done, excerpts in all)
ShouldCancel = Callable[[], bool]
ExcerptSource = ExcerptFilter | Sequence[Excerpt]

# Asking for progress and cancel on every row costs more than the row; a few times per
# second of work is what a progress bar needs.
TICK_EVERY = 250


# Exports write through a buffer this big. Each write to the file lets go of the GIL, and a
# thread that lets go of it very often (8 KB a write, the default) keeps the window's thread
# from taking it: Python forces a switch only when none has happened for its switch
# interval, so a big briefing stalled the window (docs/performance.md).
WRITE_BUFFER = 1 << 20
# Freeing a big export's excerpts at once is one C call that holds the GIL, and the
# window's thread waits meanwhile; emptied a step at a time, a list lets it in between.
RELEASE_STEP = 1_000


def release_in_steps(items: list) -> None:
    """Empty a long list a step at a time (a worker thread's big intermediate results)."""
    while items:
        del items[-RELEASE_STEP:]


class ExportError(StoreError):
    """An export that cannot be written; the message is one sentence for the analyst."""


class ExportCancelled(Exception):
    """The analyst cancelled the export; nothing was written."""


def check_target(store: Store, path: Path) -> Path:
    """Refuse targets that would destroy the store or cannot be files; returns the path."""
    path = Path(path)
    if is_store_file(store.path, path):
        raise ExportError(f"{path} is the store itself; choose another file for the export.")
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name for the export.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    return path


@contextmanager
def atomic_output(store: Store, path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` to write to; renamed over ``path`` on success.

    On any exception (cancel included) the temporary file is removed and ``path`` untouched.
    """
    path = check_target(store, path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise ExportError(f"Cannot write in {path.parent}: {error.strerror}.") from None
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        # mkstemp makes the file private (0600); an export is an ordinary document.
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
        _flush_to_disk(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _flush_to_disk(path: Path) -> None:
    """Make the written bytes durable before the rename, so that a power cut after it
    leaves the whole new file, not an empty one."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class Ticker:
    """Reports progress and honours cancel every TICK_EVERY items, and once at the end."""

    def __init__(
        self, total: int, progress: Progress | None, should_cancel: ShouldCancel | None
    ) -> None:
        self.total = total
        self.done = 0
        self._progress = progress
        self._should_cancel = should_cancel

    def step(self) -> None:
        self.done += 1
        if self.done % TICK_EVERY == 0:
            self.check()

    def check(self) -> None:
        if self._should_cancel is not None and self._should_cancel():
            raise ExportCancelled()
        if self._progress is not None:
            self._progress(self.done, max(self.total, self.done))


def resolve_excerpts(store: Store, source: ExcerptSource) -> tuple[int, Iterable[Excerpt]]:
    """How many excerpts there are, and the excerpts in reading order.

    A filter streams from the store; a sequence (the analyst's selection in the window) is
    put in the same reading order, so every format groups releases the same way.
    """
    if isinstance(source, ExcerptFilter):
        return count_excerpts(store, source), iter_excerpts(store, source)
    ordered = sorted(
        source, key=lambda e: (e.date is None, e.date or "", e.release_id, e.start, e.highlight_id)
    )
    return len(ordered), ordered


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text with the characters XML 1.0 cannot carry removed (release text is untrusted)."""
    return _NOT_XML.sub("", text)


_WEB_LINK = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


def web_link(url: str | None) -> str | None:
    """The URL if it is a plain http(s) link safe to make clickable, else None.

    >>> web_link("https://www.esteri.it/en/news?id=1")
    'https://www.esteri.it/en/news?id=1'
    >>> web_link("javascript:alert(1)"), web_link("https://x.org/a b"), web_link(None)
    (None, None, None)
    """
    return url if url and _WEB_LINK.match(url) else None
