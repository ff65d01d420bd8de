"""``communique translations``, ``group`` and ``ungroup``: the language versions of one
statement (store.statement_groups)."""

from __future__ import annotations

import click

from cli.context import StoreContext, no_such_release
from cli.shapes import emit, translation_json
from store.releases import get_release
from store.statement_groups import GroupError, join_group, leave_group, translations


@click.command("translations")
@click.argument("release_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def translations_command(context: StoreContext, release_id: int, as_json: bool) -> None:
    """The language versions of release RELEASE_ID's statement, itself included."""
    versions = translations(context.store, release_id)
    if not versions:
        raise no_such_release(release_id)
    if as_json:
        emit([translation_json(other, language) for other, language in versions])
        return
    for other, language in versions:
        release = get_release(context.store, other)
        mark = "*" if other == release_id else " "
        click.echo(f"{mark}{other:>7}  {(language or '?').upper():<3} {release.title}")


@click.command("group")
@click.argument("release_ids", nargs=-1, required=True, type=int)
@click.pass_obj
def group_command(context: StoreContext, release_ids: tuple[int, ...]) -> None:
    """Make releases RELEASE_IDS one statement in several languages (joining a member of
    another statement brings that statement's versions along)."""
    try:
        join_group(context.store, release_ids)
    except GroupError as error:
        raise click.ClickException(str(error)) from None
    joined = translations(context.store, release_ids[0])
    languages = " ".join((language or "?").upper() for _, language in joined)
    click.echo(f"One statement of {len(joined)} versions: {languages}.")


@click.command("ungroup")
@click.argument("release_id", type=int)
@click.pass_obj
def ungroup_command(context: StoreContext, release_id: int) -> None:
    """Take release RELEASE_ID out of its statement; the detector will not put it back."""
    try:
        leave_group(context.store, release_id)
    except GroupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Release {release_id} is a statement of its own now.")
