"""What every command of the group shares: the store, opened when a command first needs it."""

from __future__ import annotations

from pathlib import Path

import click

from store.coder_names import CoderError, clean_coder
from store.db import Store, StoreError


class StoreContext:
    """The group's context object (``ctx.obj``): the store path, and the store on demand."""

    def __init__(self, db_path: Path, coder: str | None = None) -> None:
        self.db_path = db_path
        self.coder = coder  # None: the store's default (COMMUNIQUE_CODER, the user's name)
        self._store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            from store.attribution_upgrade import open_store  # with the store, not before

            try:
                self._store = open_store(self.db_path, progress=say_upgrade_step)
            except StoreError as error:
                raise click.ClickException(str(error)) from None
            if self._store.created:
                say_created(self.db_path)
            if self.coder is not None:
                self.write_as(self.coder)
        return self._store

    def write_as(self, coder: str) -> None:
        """Make what the store writes from now on carry ``coder`` (a command's --coder)."""
        try:
            self.coder = clean_coder(coder)
        except CoderError as error:
            raise click.ClickException(f"--coder: {error}") from None
        if self._store is not None:
            self._store.coder = self.coder

    def close(self) -> None:
        if self._store is not None:
            self._store.close()


def no_such_release(release_id: int) -> click.ClickException:
    """The refusal of a release id the store does not have, with where to find the ids."""
    return click.ClickException(
        f"There is no release with id {release_id}; communique list shows the ids."
    )


def say_created(db_path: Path) -> None:
    """A mistyped --db makes a new, empty store rather than an error: saying so on stderr
    tells the analyst why nothing is listed, and where the new file is."""
    click.echo(f"Created a new store at {db_path}.", err=True)


def say_upgrade_step(step: int, steps: int, what: str) -> None:
    """Upgrading a big store takes minutes (the search index of a million releases): the
    terminal says what is being done rather than seeming to hang. On stderr, so that a
    command's JSON on stdout stays whole."""
    click.echo(f"Upgrading the store, step {step} of {steps}: {what}…", err=True)
