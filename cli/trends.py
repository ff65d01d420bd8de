"""``communique trend``: how often phrases are used per month, quarter or year, by issuer,
speaker or language, with the share of that key's releases, and who used each first."""

from __future__ import annotations

import click

from cli.context import StoreContext
from cli.phrases import stem_option
from cli.release_filters import (
    check_date,
    first_day,
    last_day,
    release_filter_fields,
    release_filter_options,
    topic_id,
)
from cli.shapes import emit, trend_json
from store.phrases import PhraseError
from store.releases import ReleaseFilter
from store.trends import BY_CHOICES, PER_CHOICES, Trend, phrase_trend


@click.command("trend")
@click.argument("phrases", nargs=-1, required=True)
@click.option(
    "--by",
    type=click.Choice(BY_CHOICES),
    default="issuer",
    show_default=True,
    help="One series per issuer, speaker or language, or one for all releases (none).",
)
@click.option(
    "--per",
    type=click.Choice(PER_CHOICES),
    default="month",
    show_default=True,
    help="The period counted: YYYY-MM, YYYY-Qn or YYYY.",
)
@click.option("--since", callback=check_date, help="From this date: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--until", callback=check_date, help="Up to this date, inclusive.")
@click.option(
    "--topic",
    "topics",
    multiple=True,
    help="Only releases with a highlight of this topic (Parent/Topic); repeatable.",
)
# The option's first name, kept for scripts written before it took concordance's name.
@click.option("--tag", "old_topics", multiple=True, hidden=True)
@release_filter_options
@stem_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def trend_command(
    context: StoreContext,
    phrases: tuple[str, ...],
    by: str,
    per: str,
    since: str | None,
    until: str | None,
    topics: tuple[str, ...],
    old_topics: tuple[str, ...],
    stem: bool,
    as_json: bool,
    **chosen: tuple[str, ...],
) -> None:
    """How often each PHRASE is used over time, and by whom.

    Matching is the search's: case, accents and punctuation between words do not count;
    a last word ending in * matches any word it begins; with --stem each word matches by
    its stem in the release's language. Releases with no date are left out.

    \b
    communique trend Kyiv Kiev --by issuer --per quarter
    communique trend "territorial integrity" --by language --per year --since 2015 --json
    """
    store = context.store
    within = ReleaseFilter(
        since=first_day(since) if since else None,
        until=last_day(until) if until else None,
        tag_ids=tuple(topic_id(store, name, "--topic") for name in (*topics, *old_topics)),
        **release_filter_fields(store, **chosen),
    )
    try:
        trend = phrase_trend(store, phrases, by=by, per=per, within=within, stem=stem)
    except PhraseError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit(trend_json(trend))
    else:
        _print_table(trend, by)


KEY_WIDTH = 44  # a speaker may be a list of names; the table elides it


def _key(key: str | None) -> str:
    key = key or "—"
    return key if len(key) <= KEY_WIDTH else key[: KEY_WIDTH - 1] + "…"


def _print_table(trend: Trend, by: str) -> None:
    if not trend.series:
        click.echo("No dated release holds " + ", ".join(f"“{p}”" for p in trend.undated) + ".")
    key_width = max([len(by), *(len(_key(p.key)) for p in trend.series)], default=0)
    phrase_width = max([6, *(len(p.phrase) for p in trend.series)])
    if trend.series:
        click.echo(
            f"{'phrase':<{phrase_width}}  {by:<{key_width}}  {'period':<7}  "
            f"{'occurrences':>11}  {'releases':>8}  {'of':>6}  {'share':>6}"
        )
    for p in trend.series:
        click.echo(
            f"{p.phrase:<{phrase_width}}  {_key(p.key):<{key_width}}  {p.period:<7}  "
            f"{p.occurrences:>11,}  {p.releases:>8,}  {p.releases_in_period:>6,}  "
            f"{p.share:>6.1%}"
        )
    if trend.first_uses:
        click.echo("\nFirst and last use per issuer:")
        for use in trend.first_uses:
            click.echo(
                f"  “{use.phrase}” {use.issuer}: first {use.first_date} (release "
                f"{use.first_release_id}), last {use.last_date} (release "
                f"{use.last_release_id}), in {use.releases:,} releases"
            )
    for phrase, undated in trend.undated.items():
        if undated:
            click.echo(f"{undated:,} undated releases holding “{phrase}” are left out.")
