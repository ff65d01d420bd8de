"""The shape of a briefing, shared by the Markdown and DOCX exports: excerpts grouped by tag.

Sections follow the codebook's hierarchy (a parent, then its sub-tags beneath it, each level
by name); a tag with no exported excerpt appears only as the heading above sub-tags that
have some. An excerpt with two tags is quoted under each; excerpts with no tag come last
under "Untagged". Within a section excerpts keep reading order (date, release, place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import Ticker, release_in_steps
from store.tags import Tag, list_tags

UNTAGGED = "Untagged"
TITLE = "Briefing: tagged excerpts"


@dataclass
class Section:
    """One heading of the briefing: a tag's name (or "Untagged") at a depth (0 = top)."""

    heading: str
    depth: int
    excerpts: list[Excerpt] = field(default_factory=list)


@dataclass
class Briefing:
    title: str
    generated: str  # "2024-05-01 14:05 UTC"
    excerpt_count: int
    release_count: int
    sections: list[Section]

    def release(self) -> None:
        """Let go of the excerpts a step at a time, once written (see ``release_in_steps``)."""
        for section in self.sections:
            release_in_steps(section.excerpts)

    @property
    def summary(self) -> str:
        excerpts = f"{self.excerpt_count} excerpt{'s' if self.excerpt_count != 1 else ''}"
        releases = f"{self.release_count} release{'s' if self.release_count != 1 else ''}"
        return f"Generated {self.generated} by Communiqué Desk: {excerpts} from {releases}."


def build_briefing(store: Store, excerpts: Iterable[Excerpt], ticker: Ticker) -> Briefing:
    """Group the excerpts into sections; ``ticker`` steps once per excerpt read."""
    tags = list_tags(store)
    by_tag: dict[int, list[Excerpt]] = {tag.id: [] for tag in tags}
    untagged: list[Excerpt] = []
    releases: set[int] = set()
    count = 0
    for excerpt in excerpts:
        count += 1
        releases.add(excerpt.release_id)
        for tag in excerpt.tags:
            by_tag.setdefault(tag.id, []).append(excerpt)
        if not excerpt.tags:
            untagged.append(excerpt)
        ticker.step()
    sections = _tree_sections(tags, by_tag)
    if untagged:
        sections.append(Section(UNTAGGED, 0, untagged))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    return Briefing(TITLE, stamp, count, len(releases), sections)


def _tree_sections(tags: list[Tag], by_tag: dict[int, list[Excerpt]]) -> list[Section]:
    known = {tag.id for tag in tags}
    children: dict[int | None, list[Tag]] = {}
    for tag in tags:  # list_tags sorts by name, so each level comes out by name
        parent = tag.parent_id if tag.parent_id in known else None
        children.setdefault(parent, []).append(tag)

    def walk(parent: int | None, depth: int) -> list[Section]:
        out = []
        for tag in children.get(parent, []):
            below = walk(tag.id, depth + 1)
            if by_tag[tag.id] or below:
                out.append(Section(tag.name, depth, by_tag[tag.id]))
                out.extend(below)
        return out

    return walk(None, 0)


def citation_parts(excerpt: Excerpt) -> list[str]:
    """Title, "Issuer (speaker)" and date of the excerpt's release, those it has, in
    citation order; the source string stands for the issuer where none is known."""
    return [part for part in (excerpt.release_title, *attribution_parts(excerpt)) if part]


def attribution_parts(excerpt: Excerpt) -> list[str]:
    """ "Issuer (speaker)" and the date, those the release has.

    >>> from store.excerpts import Excerpt
    >>> e = Excerpt(1, 1, "q", "", "", 0, 1, "", (), "T", "2022-11-25", "Office", None,
    ...             "", "", issuer="Farnesina", speaker="Antonio Tajani")
    >>> attribution_parts(e)
    ['Farnesina (Antonio Tajani)', '2022-11-25']
    """
    by = excerpt.issuer or excerpt.source
    if by and excerpt.speaker and excerpt.speaker != by:
        by = f"{by} ({excerpt.speaker})"
    elif not by:
        by = excerpt.speaker
    return [part for part in (by, excerpt.date) if part]
