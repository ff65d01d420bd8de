"""A page's visible text as lines, in document order, one per block (as a browser shows it).

Datelines sit in their own block by the title ("May 15, 2020", "Brussels, 09.01.2023") or
close the body ("New Delhi<br>May 15, 2020"); the lines give the dateline rules the page's
text in the shape a saved text dump has. Walked without recursion: a page may nest deep.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

_INVISIBLE = {"head", "script", "style", "noscript", "template", "svg", "iframe", "object"}
_BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip


def visible_lines(root: lxml.html.HtmlElement) -> list[str]:
    """The page's non-blank lines of visible text, whitespace collapsed."""
    lines: list[str] = []
    current: list[str] = []

    def end_line() -> None:
        text = " ".join(" ".join(current).split())
        if text:
            lines.append(text)
        current.clear()

    skipping = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _INVISIBLE or not tag:
                skipping += 1
            elif not skipping:
                if tag in _BLOCKS:
                    end_line()
                current.append(element.text or "")
            continue
        if tag in _INVISIBLE or not tag:
            skipping -= 1
        elif not skipping and tag in _BLOCKS:
            end_line()
        if not skipping:
            current.append(element.tail or "")
    end_line()
    return lines
