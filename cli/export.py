"""``communique export``: tagged excerpts to CSV, XLSX, Markdown, DOCX, JSON or REFI-QDA.

Kept apart from ``cli.main`` so that the export command has one reason to change.
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path

import click

from cli.context import StoreContext
from cli.release_filters import (
    check_date,
    first_day,
    last_day,
    release_filter_fields,
    release_filter_options,
    topic_id,
)
from store.db import StoreError
from store.excerpts import ExcerptFilter
from store.export import COUNTED, FORMATS, format_for_path, write_export
from store.refi_qda_tools import TOOLS


@click.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    help="The file format (default: from the file's extension).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The file to write (replaced whole, never half-written).",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    help="Only excerpts with this tag or a sub-tag (Parent/Topic names a sub-tag); repeatable.",
)
@click.option("--all-tags", is_flag=True, help="With several --tag: excerpts carrying each.")
@click.option("--source", "sources", multiple=True, help="Only this source; repeatable.")
@click.option("--since", callback=check_date, help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", callback=check_date, help="Up to this date, inclusive.")
@click.option("--query", default="", help="Text in the quote or the note (any case).")
@click.option(
    "--for",
    "for_tool",
    type=click.Choice(tuple(TOOLS), case_sensitive=False),
    help="qdpx only: write the line breaks, positions and folders this tool expects "
    "(default: LF line breaks, positions in code points).",
)
@release_filter_options
@click.pass_obj
def export_command(
    context: StoreContext,
    fmt: str | None,
    output: Path,
    tags: tuple[str, ...],
    all_tags: bool,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    query: str,
    for_tool: str | None,
    **chosen: tuple[str, ...],
) -> None:
    """Export tagged excerpts; qdc writes the whole codebook.

    \b
    communique export -o ukraine.xlsx --tag Ukraine --since 2024
    communique export --format md -o briefing.md --tag NATO --tag Ukraine --all-tags
    communique export --format qdpx --for maxqda -o team.qdpx
    """
    fmt = (fmt or format_for_path(output) or "").lower()
    if not fmt:
        raise click.UsageError(
            f"Say which format with --format ({', '.join(FORMATS)}); "
            f"“{output.suffix or output.name}” is not one."
        )
    if for_tool and fmt != "qdpx":
        raise click.UsageError(f"--for applies to a qdpx project, not to {fmt}.")
    if since and until and first_day(since) > last_day(until):
        raise click.UsageError(
            f"--since {since} comes after --until {until}, so no excerpt could match; swap them."
        )
    store = context.store
    flt = ExcerptFilter(
        tag_ids=tuple(topic_id(store, name) for name in tags),
        match="all" if all_tags else "any",
        sources=sources,
        since=since,
        until=until,
        text=query,
        **release_filter_fields(store, **chosen),
    )
    # The bar only on a terminal: click prints its label even when nobody sees a bar.
    bar_or_none = (
        click.progressbar(length=1, label="Exporting", file=sys.stderr)
        if sys.stderr.isatty()
        else nullcontext(None)
    )
    with bar_or_none as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        # Ctrl-C interrupts the writer, which removes its temporary file on the way out.
        try:
            written = write_export(
                store, fmt, output, flt, progress if bar else None, for_tool=for_tool
            )
        except StoreError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{written} {COUNTED[fmt]} written to {output}")
