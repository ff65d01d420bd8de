"""The ``communique`` command group and its commands on releases and the codebook.

Every listing command takes ``--json`` (the shapes are in :mod:`cli.shapes`). Errors a user
can cause end as one sentence on stderr and a non-zero status. With no command the window
opens on the store; it is imported only then, so that every command runs without Qt.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.context import StoreContext, no_such_release
from cli.import_progress import import_progress_bar
from cli.lazy_commands import LazyGroup
from cli.release_filters import release_filter_fields, release_filter_options
from cli.shapes import emit, highlight_json, import_summary_json, release_json, tag_json
from cli.stemming_option import stem_option
from cli.window_platform import window_refusal
from store.coder_names import ENVIRONMENT as CODER_ENV
from store.db import DB_ENV_VAR, StoreError, default_store_path
from store.releases import (
    ReleaseFilter,
    count_releases,
    get_release,
    page_of_releases,
    search_releases,
)
from store.tags import list_tags

NO_WINDOW = (
    "communique: the window needs PySide6, which is not installed here "
    "(pip install 'PySide6-Essentials<6.12'); every command (communique --help) works without it."
)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar=DB_ENV_VAR,
    default=None,
    help=f"The store file (default: ${DB_ENV_VAR}, else the user data folder).",
)
@click.option(
    "--coder",
    default=None,
    help=f"Whose highlights and codebook changes these are (default: ${CODER_ENV}, else "
    "your user name).",
)
@click.version_option(package_name="communique-desk", prog_name="communique")
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, coder: str | None) -> None:
    """Communiqué Desk: read, highlight and tag official releases.

    Without a command, opens the window on the store.
    """
    context = StoreContext(db_path or default_store_path(), coder)
    ctx.obj = context
    ctx.call_on_close(context.close)
    if ctx.invoked_subcommand is None:
        open_window(context.db_path)


def open_window(db_path: Path) -> None:
    """The window on the store, until it is closed; where it cannot open (no PySide6, no
    display, a system library Qt's X11 plugin needs), says why and what to do, and exits 2
    before Qt can abort the process."""
    refusal = window_refusal()
    if refusal:
        click.echo(refusal, err=True)
        sys.exit(2)
    try:
        from gui.app import open_window as run_window
    except ImportError as error:
        if (error.name or "").split(".")[0] not in ("PySide6", "shiboken6"):
            raise
        click.echo(NO_WINDOW, err=True)
        sys.exit(2)
    run_window(db_path)


@cli.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--issuer",
    "default_issuer",
    help="The issuer of the releases whose files name none (a ministry's pages, say).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_obj
def import_command(
    context: StoreContext, paths: tuple[Path, ...], default_issuer: str | None, as_json: bool
) -> None:
    """Import files and folders (recursively): page texts, HTML, feeds, Markdown, JSON, CSV."""
    from store.imports.pipeline import import_paths  # the importers load only when used

    with import_progress_bar(not as_json and sys.stderr.isatty()) as bar:
        summary = import_paths(
            context.store,
            paths,
            progress=bar.next_file,
            default_issuer=default_issuer,
            reading=bar.reading,
        )
    if as_json:
        emit(import_summary_json(summary))
    else:
        click.echo(
            f"{summary.imported} imported, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {len(summary.skipped)} skipped"
            + (f"; {summary.orphaned} highlights lost their place" if summary.orphaned else "")
        )
        for skipped in summary.skipped:
            click.echo(f"skipped {skipped.file}: {skipped.reason}", err=True)
    if summary.skipped:
        sys.exit(1)


@cli.command("list")
@click.option(
    "--limit",
    default=50,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many releases at most.",
)
@release_filter_options
@click.option("--unread", is_flag=True, help="Only releases a subscription brought, not yet read.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def list_command(
    context: StoreContext, limit: int, unread: bool, as_json: bool, **chosen: tuple[str, ...]
) -> None:
    """List releases, newest first."""
    flt = ReleaseFilter(**release_filter_fields(context.store, **chosen), unread=unread)
    releases = page_of_releases(context.store, flt, limit=limit)
    if as_json:
        emit([release_json(r) for r in releases])
        return
    total = count_releases(context.store, flt)
    for r in releases:
        by = r.issuer or r.source or ""
        click.echo(f"{r.id:>6}  {r.date or '—':10}  {by[:24]:24}  {r.title}")
    click.echo(f"({len(releases)} of {total} releases)", err=True)


@cli.command("show")
@click.argument("release_id", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show_command(context: StoreContext, release_id: int, as_json: bool) -> None:
    """Show one release: metadata, canonical text and its anchored highlights."""
    from store.highlights import highlights_of_release  # the anchoring stack: see main()

    release = get_release(context.store, release_id)
    if release is None:
        raise no_such_release(release_id)
    highlights = highlights_of_release(context.store, release_id, include_orphans=False)
    if as_json:
        data = release_json(release)
        data["text"] = release.text
        data["highlights"] = [highlight_json(h) for h in highlights]
        emit(data)
        return
    click.echo(release.title)
    by = release.issuer or release.source
    if by and release.speaker:
        by = f"{by} ({release.speaker})"
    click.echo(" · ".join(x for x in (by, release.date, release.language, release.url) if x))
    if release.countries:
        click.echo("Countries: " + ", ".join(release.countries))
    click.echo()
    click.echo(release.text)
    if highlights:
        click.echo("\nHighlights:")
    for h in highlights:
        tags = ", ".join(t.name for t in h.tags)
        note = f"  ({h.note})" if h.note else ""
        click.echo(f"  #{h.id} [{h.start}–{h.end}] {tags}: “{h.quote}”{note}")


# "-Ukraine" is a search for a word, not an unknown option.
@cli.command("search", context_settings={"ignore_unknown_options": True})
@click.argument("query")
@click.option(
    "--limit", default=20, show_default=True, type=click.IntRange(min=1), help="How many at most."
)
@release_filter_options
@stem_option
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def search_command(
    context: StoreContext,
    query: str,
    limit: int,
    stem: bool,
    as_json: bool,
    **chosen: tuple[str, ...],
) -> None:
    """Full-text search over titles and texts, best matches first. With --stem every word
    of the query must occur, each by its stem (search operators are words then)."""
    within = ReleaseFilter(**release_filter_fields(context.store, **chosen))
    if stem:
        from store.phrases import PhraseError  # the stemmers load only with --stem
        from store.stemmed_search import stemmed_search

        try:
            hits = stemmed_search(context.store, query, limit=limit, within=within)
        except PhraseError as error:
            raise click.BadParameter(str(error), param_hint="QUERY") from None
    else:
        hits = search_releases(context.store, query, limit=limit, within=within)
    if as_json:
        emit([release_json(h.release) | {"snippet": h.snippet} for h in hits])
        return
    for hit in hits:
        r = hit.release
        click.echo(f"{r.id:>6}  {r.date or '—':10}  {r.title}")
        click.echo(f"        {' '.join(hit.snippet.split())}")
    if not hits:
        click.echo("No release matches.", err=True)


@cli.command("tags")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def tags_command(context: StoreContext, as_json: bool) -> None:
    """List the codebook: every tag with its colour, parent and number of highlights."""
    tags = list_tags(context.store)
    if as_json:
        emit([tag_json(tag) for tag in tags])
        return
    names = {tag.id: tag.name for tag in tags}
    for tag in tags:
        parent = f"  (in {names[tag.parent_id]})" if tag.parent_id in names else ""
        click.echo(f"{tag.colour}  {tag.name}: {tag.highlight_count}{parent}")


@cli.command("highlight")
@click.argument("release_id", type=int)
@click.option(
    "--quote",
    required=True,
    help="The passage; any white space matches any, composed accents match decomposed ones.",
)
@click.option(
    "--occurrence",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Which occurrence (1 is the first).",
)
@click.option(
    "--tag",
    "tags",
    multiple=True,
    help="A topic (created if new); Parent/Topic names a sub-topic; repeatable.",
)
@click.option("--note", default="", help="A note on the passage.")
@click.option("--coder", default=None, help="Whose highlight it is (default: your user name).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def highlight_command(
    context: StoreContext,
    release_id: int,
    quote: str,
    occurrence: int,
    tags: tuple[str, ...],
    note: str,
    coder: str | None,
    as_json: bool,
) -> None:
    """Highlight a passage of a release and tag it (for scripted tagging).

    \b
    communique highlight 12 --quote "Sénégal (café)" --tag Africa
    communique highlight 12 --quote "the Western Balkans" --tag Europe/Balkans

    --tag Europe/Balkans names the sub-topic Balkans under Europe and creates either when
    new. A slash inside a topic's own name is written \\/ (--tag 'AU\\/EU'); a topic whose
    whole name is the text given is that topic.
    """
    from store.highlights import QuoteNotFound, add_highlight_by_quote, highlights_of_release
    from store.topic_paths import ensure_topics

    if coder is not None:
        context.write_as(coder)
    store = context.store
    if get_release(store, release_id) is None:
        raise no_such_release(release_id)
    try:
        with store.write():
            tag_ids, _ = ensure_topics(store, list(tags))
            changes = add_highlight_by_quote(store, release_id, quote, occurrence, tag_ids, note)
    except QuoteNotFound as error:
        raise click.ClickException(
            f"{str(error).rstrip('.')}; compare with its text as communique show {release_id} "
            "prints it (any run of white space matches any other)."
        ) from None
    except StoreError as error:
        raise click.ClickException(str(error)) from None
    highlight = next(h for h in highlights_of_release(store, release_id) if h.id == changes.created)
    if as_json:
        emit(highlight_json(highlight))
    else:
        click.echo(f"highlight #{highlight.id} [{highlight.start}–{highlight.end}]")


# The other commands, each imported only when it is run (cli/lazy_commands.py).
cli.lazy_commands.update(
    {
        "export": "cli.export:export_command",
        "backup": "cli.maintenance:backup_command",
        "check": "cli.maintenance:check_command",
        "reclean": "cli.maintenance:reclean_command",
        "orphans": "cli.maintenance:orphans_command",
        "install-desktop": "cli.desktop_entry:install_desktop_command",
        "issuers": "cli.issuers:issuers_command",
        "set": "cli.issuers:set_command",
        "concordance": "cli.phrases:concordance_command",
        "tag-all": "cli.phrases:tag_all_command",
        "trend": "cli.trends:trend_command",
        "reuse": "cli.reuse:reuse_command",
        "agreed-language": "cli.reuse:agreed_language_command",
        "follow": "cli.subscriptions:follow_command",
        "following": "cli.subscriptions:following_command",
        "unfollow": "cli.subscriptions:unfollow_command",
        "fetch": "cli.subscriptions:fetch_command",
        "read": "cli.subscriptions:read_command",
        "coders": "cli.coders:coders_command",
        "agreement": "cli.coders:agreement_command",
        "merge": "cli.merge:merge_command",
        "align": "cli.side_by_side:align_command",
        "counterparts": "cli.side_by_side:counterparts_command",
        "translations": "cli.statements:translations_command",
        "group": "cli.statements:group_command",
        "ungroup": "cli.statements:ungroup_command",
    }
)


def main() -> None:
    """The ``communique`` entry point.

    What only some commands need is imported inside them (and the other commands' modules
    when they are run: cli/lazy_commands.py), so that ``communique --version`` and
    ``communique list`` start in a fraction of a second (bench/bench_startup.py)."""
    cli(prog_name="communique")
