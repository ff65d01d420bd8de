"""Plain text and HTML fragments turned into the sanitised Markdown the store keeps."""

from __future__ import annotations

import re
from html import unescape

import markdownify
import nh3

# Characters Python-Markdown reads as inline markup; each has a backslash escape there.
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]|])")
# Line starts that Markdown would read as a heading, quote, list item, rule or table row.
_BLOCK_START = re.compile(r"^([ \t]*)([#>+=~-]|\d+[.)])", re.MULTILINE)
# Entities for line starts that have no backslash escape: "=" (setext underline) and "~"
# (a fence with the fenced_code extension).
_ENTITY_MARKERS = {"=": "&#61;", "~": "&#126;"}


def escape_markdown(text: str) -> str:
    r"""Escape plain text so that Python-Markdown renders exactly these characters.

    ``&`` and ``<`` become entities (Python-Markdown has no backslash escape for them).

    >>> escape_markdown("1. *Not* a list & <b>")
    '1\\. \\*Not\\* a list &amp; &lt;b>'
    """
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return _BLOCK_START.sub(_escape_block_marker, text)


def _escape_block_marker(match: re.Match[str]) -> str:
    marker = match.group(2)
    if marker in _ENTITY_MARKERS:
        return match.group(1) + _ENTITY_MARKERS[marker]
    return match.group(1) + marker[:-1] + "\\" + marker[-1]


def paragraphs_to_markdown(paragraphs: list[str]) -> str:
    """Join plain-text paragraphs into Markdown, one paragraph per block.

    Whitespace inside a line is collapsed as a reader would see it; the lines of one
    paragraph are kept as hard line breaks (two trailing spaces in Markdown).
    """
    blocks = []
    for paragraph in paragraphs:
        lines = [escape_markdown(" ".join(line.split())) for line in paragraph.splitlines()]
        lines = [line for line in lines if line]
        if lines:
            blocks.append("  \n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


class _PythonMarkdownConverter(markdownify.MarkdownConverter):
    """markdownify with escapes that Python-Markdown understands."""

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_markdown(text) if text else ""

    def convert_a(self, el, text: str, parent_tags: set[str]) -> str:
        # A bare ")" or space in an address would end the Markdown link early.
        href = el.get("href")
        if href:
            el["href"] = href.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        return super().convert_a(el, text, parent_tags)


_ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan"},
}


# One sanitiser, configured once: nh3.clean builds its configuration afresh on each call,
# which took two thirds of the time of sanitising a release.
_SANITISER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    attributes=_ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    clean_content_tags={
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "noscript",
        "template",
        "svg",
        "math",
        "textarea",
        "select",
    },
    link_rel=None,
    strip_comments=True,
)


def sanitise_html(html: str) -> str:
    """Keep only text structure and http(s)/mailto links; drop scripts, styles, images, frames."""
    return _SANITISER.clean(html)


def html_to_markdown(html: str) -> str:
    """Sanitise an HTML fragment and convert it to Markdown with ATX headings.

    >>> html_to_markdown('<h2>Readout</h2><p>Text <script>x()</script>here.</p>')
    '## Readout\\n\\nText here.\\n'
    """
    clean = sanitise_html(html)
    if _PARAGRAPHS_ONLY.fullmatch(clean):
        return _tidy(_paragraphs_markdown(clean))
    return markdownify_html(clean)


def markdownify_html(clean: str) -> str:
    """The Markdown markdownify writes for sanitised HTML of any structure."""
    converter = _PythonMarkdownConverter(
        heading_style="ATX", bullets="-", strip=["span", "div", "u", "abbr"]
    )
    return _tidy(converter.convert(clean))


# Not "\n{3,}": that form has no first character for the search to skip ahead to, so it
# tries every position of every release.
_BLANK_LINES = re.compile(r"\n\n\n+")


def _tidy(text: str) -> str:
    text = _BLANK_LINES.sub("\n\n", text).strip()
    return text + "\n" if text else ""


