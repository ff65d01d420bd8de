"""Exports of tagged excerpts, one module per format, and one runner that writes any of them.

>>> FORMATS
('csv', 'xlsx', 'md', 'docx', 'json', 'qdpx', 'qdc')

:func:`write_export` does what every format needs: it checks the target, resolves the
excerpts (an :class:`~store.excerpts.ExcerptFilter` streamed from the store, or a sequence
of :class:`~store.excerpts.Excerpt`, the analyst's selection, put in reading order), reports
progress and honours cancel through a :class:`~store.export.base.Ticker`, and writes to a
temporary file that is flushed to disk and renamed over the target only when complete. A
format module only writes its format: ``write_xxx(store, excerpts, out, ticker) -> int``
writes the excerpts to the temporary path ``out``, calling ``ticker.step()`` per excerpt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import (
    ExcerptSource,
    ExportCancelled,
    ExportError,
    Progress,
    ShouldCancel,
    Ticker,
    atomic_output,
    check_target,
    resolve_excerpts,
)
from store.export.csv_export import write_csv
from store.export.docx_export import write_docx
from store.export.markdown_export import write_markdown
from store.export.refi_qda import write_qdc, write_qdpx
from store.export.web_annotation import write_web_annotations
from store.export.xlsx_export import write_xlsx
from store.refi_qda_tools import TOOLS, convention_for


@dataclass(frozen=True)
class ExportFormat:
    """How the runner drives one format's writer.

    ``passes``: how many times the writer steps the ticker per excerpt (a briefing reads
    them all, then writes them). ``counts``: what the number the writer returns counts.
    ``reads_excerpts``: False for the codebook, which is exported whole.
    """

    write: Callable[[Store, Iterable[Excerpt], Path, Ticker], int]
    passes: int = 1
    counts: str = "excerpts"
    reads_excerpts: bool = True


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat(write_csv),
    "xlsx": ExportFormat(write_xlsx),
    "md": ExportFormat(write_markdown, passes=2),
    "docx": ExportFormat(write_docx, passes=2),
    "json": ExportFormat(write_web_annotations),
    "qdpx": ExportFormat(write_qdpx),
    "qdc": ExportFormat(write_qdc, counts="tags", reads_excerpts=False),
}
FORMATS = tuple(EXPORT_FORMATS)
# What the number an export returns counts: the codebook export counts tags.
COUNTED = {fmt: spec.counts for fmt, spec in EXPORT_FORMATS.items()}

__all__ = [
    "COUNTED",
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "format_for_path",
    "write_export",
]


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for by its extension (``.markdown`` is ``md``), or None."""
    suffix = Path(path).suffix.lower().lstrip(".")
    suffix = "md" if suffix == "markdown" else suffix
    return suffix if suffix in FORMATS else None


def write_export(
    store: Store,
    fmt: str,
    path: str | Path,
    flt: ExcerptSource,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
    for_tool: str | None = None,
) -> int:
    """Write ``flt``'s excerpts to ``path`` in format ``fmt``; returns how many were written
    (tags, for ``qdc``). ``for_tool`` (``qdpx`` only: one of ``store.refi_qda_tools.TOOLS``)
    writes the conventions of the tool that will read the project. Raises ExportError for a
    bad target, ExportCancelled on cancel; in either case, and on any failure, the target
    is left as it was."""
    spec = EXPORT_FORMATS.get(fmt)
    if spec is None:
        raise ExportError(f"Unknown export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    write = spec.write
    if for_tool:
        if fmt != "qdpx" or for_tool.lower() not in TOOLS:
            raise ExportError(
                f"“{for_tool}” names no tool a {fmt} export is written for; a qdpx project "
                f"can be written for {', '.join(TOOLS)}."
            )
        write = partial(write_qdpx, convention=convention_for(for_tool))
    # Fail before the work, not after it: some formats build the whole document first.
    target = check_target(store, Path(path))
    total, excerpts = resolve_excerpts(store, flt) if spec.reads_excerpts else (0, ())
    ticker = Ticker(spec.passes * total, progress, should_cancel)
    with atomic_output(store, target) as temporary:
        written = write(store, excerpts, temporary, ticker)
        ticker.check()
    return written
