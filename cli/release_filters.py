"""The options that choose releases by who issued and spoke them, in what language, naming
which countries: shared by ``list``, ``search`` and ``export``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

from store.db import Store
from store.issuers import find_issuer

F = TypeVar("F", bound=Callable[..., object])


def release_filter_options(command: F) -> F:
    """Add ``--issuer``, ``--speaker``, ``--language`` and ``--country``, each repeatable."""
    for option in reversed(
        [
            click.option(
                "--issuer", "issuers", multiple=True,
                help="Only releases of this issuer (a name it is known by, or its id); repeatable.",
            ),
            click.option(
                "--speaker", "speakers", multiple=True,
                help="Only releases whose speaker's name contains this; repeatable.",
            ),
            click.option(
                "--language", "languages", multiple=True,
                help="Only releases in this language (en, fr, de…); repeatable.",
            ),
            click.option(
                "--country", "countries", multiple=True,
                help="Only releases naming this country (ISO code: IT, US, XK…); repeatable.",
            ),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def release_filter_fields(
    store: Store,
    issuers: tuple[str, ...],
    speakers: tuple[str, ...],
    languages: tuple[str, ...],
    countries: tuple[str, ...],
) -> dict[str, tuple]:
    """The filter fields (``issuer_ids``, ``speakers``, ``languages``, ``countries``) the
    options name; an issuer no one answers to is refused, naming it."""
    issuer_ids = []
    for name in issuers:
        issuer = find_issuer(store, name)
        if issuer is None:
            raise click.BadParameter(
                f"no issuer is called “{name}”; `communique issuers` lists them.",
                param_hint="--issuer",
            )
        issuer_ids.append(issuer.id)
    return {
        "issuer_ids": tuple(issuer_ids),
        "speakers": tuple(speaker for speaker in speakers if speaker.strip()),
        "languages": tuple(language.strip().lower() for language in languages),
        "countries": tuple(country.strip().upper() for country in countries),
    }
