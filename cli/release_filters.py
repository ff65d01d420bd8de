"""The options that choose releases, shared by the commands that take them: who issued and
spoke them, in what language, naming which countries; the date bounds and the topic named
by ``--tag``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import TypeVar

import click

from store.db import Store
from store.issuers import find_issuer
from store.tags import TagError, list_tags
from store.topic_paths import find_topic

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


_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def topic_id(store: Store, name: str, option: str = "--tag") -> int:
    """The id of the topic a ``--tag`` names (a path like Parent/Topic), or a refusal saying
    which topics there are."""
    try:
        tag = find_topic(store, name)
    except TagError as error:
        raise click.BadParameter(str(error), param_hint=option) from None
    if tag is None:
        tags = list_tags(store)
        known = ", ".join(t.name for t in tags[:20]) + (", …" if len(tags) > 20 else "")
        raise click.BadParameter(
            f"There is no tag named “{name}” in the codebook; communique tags lists them "
            f"({known or 'none yet'}).",
            param_hint=option,
        )
    return tag.id


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A ``--since``/``--until`` value checked: a year, a month or a day the calendar has."""
    if value is not None and not (_DATE.match(value) and _is_calendar_date(value)):
        raise click.BadParameter(
            f"“{value}” is not a date; write one like 2024, 2024-05 or 2024-05-31."
        )
    return value


def _is_calendar_date(value: str) -> bool:
    """A year, a month of a year or a day that the calendar has (no 2022-13, no 02-30)."""
    try:
        dt.date.fromisoformat(first_day(value))
    except ValueError:
        return False
    return True


def first_day(value: str) -> str:
    """The first day a date bound covers: 2024 → 2024-01-01."""
    return (value + "-01-01")[:10]


def last_day(value: str) -> str:
    """The last day a date bound covers: 2024-02 → 2024-02-29."""
    if len(value) == 10:
        return value
    year, month = int(value[:4]), int(value[5:7]) if len(value) == 7 else 12
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()
