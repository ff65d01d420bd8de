"""The import's progress on stderr, by bytes of the file being read ("212 MB of 1.0 GB")."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from store.imports.reading_progress import bytes_read_text


class ImportProgressBar:
    """A bar over the current file's bytes, with its name and how much of it is saved;
    silent when stderr is no terminal (a script's log gets the summary only)."""

    def __init__(self, bar: click.progressbar | None) -> None:
        self._bar = bar
        self._file = ""

    def next_file(self, done: int, total: int, current: str) -> None:
        self._file = Path(current).name + (f" ({done + 1} of {total})" if total > 1 else "")

    def reading(self, read: int, size: int) -> None:
        if self._bar is None:
            return
        self._bar.label = f"Importing {self._file}"
        self._bar.length = max(size, 1)
        self._bar.pos = 0
        self._bar.update(read, bytes_read_text(read, size))


@contextmanager
def import_progress_bar(shown: bool) -> Iterator[ImportProgressBar]:
    if not shown:
        yield ImportProgressBar(None)
        return
    with click.progressbar(
        length=1, label="Importing", file=sys.stderr, item_show_func=lambda text: text
    ) as bar:
        yield ImportProgressBar(bar)
