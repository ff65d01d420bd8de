"""A saved page's release title, never its site's name, and the site name its <title> adds.

Pages title themselves "Title | Site", "Title - Section - Site" or "Site – Title"; some
give only the site's name, or only the section ("Press Releases | Media Center | Ministry").
The title is, in order of trust:

1. a heading of the page that some reading of its og:title, JSON-LD headline or <title>
   repeats (the reading with the affixes off; what was cut off names the site);
2. og:title, the headline or <title> with the affixes that are the site's known name cut;
3. the page's first h1 (else h2) that is neither a site name nor a link.

A <title> that is only the site's name, or only section labels (link texts of the page)
before it, is no title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from store.ingest.page_metadata import PageMetadata

# " | ", " - ", " – ", " — ", " · ", " » ", " :: " between the parts of a page's title.
_SEPARATOR = re.compile(r"\s+(?:[|–—·»]|-|::)\s+")


@dataclass(frozen=True)
class PageTitle:
    """The release's title, and the site's name as the page's title affix gives it."""

    title: str | None
    site_name: str | None = None


def choose_title(metadata: PageMetadata) -> PageTitle:
    """The release's title from the page's markup (see the module's docstring)."""
    sources = [t for t in (metadata.og_title, metadata.headline, metadata.html_title) if t]
    sites = {_fold(name) for name in metadata.site_names}
    headings = {_fold(h): h for h in metadata.headings if _fold(h) not in sites}
    for text in sources:
        for reading, site in _readings(text):
            if _fold(reading) in headings:
                return PageTitle(headings[_fold(reading)], site)
    for text in sources:
        stripped = _without_site(text, sites)
        if stripped and not _is_site(stripped, sites) and not _only_labels(stripped, metadata):
            return PageTitle(stripped, _affix_site(metadata))
    heading = next((h for h in headings.values() if _fold(h) not in metadata.link_texts), None)
    return PageTitle(heading, _affix_site(metadata))


def _readings(text: str) -> list[tuple[str, str | None]]:
    """(title, site) readings of a page title, the whole first, then shorter ones.

    "A | B | C" reads as itself, ("A | B", "C"), ("A", "C"), ("B | C", "A"), ("C", "A"):
    what is cut off names the site at its far end.
    """
    parts = _SEPARATOR.split(text)
    separators = _SEPARATOR.findall(text)
    if len(parts) == 1:
        return [(text, None)]

    def joined(start: int, end: int) -> str:
        pieces = [parts[start]]
        for index in range(start + 1, end):
            pieces += [separators[index - 1], parts[index]]
        return "".join(pieces)

    readings: list[tuple[str, str | None]] = [(text, None)]
    for end in range(len(parts) - 1, 0, -1):
        readings.append((joined(0, end), parts[-1]))
    for start in range(1, len(parts)):
        readings.append((joined(start, len(parts)), parts[0]))
    return readings


def _without_site(text: str, sites: set[str]) -> str:
    """The title with its leading and trailing parts that are a known site's name cut."""
    parts = _SEPARATOR.split(text)
    separators = _SEPARATOR.findall(text)
    while len(parts) > 1 and _is_site(parts[-1], sites):
        parts.pop()
        separators.pop()
    while len(parts) > 1 and _is_site(parts[0], sites):
        parts.pop(0)
        separators.pop(0)
    pieces = [parts[0]]
    for separator, part in zip(separators, parts[1:], strict=True):
        pieces += [separator, part]
    return "".join(pieces).strip()


def _is_site(part: str, sites: set[str]) -> bool:
    """Whether a part of a title is a site's name, or part of one ("France Diplomatie - …")."""
    folded = _fold(part)
    return any(folded == site or (len(folded) > 3 and folded in site) for site in sites)


def _only_labels(text: str, metadata: PageMetadata) -> bool:
    """Whether every part of a title but the last is one of the page's link texts."""
    parts = _SEPARATOR.split(text)
    return len(parts) > 1 and all(_fold(part) in metadata.link_texts for part in parts[:-1])


def _affix_site(metadata: PageMetadata) -> str | None:
    """The site's name as the <title>'s last part gives it, when it has parts."""
    if not metadata.html_title:
        return None
    parts = _SEPARATOR.split(metadata.html_title)
    return parts[-1] if len(parts) > 1 else None


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())
