"""Markdown briefing: excerpts grouped by tag, each quoted with its note and a citation.

Quotes and notes are escaped (``store.markdown_text.escape_markdown``) so that a
release's text renders as the characters it is, never as headings, lists or links; ``&``
and ``<`` become entities. Paragraph breaks inside a quote stay paragraph breaks within the
quotation, and single line breaks stay hard line breaks. The link in a citation is made only
for a plain http(s) address, written as ``<...>`` so parentheses in it do not end it.

Layout::

    # Briefing: tagged excerpts
    Generated 2024-05-01 14:05 UTC by Communiqué Desk: 3 excerpts from 2 releases.
    ## Parent tag
    ### Sub-tag
    > quoted text
    **Note:** the analyst's note
    — [Release title](<https://…>) · Source · 2024-05-01
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import WRITE_BUFFER, Ticker, web_link
from store.export.briefing import build_briefing, citation_parts
from store.markdown_text import escape_markdown


def write_markdown(store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker) -> int:
    """Write a Markdown briefing; returns how many excerpts it holds. ``ticker`` steps twice
    per excerpt: once as it is read, once as it is written."""
    briefing = build_briefing(store, excerpts, ticker)
    try:
        with out.open("w", WRITE_BUFFER, "utf-8", newline="\n") as handle:
            handle.write(f"# {escape_markdown(briefing.title)}\n\n{briefing.summary}\n")
            for section in briefing.sections:
                level = "#" * min(section.depth + 2, 6)
                handle.write(f"\n{level} {escape_markdown(section.heading)}\n")
                for excerpt in section.excerpts:
                    handle.write("\n" + excerpt_markdown(excerpt))
                    ticker.step()
    finally:
        briefing.release()
    return briefing.excerpt_count


def excerpt_markdown(excerpt: Excerpt) -> str:
    """One excerpt: the quotation, its note if any, and the citation line."""
    lines = []
    for number, paragraph in enumerate(excerpt.quote.split("\n\n")):
        if number:
            lines.append(">")
        lines.append(_hard_breaks(paragraph, prefix="> "))
    text = "\n".join(lines) + "\n"
    if excerpt.note.strip():
        text += "\n**Note:** " + _hard_breaks(excerpt.note.strip(), prefix="") + "\n"
    return text + "\n" + citation_markdown(excerpt) + "\n"


def citation_markdown(excerpt: Excerpt) -> str:
    """``— [Title](<url>) · Source · Date``; the title is plain text when there is no link."""
    parts = [escape_markdown(part) for part in citation_parts(excerpt)]
    link = web_link(excerpt.url)
    if link and excerpt.release_title:
        parts[0] = f"[{parts[0]}](<{link}>)"
    elif link:
        parts.append(f"<{link}>")
    return "— " + " · ".join(parts)


def _hard_breaks(text: str, prefix: str) -> str:
    """Escaped lines joined by Markdown hard breaks (two spaces), each after ``prefix``;
    blank lines (which would end a paragraph) are dropped."""
    lines = [escape_markdown(line.strip()) for line in text.splitlines() if line.strip()]
    return "  \n".join(prefix + line for line in lines)
