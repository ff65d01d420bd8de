"""``communique export``: tagged excerpts to CSV, XLSX, Markdown, DOCX, JSON or REFI-QDA.

Kept apart from ``cli.main`` so that the export command has one reason to change.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from contextlib import nullcontext
from pathlib import Path

import click

from cli.context import StoreContext
from cli.release_filters import release_filter_fields, release_filter_options
from store.db import Store, StoreError
from store.excerpts import ExcerptFilter
from store.export import COUNTED, FORMATS, format_for_path, write_export
from store.tags import TagError, list_tags
from store.topic_paths import find_topic

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _tag_id(store: Store, name: str) -> int:
    try:
        tag = find_topic(store, name)
    except TagError as error:
        raise click.BadParameter(str(error), param_hint="--tag") from None
    if tag is None:
        tags = list_tags(store)
        known = ", ".join(t.name for t in tags[:20]) + (", …" if len(tags) > 20 else "")
        raise click.BadParameter(
            f"There is no tag named “{name}” in the codebook; communique tags lists them "
            f"({known or 'none yet'}).",
            param_hint="--tag",
        )
    return tag.id


def _check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not (_DATE.match(value) and _is_calendar_date(value)):
        raise click.BadParameter(
            f"“{value}” is not a date; write one like 2024, 2024-05 or 2024-05-31."
        )
    return value


def _is_calendar_date(value: str) -> bool:
    """A year, a month of a year or a day that the calendar has (no 2022-13, no 02-30)."""
    try:
        dt.date.fromisoformat(_first_day(value))
    except ValueError:
        return False
    return True


def _first_day(value: str) -> str:
    return (value + "-01-01")[:10]


def _last_day(value: str) -> str:
    if len(value) == 10:
        return value
    year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else 12
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()


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
@click.option("--since", callback=_check_date, help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", callback=_check_date, help="Up to this date, inclusive.")
@click.option("--query", default="", help="Text in the quote or the note (any case).")
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
    **chosen: tuple[str, ...],
) -> None:
    """Export tagged excerpts; qdc writes the whole codebook.

    \b
    communique export -o ukraine.xlsx --tag Ukraine --since 2024
    communique export --format md -o briefing.md --tag NATO --tag Ukraine --all-tags
    """
    fmt = (fmt or format_for_path(output) or "").lower()
    if not fmt:
        raise click.UsageError(
            f"Say which format with --format ({', '.join(FORMATS)}); "
            f"“{output.suffix or output.name}” is not one."
        )
    if since and until and _first_day(since) > _last_day(until):
        raise click.UsageError(
            f"--since {since} comes after --until {until}, so no excerpt could match; swap them."
        )
    store = context.store
    flt = ExcerptFilter(
        tag_ids=tuple(_tag_id(store, name) for name in tags),
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
            written = write_export(store, fmt, output, flt, progress if bar else None)
        except StoreError as error:
            raise click.ClickException(str(error)) from None
    click.echo(f"{written} {COUNTED[fmt]} written to {output}")
