"""Coders' names: the analyst a session with the store writes as.

The name is set once per session (:attr:`store.db.Store.coder`): the window's preferences
(:func:`choose_coder`, for every store the program opens, its workers' included), or
``--coder`` / ``COMMUNIQUE_CODER`` on the command line; by default the system user's name.

>>> clean_coder("  Ana  Petrović ")
'Ana Petrović'
"""

from __future__ import annotations

import getpass
import os
import re

ENVIRONMENT = "COMMUNIQUE_CODER"
# How the empty name of highlights made before coders were recorded reads.
NO_CODER = "(no coder named)"
MAX_LENGTH = 80
_SPACES = re.compile(r"\s+")
_chosen: list[str] = []  # the name the analyst chose in this program, if any


def choose_coder(name: str) -> str:
    """Make ``name`` (cleaned, and returned) the coder of every store this program opens
    from now on."""
    cleaned = clean_coder(name)
    _chosen[:] = [cleaned]
    return cleaned


class CoderError(ValueError):
    """A coder's name that cannot be used; the message says why, in one sentence."""


def default_coder() -> str:
    """The name chosen in this program, else ``COMMUNIQUE_CODER`` if set, else the system
    user's name, else "analyst"; never refused (a name too long is cut), since every
    session with the store needs one."""
    if _chosen:
        return _chosen[0]
    named = os.environ.get(ENVIRONMENT, "")
    if not named.strip():
        try:
            named = getpass.getuser()
        except (OSError, KeyError):  # no user name in a bare container
            named = ""
    return _SPACES.sub(" ", named).strip()[:MAX_LENGTH].strip() or "analyst"


def clean_coder(name: str) -> str:
    """A coder's name with its white space made single; refuses an empty or long one."""
    cleaned = _SPACES.sub(" ", name).strip()
    if not cleaned:
        raise CoderError("A coder needs a name.")
    if len(cleaned) > MAX_LENGTH:
        raise CoderError(f"A coder's name has at most {MAX_LENGTH} characters.")
    return cleaned
