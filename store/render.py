"""Release Markdown rendered to the sanitised HTML that the reader shows.

The same HTML is the source of the canonical text (``store.canonical``), so what the reader
shows and what highlight offsets count are one and the same text.
"""

from __future__ import annotations

import re
import threading

import lxml.html
import markdown

from store.markdown_text import sanitise_html

MARKDOWN_EXTENSIONS = ["tables", "sane_lists", "fenced_code"]
# C0 controls other than tab and line breaks: invisible, and not allowed in XML, which the
# list numbering (lxml) and the REFI-QDA export need; they are never part of the text.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


_THREAD = threading.local()


def _converter() -> markdown.Markdown:
    # One converter a thread: it keeps state while it converts, and long releases are
    # rendered on a worker thread (the two-column reader) while the window renders others.
    converter = getattr(_THREAD, "converter", None)
    if converter is None:
        converter = _THREAD.converter = markdown.Markdown(
            extensions=MARKDOWN_EXTENSIONS, output_format="html"
        )
    return converter


def render_html(body_markdown: str) -> str:
    """Render Markdown to HTML and sanitise it (Python-Markdown passes raw HTML through).

    >>> render_html("Hello <script>alert(1)</script>*world*")
    '<p>Hello <em>world</em></p>'
    """
    converter = _converter()
    converter.reset()
    html = sanitise_html(converter.convert(_CONTROL_CHARACTERS.sub("", body_markdown)))
    return _number_ordered_lists(html) if "<ol" in html else html


def _number_ordered_lists(html: str) -> str:
    """Write ordered-list numbers into the items' text.

    "3. The Ministers agreed…" is something an analyst quotes and cites, so the number must
    be part of the text that offsets count, not a marker drawn beside it.
    """
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for ordered in root.iter("ol"):
        number = int(ordered.get("start", "1")) if ordered.get("start", "1").isdigit() else 1
        for item in ordered.iterchildren("li"):
            target = item
            if not (item.text or "").strip() and len(item) and item[0].tag == "p":
                target = item[0]
            target.text = f"{number}. " + (target.text or "").lstrip()
            number += 1
        ordered.attrib.clear()
        ordered.set("style", "list-style-type: none")
    inner = (root.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root
    )
    return inner
