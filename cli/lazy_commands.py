"""The command group's subcommands named by where they live, imported when one is run.

Each command module imports what its command needs (exports bring openpyxl and python-docx,
fetching brings httpx and trafilatura, counterparts scikit-learn): importing them all made
``communique --version`` take seconds. The group imports a module only for the command
invoked, or for ``--help``, which lists them all.
"""

from __future__ import annotations

import importlib

import click


class LazyGroup(click.Group):
    """A ``click.Group`` whose ``lazy_commands`` map a command's name to
    ``"module:attribute"``, the command imported on first use."""

    def __init__(self, *args, lazy_commands: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy_commands and cmd_name not in self.commands:
            module, attribute = self.lazy_commands[cmd_name].split(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)
