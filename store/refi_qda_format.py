"""REFI-QDA (QDA-XML 1.0): what the reader (``store.ingest.refi_qda``) and the writer
(``store.export.refi_qda``) both know: namespaces, the variables each source carries, GUIDs
and colours.

The schemas and what importers expect are in ``shared/specs/refi-qda/``.
"""

from __future__ import annotations

import re
import uuid

# The program as a project's origin, and as the User of highlights no coder was named for.
ORIGIN = "Communiqué Desk"
PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
# A project's file inside a .qdpx archive, and how a source names its text file there.
PROJECT_MEMBER = "project.qde"
INTERNAL = "internal://"
SOURCES_FOLDER = "sources/"
# Text variables on every source, by name (a QDA suite shows them to the analyst); a source
# written by this program carries its release's identity, so a re-import finds the release.
IDENTITY, DATE, SOURCE, URL, LANGUAGE = "Release identity", "Date", "Source", "URL", "Language"
ISSUER, SPEAKER, COUNTRIES = "Issuer", "Speaker", "Countries"  # countries: ISO codes, spaced
VARIABLES = (IDENTITY, DATE, SOURCE, URL, LANGUAGE, ISSUER, SPEAKER, COUNTRIES)
# Fixed namespace for every uuid5 this program derives: never change it, or re-exports of
# the same store stop matching earlier ones.
GUID_NAMESPACE = uuid.UUID("6f1d2c3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f")
_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def guid(kind: str, key: object) -> str:
    """A stable GUID for a thing of ``kind`` known by ``key``.

    >>> guid("tag", "ukraine") == guid("tag", "ukraine") != guid("tag", "nato")
    True
    """
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def tag_guid(name: str) -> str:
    """A tag's code GUID: by its name, whatever its case, as tags are merged on import."""
    return guid("tag", name.casefold())


def same_guid(value: str | None) -> str:
    """A GUID as read, put in the one form GUIDs compare in: without braces or case (both
    forms are valid QDA-XML).

    >>> same_guid("{6F1D2C3E-8A4B-5C6D-9E0F-1A2B3C4D5E6F}")
    '6f1d2c3e-8a4b-5c6d-9e0f-1a2b3c4d5e6f'
    """
    return (value or "").strip().strip("{}").lower()


def colour(value: str | None) -> str | None:
    """``#rrggbb`` from a QDA colour (``#rgb`` is widened); None when it is not one.

    >>> colour("#F0a")
    '#ff00aa'
    """
    match = _COLOUR.match((value or "").strip())
    if not match:
        return None
    digits = match.group(1)
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).lower()
