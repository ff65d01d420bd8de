"""``communique issuers`` (list, merge, rename, set-country) and ``communique set``, which
corrects a release's issuer, speaker, date or language by hand."""

from __future__ import annotations

import click

from cli.context import StoreContext
from cli.shapes import emit, issuer_json, release_json
from store.attribution import CorrectionError, correct_release
from store.db import StoreError
from store.issuer_changes import merge_issuers, rename_issuer, set_issuer_country
from store.issuers import Issuer, find_issuer, get_issuer, list_issuers
from store.releases import get_release


def _issuer(context: StoreContext, name: str) -> Issuer:
    issuer = find_issuer(context.store, name)
    if issuer is None:
        raise click.ClickException(
            f"No issuer is called “{name}”; `communique issuers` lists them with their ids."
        )
    return issuer


def _done(context: StoreContext, issuer_id: int, as_json: bool) -> None:
    issuer = get_issuer(context.store, issuer_id)
    if as_json:
        emit(issuer_json(issuer))
    else:
        click.echo(_line(issuer))


def _line(issuer: Issuer) -> str:
    country = f" [{issuer.country}]" if issuer.country else ""
    return f"{issuer.id:>5}  {issuer.name}{country}: {issuer.releases} releases"


@click.group("issuers", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def issuers_command(ctx: click.Context, as_json: bool) -> None:
    """List the issuers (ministries, governments, organisations) with their releases.

    \b
    communique issuers merge "Farnesina" "Ministero degli Esteri"
    communique issuers rename 12 "Ministry of Foreign Affairs of Ruritania"
    communique issuers set-country 12 RU
    """
    if ctx.invoked_subcommand is not None:
        return
    issuers = list_issuers(ctx.obj.store)
    if as_json:
        emit([issuer_json(issuer) for issuer in issuers])
        return
    for issuer in issuers:
        click.echo(_line(issuer))


def _changed(action: str):
    """Run a store change, turning its refusal into one sentence."""

    def run(change, *args):
        try:
            return change(*args)
        except StoreError as error:
            raise click.ClickException(f"Could not {action}: {error}") from None

    return run


@issuers_command.command("merge")
@click.argument("keep")
@click.argument("others", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def merge_command(context: StoreContext, keep: str, others: tuple[str, ...], as_json: bool) -> None:
    """Merge OTHERS into KEEP (names or ids): their releases, names and domains go to it."""
    kept = _issuer(context, keep)
    other_ids = [_issuer(context, other).id for other in others]
    _changed("merge")(merge_issuers, context.store, kept.id, other_ids)
    _done(context, kept.id, as_json)


@issuers_command.command("rename")
@click.argument("issuer")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def rename_command(context: StoreContext, issuer: str, name: str, as_json: bool) -> None:
    """Rename ISSUER (a name or id); the old name still finds it."""
    found = _issuer(context, issuer)
    _changed("rename")(rename_issuer, context.store, found.id, name)
    _done(context, found.id, as_json)


@issuers_command.command("set-country")
@click.argument("issuer")
@click.argument("code")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def set_country_command(context: StoreContext, issuer: str, code: str, as_json: bool) -> None:
    """Set the country of ISSUER (ISO 3166-1 alpha-2: IT, US, XK); "none" for none."""
    found = _issuer(context, issuer)
    country = None if code.strip().lower() == "none" else code
    _changed("set the country")(set_issuer_country, context.store, found.id, country)
    _done(context, found.id, as_json)


@click.command("set")
@click.argument("release_id", type=int)
@click.option("--issuer", help="The issuer's name (an issuer it names, or a new one).")
@click.option("--speaker", help="The person or office that speaks in the release.")
@click.option("--date", help="The release's date, YYYY-MM-DD.")
@click.option("--language", help="The release's language (en, fr, de…).")
@click.option("--json", "as_json", is_flag=True, help="Print the release as JSON.")
@click.pass_obj
def set_command(
    context: StoreContext,
    release_id: int,
    issuer: str | None,
    speaker: str | None,
    date: str | None,
    language: str | None,
    as_json: bool,
) -> None:
    """Correct a release's issuer, speaker, date or language by hand.

    A value set here stays when the release is imported again or re-cleaned.

    \b
    communique set 42 --issuer Farnesina --date 2022-11-25
    """
    try:
        correct_release(
            context.store, release_id, issuer=issuer, speaker=speaker, date=date,
            language=language,
        )  # fmt: skip
    except CorrectionError as error:
        raise click.ClickException(str(error)) from None
    release = get_release(context.store, release_id)
    if as_json:
        emit(release_json(release))
        return
    values = (release.issuer, release.speaker, release.date, release.language)
    click.echo(f"{release.id}: " + " · ".join(value or "—" for value in values))
