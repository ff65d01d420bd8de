"""Keeping weeks of highlights safe: ``backup``, ``check``, ``reclean`` and ``orphans``.

Kept apart from ``cli.main`` so that maintenance has one reason to change.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import StoreContext
from cli.shapes import emit, orphan_json, reclean_json
from store.db import StoreError
from store.files import is_store_file
from store.health import integrity_problems
from store.highlights import orphaned_highlights
from store.kept_counts import recount


@click.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--overwrite", is_flag=True, help="Replace TARGET if it already exists.")
@click.pass_obj
def backup_command(context: StoreContext, target: Path, overwrite: bool) -> None:
    """Write a consistent copy of the store to TARGET (safe while the window is open).

    \b
    communique backup ~/backups/desk-2024-05-31.db
    """
    store = context.store
    if is_store_file(store.path, target):
        raise click.ClickException(f"{target} is the store itself; choose another file.")
    if target.exists() and not overwrite:
        raise click.ClickException(f"{target} already exists; pass --overwrite to replace it.")
    try:
        written = store.backup_to(target)
    except (StoreError, OSError) as error:
        raise click.ClickException(
            f"The backup was not written ({error}); choose a folder you can write to, with room "
            "for a copy of the store."
        ) from None
    click.echo(f"Backed up to {written}")


@click.command("check")
@click.option("--repair", is_flag=True, help="Count again the kept counts that differ, then check.")
@click.pass_obj
def check_command(context: StoreContext, repair: bool) -> None:
    """Check the store: every page and index, foreign keys, the search index and the
    counts kept for the lists.

    Prints "ok", or one problem per line and exits with status 1.
    """
    if repair:
        for name in recount(context.store):
            click.echo(f"counted again: {name}")
    problems = integrity_problems(context.store)
    if not problems:
        click.echo("ok")
        return
    for problem in problems:
        click.echo(problem)
    raise click.exceptions.Exit(1)


@click.command("reclean")
@click.argument("release_ids", nargs=-1, type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def reclean_command(context: StoreContext, release_ids: tuple[int, ...], as_json: bool) -> None:
    """Clean releases again (all, or the ids given) from their kept originals.

    After an update of the cleaners: each changed text becomes a new version and its
    highlights are placed again (kept, moved with their words, or orphaned).
    """
    from store.reclean import reclean  # the cleaners load the importers: only when used

    summary = reclean(context.store, list(release_ids) or None)
    if as_json:
        emit(reclean_json(summary))
    else:
        click.echo(
            f"{summary.updated} cleaned again, {summary.unchanged} unchanged, "
            f"{len(summary.skipped)} skipped"
            + (f"; {summary.orphaned} highlights lost their place" if summary.orphaned else "")
        )
        for release_id, reason in summary.skipped:
            click.echo(f"skipped release {release_id}: {reason}", err=True)


@click.command("orphans")
@click.option("--json", "as_json", is_flag=True, help="Print the orphans as JSON.")
@click.pass_obj
def orphans_command(context: StoreContext, as_json: bool) -> None:
    """List highlights whose words a revised release no longer has."""
    orphans = orphaned_highlights(context.store)
    if as_json:
        emit([orphan_json(h) for h in orphans])
        return
    for h in orphans:
        tags = ", ".join(t.name for t in h.tags)
        note = f"  ({h.note})" if h.note else ""
        click.echo(f"#{h.id} in release {h.release_id} {tags}: “{h.quote}”{note}")
    if not orphans:
        click.echo("No highlight has lost its place.", err=True)
