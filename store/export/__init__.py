"""Exports of tagged excerpts, one module per format, and one entry point for them all.

>>> FORMATS
('csv', 'xlsx', 'md', 'docx', 'json', 'qdpx', 'qdc')

Every writer has the signature ``write_xxx(store, excerpts, path, progress=None,
should_cancel=None) -> int`` where ``excerpts`` is an :class:`~store.excerpts.ExcerptFilter`
(streamed from the store) or a sequence of :class:`~store.excerpts.Excerpt` (the analyst's
selection); ``progress(done, total)`` is called now and then, and ``should_cancel()`` too:
when it returns True the writer raises :class:`ExportCancelled` and leaves no file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.db import Store
from store.export.base import (
    ExcerptSource,
    ExportCancelled,
    ExportError,
    Progress,
    ShouldCancel,
    check_target,
)
from store.export.csv_export import write_csv
from store.export.docx_export import write_docx
from store.export.markdown_export import write_markdown
from store.export.refi_qda import write_qdc, write_qdpx
from store.export.web_annotation import write_web_annotations
from store.export.xlsx_export import write_xlsx

FORMATS = ("csv", "xlsx", "md", "docx", "json", "qdpx", "qdc")
WRITERS: dict[str, Callable[..., int]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "md": write_markdown,
    "docx": write_docx,
    "json": write_web_annotations,
    "qdpx": write_qdpx,
    "qdc": write_qdc,
}
# What the number an export returns counts: the codebook export counts tags.
COUNTED = {fmt: "tags" if fmt == "qdc" else "excerpts" for fmt in FORMATS}

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
) -> int:
    """Write ``flt``'s excerpts to ``path`` in format ``fmt``; returns how many were written
    (tags, for ``qdc``). Raises ExportError for a bad target, ExportCancelled on cancel."""
    if fmt not in WRITERS:
        raise ExportError(f"Unknown export format “{fmt}”; choose one of {', '.join(FORMATS)}.")
    # Fail before the work, not after it: some formats build the whole document first.
    target = check_target(store, Path(path))
    return WRITERS[fmt](store, flt, target, progress, should_cancel)
