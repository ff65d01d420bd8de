"""``communique reuse``: where else a release's wording appears; ``communique
agreed-language``: the store-wide report of passages that releases of two or more issuers
share, or with ``--boilerplate`` the passages many releases of one issuer share."""

from __future__ import annotations

import click

from cli.context import StoreContext, no_such_release
from cli.shapes import emit, reported_passage_json, shared_passage_json
from store.agreed_language import DEFAULT_MIN_RELEASES, shared_wording
from store.fingerprints import SHINGLE_WORDS
from store.reuse import DEFAULT_MIN_WORDS, ReuseError, where_else

_MIN_WORDS = click.option(
    "--min-words",
    type=click.IntRange(min=SHINGLE_WORDS),
    default=DEFAULT_MIN_WORDS,
    show_default=True,
    help="The shortest passage reported, in words.",
)


@click.command("reuse")
@click.argument("release_id", type=int)
@_MIN_WORDS
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def reuse_command(context: StoreContext, release_id: int, min_words: int, as_json: bool) -> None:
    """Where else the wording of release RELEASE_ID appears: each passage it shares with
    other releases, word for word or with a few words changed, and those releases, first
    appearance first."""
    try:
        passages = where_else(context.store, release_id, min_words)
    except ReuseError:
        raise no_such_release(release_id) from None
    if as_json:
        emit({"passages": [shared_passage_json(passage) for passage in passages]})
        return
    if not passages:
        click.echo(f"No passage of {min_words} words or more appears in another release.")
    for passage in passages:
        kind = "agreed language" if passage.agreed else "its issuer's own wording"
        click.echo(f"{passage.start}–{passage.end} ({kind}): {_quoted(passage.text)}")
        for other in passage.elsewhere:
            how = "same words" if other.exact else "a few words changed"
            click.echo(
                f"    {other.date or 'undated':<10}  {other.release_id:>6}  "
                f"{other.issuer or 'no issuer'} ({how})"
            )


@click.command("agreed-language")
@click.option(
    "--boilerplate",
    is_flag=True,
    help="Report instead the passages that many releases of one issuer share (sign-offs, "
    "contact lines, footers).",
)
@_MIN_WORDS
@click.option(
    "--min-releases",
    type=click.IntRange(min=2),
    default=DEFAULT_MIN_RELEASES,
    show_default=True,
    help="With --boilerplate: the fewest releases sharing a passage.",
)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def agreed_language_command(
    context: StoreContext, boilerplate: bool, min_words: int, min_releases: int, as_json: bool
) -> None:
    """The passages that releases of two or more issuers share, each at its first
    appearance with the releases that repeat it."""
    kind = "boilerplate" if boilerplate else "agreed"
    reported = shared_wording(context.store, kind, min_words, min_releases)
    if as_json:
        emit({"kind": kind, "passages": [reported_passage_json(item) for item in reported]})
        return
    if not reported:
        click.echo("No passage is shared that way.")
    for item in reported:
        click.echo(
            f"{item.date or 'undated'}  {item.release_id:>6}  {len(item.passage.elsewhere) + 1} "
            f"releases, {'; '.join(item.issuers)}: {_quoted(item.passage.text)}"
        )


def _quoted(text: str, longest: int = 160) -> str:
    flat = " ".join(text.split())
    return f"“{flat}”" if len(flat) <= longest else f"“{flat[: longest - 1]}…”"