# Most release bodies are paragraphs of text and line breaks. Those are converted here
# exactly as markdownify converts them (its white-space rules, escapes and joins, step by
# step), without building its BeautifulSoup tree, which cost more than the rest of the
# conversion (docs/performance.md). The sanitiser writes tags without attributes and white
# space between blocks as it came, so these shapes are recognised on its output. Control
# characters other than tab and line feed go the general way (BeautifulSoup reads a form
# feed as a space).
# Text is matched a run at a time between <br>s, not a character at a time with a choice
# of <br> at each, which the regex engine does in far fewer steps (docs/performance.md).
_TEXT_RUN = r"[^<\x00-\x08\x0b-\x1f\x7f]*"
_PARAGRAPHS_ONLY = re.compile(rf"[ \t\n]*(?:<p>{_TEXT_RUN}(?:<br>{_TEXT_RUN})*</p>[ \t\n]*)*")
_PARAGRAPH = re.compile(r"<p>([^<]*(?:<br>[^<]*)*)</p>")
_LINE_BREAK = None  # a <br> among a paragraph's text nodes
# The rest of a bare line's rules (``is_bare_line``): no Markdown special, "&", "<" or ">",
# no space at either end, no start that reads as a block marker.
_UNREMARKABLE = re.compile(r"(?![#+=~ -]|\d+[.)])[^\\`*_\[\]|&<>]+(?<! )")


def is_single_spaced(text: str) -> bool:
    """Whether the only white space in ``text`` is spaces, never two together: every rule that
    collapses white space (markdownify's, HTML's) leaves such text as it is."""
    return text.isprintable() and "  " not in text


def is_bare_line(text: str) -> bool:
    """Whether ``text`` is a line of words that no Markdown, HTML or white-space rule changes.

    That is: printable (so no white space but spaces, no control characters), single spaces
    between words and none at either end, no Markdown special, ``&``, ``<`` or ``>``, and no
    start that reads as a block marker. Its Markdown is the line itself, and so is the text
    the renderer shows for it (``store.canonical``); most paragraphs of releases are such lines.
    """
    return is_single_spaced(text) and _UNREMARKABLE.fullmatch(text) is not None


def _paragraphs_markdown(clean: str) -> str:
    """markdownify's Markdown for sanitised HTML that ``_PARAGRAPHS_ONLY`` matches."""
    # Each paragraph is "\n\n" + its text + "\n\n", the text without line ends at either
    # side, so markdownify's join of them comes down to this.
    paragraphs = (_paragraph_markdown(inner) for inner in _PARAGRAPH.findall(clean))
    return "\n\n".join(p for p in paragraphs if p)


def _paragraph_markdown(inner: str) -> str:
    """The Markdown of one paragraph's content, without the blank lines around it."""
    if is_bare_line(inner):
        return inner
    nodes: list[str | None] = []
    for number, piece in enumerate(inner.split("<br>")):
        if number:
            nodes.append(_LINE_BREAK)
        if piece:
            nodes.append(unescape(piece))
    strings = []
    for number, node in enumerate(nodes):
        first, last = number == 0, number == len(nodes) - 1
        if node is _LINE_BREAK:
            strings.append("  \n")
            continue
        if (first or last) and not node.strip():
            continue  # white space just inside the paragraph
        text = node
        if not is_single_spaced(text):  # the two passes cost more than all else here
            text = markdownify.re_newline_whitespace.sub("\n", text)
            text = markdownify.re_whitespace.sub(" ", text)
        text = escape_markdown(text)
        if first:
            text = text.lstrip(" \t\r\n")
        if last:
            text = text.rstrip()
        strings.append(text)
    return _joined_blocks([s for s in strings if s]).strip(" \t\r\n")


def _joined_blocks(strings: list[str]) -> str:
    """Join converted siblings as markdownify does: where one ends and the next starts with
    line ends, the longer run (at most two) is kept."""
    parts = [""]
    for string in strings:
        leading, content, trailing = markdownify.re_extract_newlines.match(string).groups()
        if parts[-1] and leading:
            leading = "\n" * min(2, max(len(parts.pop()), len(leading)))
        parts.extend([leading, content, trailing])
    return "".join(parts)
