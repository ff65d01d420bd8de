"""``communique orphans``: the highlights that lost their place when a release was revised.

An orphan keeps its quote, tags and note; the analyst re-attaches it to a new selection in
the window or deletes it. Listed here so that scripts can find them too.
"""

from __future__ import annotations

import json
from typing import Protocol

import click

from store.db import Store
from store.highlights import Highlight, orphaned_highlights


class _HasStore(Protocol):
    @property
    def store(self) -> Store: ...


def orphan_json(highlight: Highlight) -> dict[str, object]:
    """The stable JSON shape of an orphan: it has no place, so no offsets."""
    return {
        "id": highlight.id,
        "release_id": highlight.release_id,
        "quote": highlight.quote,
        "tags": [tag.name for tag in highlight.tags],
        "note": highlight.note,
    }


def add_orphans_command(cli: click.Group) -> None:
    """Add ``orphans [--json]`` to the command group (its ``ctx.obj`` has ``.store``)."""

    @cli.command("orphans")
    @click.option("--json", "as_json", is_flag=True, help="Print the orphans as JSON.")
    @click.pass_obj
    def orphans_command(context: _HasStore, as_json: bool) -> None:
        """List highlights whose words a revised release no longer has."""
        orphans = orphaned_highlights(context.store)
        if as_json:
            data = [orphan_json(h) for h in orphans]
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for h in orphans:
            tags = ", ".join(t.name for t in h.tags)
            note = f"  ({h.note})" if h.note else ""
            click.echo(f"#{h.id} in release {h.release_id} {tags}: “{h.quote}”{note}")
        if not orphans:
            click.echo("No highlight has lost its place.", err=True)
