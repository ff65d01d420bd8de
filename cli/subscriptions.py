"""Following feeds, sitemaps, listing pages and folders from the command line, and
fetching them: ``follow``, ``following``, ``unfollow``, ``fetch`` (one pass and exit, for
cron or a systemd timer) and ``read`` (mark releases read).

``COMMUNIQUE_ALLOW_PRIVATE=1`` lets subscriptions reach loopback and private addresses.
"""

from __future__ import annotations

import re
import sys

import click

from cli.context import StoreContext, no_such_release
from cli.shapes import emit, fetch_outcome_json, subscription_json
from store.fetch import FetchSettings, fetch_pass
from store.subscriptions import (
    DEFAULT_EVERY,
    KINDS,
    NotAFeed,
    SubscriptionError,
    follow,
    following,
    unfollow,
)
from store.unread import mark_all_read, mark_read

_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class Interval(click.ParamType):
    """``90s``, ``30m``, ``1h``, ``2d`` or a number of seconds."""

    name = "interval"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, int):
            return value
        found = _INTERVAL.match(str(value))
        if not found:
            self.fail(f"“{value}” is not an interval: write 90s, 30m, 1h or 2d.", param, ctx)
        return int(found.group(1)) * _UNIT_SECONDS[found.group(2).lower()]


@click.command("follow")
@click.argument("target")
@click.option("--kind", type=click.Choice(KINDS), help="What it is (else told from it).")
@click.option("--issuer", help="The issuer of its releases that name none.")
@click.option("--language", help="The language of its releases that state none (en, fr…).")
@click.option(
    "--every", type=Interval(), default=DEFAULT_EVERY, show_default="1h",
    help="How often to fetch it: 90s, 30m, 1h, 2d.",
)  # fmt: skip
@click.option("--select", help="A listing page's release links: a CSS selector.")
@click.option("--pattern", help="A listing page's release links: a URL glob (*/press/*).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def follow_command(
    context: StoreContext,
    target: str,
    kind: str | None,
    issuer: str | None,
    language: str | None,
    every: int,
    select: str | None,
    pattern: str | None,
    as_json: bool,
) -> None:
    """Follow a feed, a sitemap, a listing page (with --select or --pattern) or a folder.

    Given a web page that offers feeds, lists them and follows nothing (exit status 2).
    """
    try:
        followed = follow(
            context.store, target, kind=kind, issuer=issuer, language=language, every=every,
            select=select, pattern=pattern, settings=FetchSettings.from_environment(),
        )  # fmt: skip
    except NotAFeed as offer:
        if as_json:
            emit({"feeds": [{"url": f.url, "title": f.title, "type": f.type} for f in offer.feeds]})
        else:
            for feed in offer.feeds:
                click.echo(f"{feed.url}  {feed.title or ''}".rstrip())
        click.echo(f"communique: {offer}", err=True)
        sys.exit(2)
    except SubscriptionError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit(subscription_json(followed))
    else:
        click.echo(f"Following {followed.url} as {followed.kind} {followed.id}.")


@click.command("following")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def following_command(context: StoreContext, as_json: bool) -> None:
    """List the subscriptions: last and next fetch, and what went wrong."""
    subscriptions = following(context.store)
    if as_json:
        emit([subscription_json(s) for s in subscriptions])
        return
    for s in subscriptions:
        state = "paused" if s.paused else (s.status or "not fetched yet")
        click.echo(f"{s.id:>4}  {s.kind:7}  {state:12}  {s.releases:>5}  {s.url}")
        if s.error:
            click.echo(f"      {s.error}")


@click.command("unfollow")
@click.argument("subscription_id", type=int)
@click.pass_obj
def unfollow_command(context: StoreContext, subscription_id: int) -> None:
    """Stop following a subscription; the releases it brought stay."""
    try:
        gone = unfollow(context.store, subscription_id)
    except SubscriptionError as error:
        raise click.ClickException(f"{error} communique following lists them.") from None
    click.echo(f"No longer following {gone.url}.")


@click.command("fetch")
@click.option("--all", "every_one", is_flag=True, help="Every subscription, due or not.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def fetch_command(context: StoreContext, every_one: bool, as_json: bool) -> None:
    """Fetch the subscriptions that are due (or --all) once, and exit.

    Safe beside the window's own fetching: each subscription is fetched by one of them.
    """
    # The store is opened (and upgraded) here first, so that the pass opens a current one.
    outcomes = fetch_pass(
        context.store.path, every_one=every_one, settings=FetchSettings.from_environment()
    )
    if as_json:
        emit({"subscriptions": [fetch_outcome_json(outcome) for outcome in outcomes]})
        return
    for o in outcomes:
        click.echo(f"{o.subscription_id:>4}  {o.status:12}  +{o.imported} ~{o.updated}  {o.url}")
        if o.error:
            click.echo(f"      {o.error}")
    click.echo(f"({len(outcomes)} subscriptions fetched)", err=True)


@click.command("read")
@click.argument("release_ids", nargs=-1, type=int)
@click.option("--all", "every_one", is_flag=True, help="Every release.")
@click.pass_obj
def read_command(context: StoreContext, release_ids: tuple[int, ...], every_one: bool) -> None:
    """Mark releases read (by id, or --all)."""
    if not release_ids and not every_one:
        raise click.UsageError("Name the releases to mark read, or --all.")
    store = context.store
    for release_id in release_ids:
        if not store.conn.execute("SELECT 1 FROM releases WHERE id = ?", (release_id,)).fetchone():
            raise no_such_release(release_id)
    changes = mark_all_read(store) if every_one else mark_read(store, release_ids)
    click.echo(f"{len(changes.releases)} releases marked read.", err=True)


SUBSCRIPTION_COMMANDS = (
    follow_command,
    following_command,
    unfollow_command,
    fetch_command,
    read_command,
)
