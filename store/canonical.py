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

from store.markdown_text import is_bare_line, is_single_spaced
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
        text = _block_text("".join(self._parts))
        self._parts = []
        if text.strip():
            self.blocks.append(text)


def _block_text(raw: str) -> str:
    """The text of one block as the view shows it: ``raw`` holds the block's character data
    with ``_LINE_BREAK`` for each ``<br>`` and tabs between cells."""
    cells = [_collapse(cell) for cell in raw.split("\t")]
    text = "\t".join(cells).strip("\t")
    text = "\n".join(line.strip(" ") for line in text.split(_LINE_BREAK)).strip("\n")
    return text.replace("\x01", " ").replace("\x02", "\t")


def _collapse(text: str) -> str:
    if not is_single_spaced(text):  # the pass replaced each space by itself, most of its cost
        text = _COLLAPSIBLE.sub(" ", text)
    return text.strip(" ")


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
    plain = _plain_paragraphs_text(body_markdown)
    return plain if plain is not None else text_from_html(render_html(body_markdown))


# Most release bodies are paragraphs of escaped plain text (what the importers write for
# text and for HTML made of <p> and <br>). Python-Markdown renders those to <p> blocks that
# hold exactly that text, so their canonical text is read off the Markdown here instead of
# rendering it (most of a bulk import's time, docs/performance.md). Anything else, or
# anything Python-Markdown or the sanitiser could read differently, goes the general way:
# - a Markdown special not escaped: raw HTML, code, emphasis, links, tables, or an "&" that
#   is not one of the entities ``escape_markdown`` writes;
# - a line starting with a space or a block marker (heading, quote, list, rule, fence); a
#   line starting with an escape (\- or \] or &#61;) starts with text, whatever follows;
# - white space other than spaces and line ends (Python-Markdown strips a paragraph with
#   str.lstrip, which also takes no-break spaces), control characters (which the renderer
#   drops) and lone surrogates (which the sanitiser refuses).
_PLAIN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])|&(amp|lt|#61|#126);")
_PLAIN_ENTITIES = {"amp": "&", "lt": "<", "#61": "=", "#126": "~"}
_NOT_PLAIN = re.compile(
    r"[\\`*_\[\]|<&]|^(?:[ #>+=~*_|`\[-]|\d+[.)])|[^\S \n]|[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff]",
    re.MULTILINE,
)
# Not "\n{2,}": that form has no first character for the search to skip ahead to, and
# took a third of the shortcut's time trying every position.
_PARAGRAPH_BREAK = re.compile(r"\n\n+")
_HARD_BREAK = "  \n"  # two spaces at a line end: Python-Markdown's <br>


def _plain_paragraphs_text(body_markdown: str) -> str | None:
    """The canonical text of Markdown made only of plain paragraphs, else None."""
    blocks = []
    # Checked a paragraph at a time: what rules a paragraph out is within one of its lines.
    for paragraph in _PARAGRAPH_BREAK.split(body_markdown):
        line = paragraph.removesuffix("\n")
        if is_bare_line(line):
            blocks.append(line)  # its text is itself: most paragraphs take no other step
            continue
        # Each escape is checked as the letter of text it stands for, which starts no block.
        if _NOT_PLAIN.search(_PLAIN_ESCAPE.sub("x", paragraph)):
            return None
        raw = paragraph.replace(_HARD_BREAK, _LINE_BREAK)
        text = _block_text(_PLAIN_ESCAPE.sub(_unescape, raw))
        if text.strip():
            blocks.append(text)
    return BLOCK_SEPARATOR.join(blocks)


def _unescape(match: re.Match[str]) -> str:
    return match.group(1) or _PLAIN_ENTITIES[match.group(2)]
