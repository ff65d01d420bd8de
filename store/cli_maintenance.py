"""``communique backup`` and ``communique check``: keeping weeks of highlights safe.

Kept apart from ``store.cli`` so that maintenance has one reason to change; ``make_cli``
adds both commands with :func:`add_maintenance_commands`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import click

from store.db import Store, StoreError
from store.health import integrity_problems
from store.kept_counts import recount
from store.reclean import reclean

# Files that are the store too: overwriting any of them while it is open destroys it.
_STORE_FILES = ("", "-wal", "-shm", "-journal")


class _HasStore(Protocol):
    """The command group's context object (``store.cli``): it opens the store on demand."""

    @property
    def store(self) -> Store: ...


def add_maintenance_commands(cli: click.Group) -> None:
    """Add ``backup``, ``check`` and ``reclean`` (the context object has ``.store``)."""

    @cli.command("backup")
    @click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--overwrite", is_flag=True, help="Replace TARGET if it already exists.")
    @click.pass_obj
    def backup_command(context: _HasStore, target: Path, overwrite: bool) -> None:
        """Write a consistent copy of the store to TARGET (safe while the window is open).

        \b
        communique backup ~/backups/desk-2024-05-31.db
        """
        store = context.store
        own = store.path.resolve() if store.path else None
        if own is not None and target.resolve() in {
            own.with_name(own.name + s) for s in _STORE_FILES
        }:
            raise click.ClickException(f"{target} is the store itself; choose another file.")
        if target.exists() and not overwrite:
            raise click.ClickException(f"{target} already exists; pass --overwrite to replace it.")
        try:
            written = store.backup_to(target)
        except (StoreError, OSError) as error:
            raise click.ClickException(f"The backup was not written: {error}") from None
        click.echo(f"Backed up to {written}")

    @cli.command("check")
    @click.option(
        "--repair", is_flag=True, help="Count again the kept counts that differ, then check."
    )
    @click.pass_obj
    def check_command(context: _HasStore, repair: bool) -> None:
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

    @cli.command("reclean")
    @click.argument("release_ids", nargs=-1, type=int)
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @click.pass_obj
    def reclean_command(context: _HasStore, release_ids: tuple[int, ...], as_json: bool) -> None:
        """Clean releases again (all, or the ids given) from their kept originals.

        After an update of the cleaners: each changed text becomes a new version and its
        highlights are placed again (kept, moved with their words, or orphaned).
        """
        summary = reclean(context.store, list(release_ids) or None)
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "updated": summary.updated,
                        "unchanged": summary.unchanged,
                        "orphaned": summary.orphaned,
                        "skipped": [{"id": i, "reason": r} for i, r in summary.skipped],
                    },
                    indent=2,
                )
            )
        else:
            click.echo(
                f"{summary.updated} cleaned again, {summary.unchanged} unchanged, "
                f"{len(summary.skipped)} skipped"
                + (f"; {summary.orphaned} highlights lost their place" if summary.orphaned else "")
            )
            for release_id, reason in summary.skipped:
                click.echo(f"skipped release {release_id}: {reason}", err=True)
