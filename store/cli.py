"""The ``communique`` command line: a thin face over the store for terminals and scripts.

Every listing command takes ``--json``; the JSON shapes are documented in the README and
kept stable. Errors a user can cause end as one sentence on stderr and a non-zero status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import click

from store.cli_export import add_export_command
from store.cli_maintenance import add_maintenance_commands
from store.cli_orphans import add_orphans_command
from store.db import DB_ENV_VAR, Store, StoreError, default_store_path
from store.highlights import Highlight, add_highlight_by_quote, highlights_of_release
from store.ingest.pipeline import import_paths
from store.releases import (
    ReleaseSummary,
    count_releases,
    get_release,
    page_of_releases,
    search_releases,
)
from store.tags import ensure_tags, list_tags


def release_json(release: ReleaseSummary) -> dict[str, object]:
    """The stable JSON shape of a release in listings."""
    return {
        "id": release.id,
        "title": release.title,
        "date": release.date,
        "source": release.source,
        "url": release.url,
        "language": release.language,
        "highlight_count": release.highlight_count,
    }


def highlight_json(highlight: Highlight) -> dict[str, object]:
    """The stable JSON shape of a highlight."""
    return {
        "id": highlight.id,
        "release_id": highlight.release_id,
        "start": highlight.start,
        "end": highlight.end,
        "quote": highlight.quote,
        "tags": [tag.name for tag in highlight.tags],
        "note": highlight.note,
    }


class _Context:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.db_path, progress=_say_upgrade_step)
            except StoreError as error:
                raise click.ClickException(str(error)) from None
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def _say_upgrade_step(step: int, steps: int, what: str) -> None:
    """Upgrading a big store takes minutes (the search index of a million releases, five):
    the terminal says what is being done rather than seeming to hang. On stderr, so that a
    command's JSON on stdout stays whole."""
    click.echo(f"Upgrading the store, step {step} of {steps}: {what}…", err=True)


def _emit(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def make_cli(open_window: Callable[[Path], None] | None = None) -> click.Group:
    """Build the command group; with no subcommand it calls ``open_window(db_path)``.

    The window lives in ``gui``, which the store may not import, so ``gui.app.main`` passes
    it in. Without a window (``python -m store``) the bare command prints its help.
    """

    @click.group(
        invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]}
    )
    @click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar=DB_ENV_VAR,
        default=None,
        help=f"The store file (default: ${DB_ENV_VAR}, else the user data folder).",
    )
    @click.version_option(package_name="communique-desk")
    @click.pass_context
    def cli(ctx: click.Context, db_path: Path | None) -> None:
        """Communiqué Desk: read, highlight and tag official releases.

        Without a command, opens the window on the store.
        """
        context = _Context(db_path or default_store_path())
        ctx.obj = context
        ctx.call_on_close(context.close)
        if ctx.invoked_subcommand is None:
            if open_window is None:
                click.echo(ctx.get_help())
            else:
                open_window(context.db_path)

    @cli.command("import")
    @click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
    @click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
    @click.pass_obj
    def import_command(context: _Context, paths: tuple[Path, ...], as_json: bool) -> None:
        """Import files and folders (recursively): page texts, HTML, feeds, Markdown, JSON, CSV."""
        show_bar = not as_json and sys.stderr.isatty()
        with click.progressbar(length=1, label="Importing", file=sys.stderr) as bar:

            def progress(done: int, total: int, current: str) -> None:
                if show_bar:
                    bar.length = max(total, 1)
                    bar.update(done - bar.pos)

            summary = import_paths(context.store, paths, progress=progress)
        if as_json:
            _emit(summary.as_json())
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
    @click.option("--limit", default=50, show_default=True, help="How many releases at most.")
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def list_command(context: _Context, limit: int, as_json: bool) -> None:
        """List releases, newest first."""
        releases = page_of_releases(context.store, limit=limit)
        if as_json:
            _emit([release_json(r) for r in releases])
            return
        total = count_releases(context.store)
        for r in releases:
            click.echo(f"{r.id:>6}  {r.date or '—':10}  {(r.source or '')[:24]:24}  {r.title}")
        click.echo(f"({len(releases)} of {total} releases)", err=True)

    @cli.command("show")
    @click.argument("release_id", type=int)
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def show_command(context: _Context, release_id: int, as_json: bool) -> None:
        """Show one release: metadata, canonical text and its anchored highlights."""
        release = get_release(context.store, release_id)
        if release is None:
            raise click.ClickException(f"There is no release with id {release_id}.")
        highlights = highlights_of_release(context.store, release_id, include_orphans=False)
        if as_json:
            data = release_json(release)
            data["text"] = release.text
            data["highlights"] = [highlight_json(h) for h in highlights]
            _emit(data)
            return
        click.echo(release.title)
        click.echo(" · ".join(x for x in (release.date, release.source, release.url) if x))
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
    @click.option("--limit", default=20, show_default=True)
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def search_command(context: _Context, query: str, limit: int, as_json: bool) -> None:
        """Full-text search over titles and texts, best matches first."""
        hits = search_releases(context.store, query, limit=limit)
        if as_json:
            _emit([release_json(h.release) | {"snippet": h.snippet} for h in hits])
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
    def tags_command(context: _Context, as_json: bool) -> None:
        """List the codebook: every tag with its colour, parent and number of highlights."""
        tags = list_tags(context.store)
        if as_json:
            _emit([asdict(tag) for tag in tags])
            return
        names = {tag.id: tag.name for tag in tags}
        for tag in tags:
            parent = f"  (in {names[tag.parent_id]})" if tag.parent_id in names else ""
            click.echo(f"{tag.colour}  {tag.name}: {tag.highlight_count}{parent}")

    @cli.command("highlight")
    @click.argument("release_id", type=int)
    @click.option("--quote", required=True, help="The passage; any white space matches any.")
    @click.option("--occurrence", default=1, show_default=True, help="Which occurrence.")
    @click.option("--tag", "tags", multiple=True, help="A topic (created if new); repeatable.")
    @click.option("--note", default="", help="A note on the passage.")
    @click.option("--json", "as_json", is_flag=True)
    @click.pass_obj
    def highlight_command(
        context: _Context,
        release_id: int,
        quote: str,
        occurrence: int,
        tags: tuple[str, ...],
        note: str,
        as_json: bool,
    ) -> None:
        """Highlight a passage of a release and tag it (for scripted tagging)."""
        store = context.store
        try:
            with store.write():
                tag_ids, _ = ensure_tags(store, list(tags))
                changes = add_highlight_by_quote(
                    store, release_id, quote, occurrence, tag_ids, note
                )
        except StoreError as error:
            raise click.ClickException(str(error)) from None
        highlight = next(
            h for h in highlights_of_release(store, release_id) if h.id == changes.created
        )
        if as_json:
            _emit(highlight_json(highlight))
        else:
            click.echo(f"highlight #{highlight.id} [{highlight.start}–{highlight.end}]")

    add_export_command(cli)
    add_maintenance_commands(cli)
    add_orphans_command(cli)
    return cli


def main() -> None:
    """``python -m store``: the command line without the window."""
    make_cli()()
