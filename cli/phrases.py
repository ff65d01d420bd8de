"""``communique concordance`` and ``communique tag-all``: a phrase's occurrences across the
releases, one line each, and tagging them all at once.

Matching is the search index's: case and accents do not count, words are whole, punctuation
between them is ignored, and a last word ending in ``*`` matches any word it begins. With
``--stem`` a word matches every word of its stem in the release's language; a word in quotes
is still matched as written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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
from cli.shapes import concordance_json, emit
from cli.stemming_option import stem_option
from store.bulk_coding import SCOPES, tag_places
from store.concordance import SORTS, concordance, occurrence_places
from store.db import Store, StoreError
from store.phrases import Phrase, PhraseError
from store.releases import ReleaseFilter
from store.tags import TagError
from store.topic_paths import ensure_topics

F = TypeVar("F", bound=Callable[..., object])


def phrase_filter_options(command: F) -> F:
    """The release filters, and ``--source``, ``--since``, ``--until`` and ``--topic``."""
    for option in reversed(
        [
            click.option(
                "--source", "sources", multiple=True, help="Only this source; repeatable."
            ),
            click.option(
                "--since", callback=check_date, help="From this date: YYYY, YYYY-MM or YYYY-MM-DD."
            ),
            click.option("--until", callback=check_date, help="Up to this date, inclusive."),
            click.option(
                "--topic", "topics", multiple=True,
                help="Only releases with a highlight of this topic (Parent/Topic); repeatable.",
            ),
        ]
    ):  # fmt: skip
        command = option(command)
    return release_filter_options(command)


def _release_filter(
    store: Store,
    sources: tuple[str, ...],
    since: str | None,
    until: str | None,
    topics: tuple[str, ...],
    **chosen: tuple[str, ...],
) -> ReleaseFilter:
    if since and until and first_day(since) > last_day(until):
        raise click.UsageError(f"--since {since} comes after --until {until}; swap them.")
    return ReleaseFilter(
        sources=sources,
        since=first_day(since) if since else None,
        until=last_day(until) if until else None,
        tag_ids=tuple(topic_id(store, name, "--topic") for name in topics),
        **release_filter_fields(store, **chosen),
    )


def _phrase(text: str, stem: bool) -> Phrase:
    try:
        return Phrase.parse(text, stem)
    except PhraseError as error:
        raise click.BadParameter(str(error), param_hint="PHRASE") from None


# "-Ukraine" is a phrase, not an unknown option.
@click.command("concordance", context_settings={"ignore_unknown_options": True})
@click.argument("phrase")
@click.option(
    "--sort",
    type=click.Choice(SORTS),
    default="date",
    show_default=True,
    help="By the 1st, 2nd or 3rd word left or right of the match, by date (oldest first) "
    "or by issuer.",
)
@click.option(
    "--limit", default=100, show_default=True, type=click.IntRange(min=1), help="Lines at most."
)
@stem_option
@phrase_filter_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def concordance_command(
    context: StoreContext,
    phrase: str,
    sort: str,
    limit: int,
    stem: bool,
    as_json: bool,
    **filters,
) -> None:
    """Every occurrence of a phrase, word or prefix (sanction*), one line each.

    \b
    communique concordance "territorial integrity" --issuer Farnesina --sort right
    communique concordance 'sanction*' --since 2024 --json
    communique concordance Sanktion --stem --language de
    """
    store = context.store
    looked_for = _phrase(phrase, stem)
    flt = _release_filter(store, **filters)
    found = concordance(store, looked_for, flt, sort=sort, limit=limit)
    if as_json:
        emit(concordance_json(found))
        return
    for line in found.lines:
        by = f"{line.date or '—':10}  {(line.issuer or '')[:24]:24}"
        click.echo(f"{by}  {line.left[-40:]:>40} [{line.match}] {line.right[:40]}")
    click.echo(f"({len(found.lines)} of {found.total} occurrences)", err=True)


@click.command("tag-all", context_settings={"ignore_unknown_options": True})
@click.argument("phrase")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    required=True,
    help="The topic to tag with (created if new; Parent/Topic a sub-topic); repeatable.",
)
@click.option(
    "--scope",
    type=click.Choice(SCOPES),
    default="match",
    show_default=True,
    help="Tag the matched words, or the sentence around each.",
)
@stem_option
@phrase_filter_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def tag_all_command(
    context: StoreContext,
    phrase: str,
    tags: tuple[str, ...],
    scope: str,
    stem: bool,
    as_json: bool,
    **filters,
) -> None:
    """Tag every occurrence of a phrase (or its sentence) with topics, in one transaction;
    occurrences already carrying the topic are left alone.

    \b
    communique tag-all "territorial integrity" --tag Ukraine --issuer Farnesina
    """
    store = context.store
    looked_for = _phrase(phrase, stem)
    flt = _release_filter(store, **filters)
    try:
        with store.write():
            tag_ids, _ = ensure_topics(store, list(tags))
            places = occurrence_places(store, looked_for, flt)
            done = tag_places(store, places, tag_ids, scope)
    except TagError as error:
        raise click.BadParameter(str(error), param_hint="--tag") from None
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        emit({"highlights_added": len(done.highlight_ids), "already_tagged": done.already_tagged})
    else:
        click.echo(
            f"{len(done.highlight_ids)} highlights added, {done.already_tagged} already tagged"
        )
