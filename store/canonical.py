"""The canonical text of a release: the plain text every highlight offset counts in.

It is computed, without Qt, from the same sanitised HTML the reader shows
(``store.render.render_html``), following the rules a rich-text view uses, so that the
characters an analyst sees and the characters offsets count are the same:

* Whitespace inside a block collapses to one space, as in HTML; ``<pre>`` keeps its own.
* Blocks (paragraphs, headings, list items, quotations, table rows…) are separated by one
  blank line, ``"\\n\\n"``; a line break inside a block (``<br>``) is ``"\\n"``.
* Table cells in a row are separated by a tab.
* Ordered-list numbers are part of the text (the renderer writes them out as text);
  bullets of unordered lists are decoration and are not.

Offsets are Python string indices: Unicode code points, not UTF-16 units.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from store.render import render_html

BLOCK_SEPARATOR = "\n\n"
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "div",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "hr",
    "thead",
    "tbody",
    "tfoot",
}
_CELL_TAGS = {"td", "th"}
# HTML collapses ASCII white space only; a no-break space is text.
_COLLAPSIBLE = re.compile(r"[ \t\n\r\f]+")
_LINE_BREAK = "\x00"  # stands for <br> while white space is collapsed


class _BlockCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._pre_depth = 0
        self._cells_in_row = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self._pre_depth += 1
            if tag == "tr":
                self._cells_in_row = 0
        elif tag in _CELL_TAGS:
            if self._cells_in_row:
                self._parts.append("\t")
            self._cells_in_row += 1
        elif tag == "br":
            self._parts.append(_LINE_BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _BLOCK_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag == "pre":
                self._pre_depth = max(0, self._pre_depth - 1)

    def handle_data(self, data: str) -> None:
        if self._pre_depth:
            data = data.replace(" ", "\x01").replace("\t", "\x02").replace("\n", _LINE_BREAK)
        self._parts.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    def _flush(self) -> None:
        if not self._parts:
            return
        raw = "".join(self._parts)
        self._parts = []
        cells = [_collapse(cell) for cell in raw.split("\t")]
        text = "\t".join(cells).strip("\t")
        text = "\n".join(line.strip(" ") for line in text.split(_LINE_BREAK)).strip("\n")
        text = text.replace("\x01", " ").replace("\x02", "\t")
        if text.strip():
            self.blocks.append(text)


def _collapse(text: str) -> str:
    return _COLLAPSIBLE.sub(" ", text).strip(" ")


def text_from_html(html: str) -> str:
    """The canonical text of sanitised HTML.

    >>> text_from_html("<h1>Title</h1><p>One  <b>bold</b>\\nword.</p><ul><li>a</li><li>b</li></ul>")
    'Title\\n\\nOne bold word.\\n\\na\\n\\nb'
    """
    collector = _BlockCollector()
    collector.feed(html)
    collector.close()
    return BLOCK_SEPARATOR.join(collector.blocks)


def canonical_text(body_markdown: str) -> str:
    """The canonical text of a release body given as Markdown.

    >>> canonical_text("# Readout\\n\\nToday, the *Minister* met\\nthe Secretary General.")
    'Readout\\n\\nToday, the Minister met the Secretary General.'
    """
    return text_from_html(render_html(body_markdown))
