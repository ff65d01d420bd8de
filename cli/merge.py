"""``communique merge PATH``: a colleague's store (or a QDPX project from another tool)
merged into this one, as store.merge and store.imports.refi_qda do it."""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import StoreContext
from cli.shapes import emit
from store.imports.refi_qda import import_refi
from store.merge import MergeError, MergeResult, merge_store, preview_merge
from store.parsed import UnreadableFile

QDA_PROJECTS = (".qdpx", ".qdc")


@click.command("merge")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--preview", is_flag=True, help="Say what the merge would add; change nothing.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def merge_command(context: StoreContext, path: Path, preview: bool, as_json: bool) -> None:
    """Merge a colleague's store (their releases, topics and highlights) into this one.

    Releases are matched by identity, else by content; topics by name; highlights by
    release, offsets and coder, so merging twice adds nothing. The other store is only read.
    What the two hold differently (a topic's colour, a note) is listed and this store's kept.
    A .qdpx project from another tool is merged as `communique import` reads it.

    \b
    communique merge ~/Shared/ben.db --preview
    communique merge ~/Shared/ben.db --json
    """
    store = context.store
    if path.suffix.lower() in QDA_PROJECTS:
        if preview:
            raise click.BadParameter(
                "previews a colleague's store; a .qdpx project is merged as "
                "communique import reads it.",
                param_hint="--preview",
            )
        _merge_project(context, path, as_json)
        return
    try:
        result = preview_merge(store, path) if preview else merge_store(store, path)
    except MergeError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit(_result_json(result))
        return
    verb = "would add" if preview else "added"
    click.echo(
        f"{path.name}: {verb} {len(result.releases_added):,} releases "
        f"({result.releases_matched:,} already here), {len(result.highlights_added):,} "
        f"highlights and {len(result.tags_added):,} topics."
    )
    for conflict in result.conflicts:
        click.echo(f"  differs: {conflict.message}")


def _merge_project(context: StoreContext, path: Path, as_json: bool) -> None:
    try:
        result = import_refi(context.store, path)
    except UnreadableFile as error:
        raise click.ClickException(f"{path}: {error}") from None
    if as_json:
        emit(
            {
                "releases_added": result.imported,
                "highlights_added": result.highlights_added,
                "tags_added": result.tags_added,
                "conflicts": [{"kind": "left-out", "message": p} for p in result.problems],
            }
        )
        return
    click.echo(
        f"{path.name}: added {result.imported:,} releases, {result.highlights_added:,} "
        f"highlights and {result.tags_added:,} topics."
    )
    for problem in result.problems:
        click.echo(f"  left out: {problem}")


def _result_json(result: MergeResult) -> dict[str, object]:
    return {
        "releases_added": len(result.releases_added),
        "releases_matched": result.releases_matched,
        "highlights_added": len(result.highlights_added),
        "tags_added": len(result.tags_added),
        "conflicts": [{"kind": c.kind, "message": c.message} for c in result.conflicts],
    }
