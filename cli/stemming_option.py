"""``--stem``, the option of every command that matches words: in a module of its own so that
``communique search`` takes it without importing the phrase commands' stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])


def stem_option(command: F) -> F:
    """``--stem``: match words by their stems in each release's language."""
    return click.option(
        "--stem",
        is_flag=True,
        help="Match each word by its stem in the release's language (Sanktion finds "
        'Sanktionen); a word in "quotes" as written. Releases in a language with no '
        "stemmer, or none, are matched as written.",
    )(command)
