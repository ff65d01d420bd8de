"""DOCX briefing (python-docx): the Markdown briefing's layout as a Word document.

Title and generation line at the top; one heading per tag (Heading 1 for top-level tags,
Heading 2 for their sub-tags, …); each excerpt in the built-in "Quote" style (one paragraph
per paragraph of the quote, line breaks kept), its note after a bold "Note:", and a citation
line whose release title links to the release's web page. Characters XML cannot carry are
dropped (python-docx refuses them).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml.ns import qn
from lxml import etree

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import (
    ExcerptSource,
    Progress,
    ShouldCancel,
    Ticker,
    atomic_output,
    resolve_excerpts,
    web_link,
    xml_safe,
)
from store.export.briefing import build_briefing

QUOTE_STYLE = "Quote"
_LINK_COLOUR = "0563C1"  # Word's own hyperlink blue


def write_docx(
    store: Store,
    excerpts: ExcerptSource,
    path: Path,
    progress: Progress | None = None,
    should_cancel: ShouldCancel | None = None,
) -> int:
    """Write a Word briefing; returns how many excerpts it holds."""
    total, items = resolve_excerpts(store, excerpts)
    ticker = Ticker(2 * total, progress, should_cancel)
    briefing = build_briefing(store, items, ticker)
    writer = _DocumentWriter()
    writer.document.core_properties.title = briefing.title
    writer.run(writer.paragraph("Title"), briefing.title)
    writer.run(writer.paragraph(), briefing.summary)
    for section in briefing.sections:
        level = min(section.depth + 1, 9)
        writer.run(writer.paragraph(f"Heading {level}"), xml_safe(section.heading))
        for excerpt in section.excerpts:
            writer.excerpt(excerpt)
            ticker.step()
    with atomic_output(store, path) as temporary:
        ticker.check()
        writer.document.save(str(temporary))
    return briefing.excerpt_count


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_SPACE = qn("xml:space")


class _DocumentWriter:
    """Appends WordprocessingML paragraphs to a python-docx document, fast.

    python-docx's own ``add_paragraph`` looks its style up by name through every style and
    scans the body on each call (quadratic: minutes for 100,000 excerpts), and builds each
    element from a parsed string. Here the package, styles, relationships and saving stay
    python-docx's, while paragraphs and runs are plain lxml elements put straight before the
    section properties; each style is looked up once and each link's relationship reused.
    """

    def __init__(self) -> None:
        self.document = Document()
        # python-docx's default template ends its body with the section properties.
        self._end = self.document.element.body.sectPr
        self._style_ids: dict[str, str] = {}
        self._links: dict[str, str] = {}

    def paragraph(self, style: str | None = None) -> etree._Element:
        element = self._end.makeelement(f"{_W}p", {})
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.document.styles[style].style_id
            properties = etree.SubElement(element, f"{_W}pPr")
            etree.SubElement(properties, f"{_W}pStyle", {f"{_W}val": self._style_ids[style]})
        self._end.addprevious(element)
        return element

    def run(
        self, parent: etree._Element, text: str, *formats: tuple[str, str | None]
    ) -> etree._Element:
        """A run of ``text`` (line breaks as Word line breaks) with formats like ``("b", None)``
        or ``("color", "0563C1")``."""
        run = etree.SubElement(parent, f"{_W}r")
        if formats:
            properties = etree.SubElement(run, f"{_W}rPr")
            for name, value in formats:
                attributes = {f"{_W}val": value} if value else {}
                etree.SubElement(properties, f"{_W}{name}", attributes)
        for number, line in enumerate(text.split("\n")):
            if number:
                etree.SubElement(run, f"{_W}br")
            etree.SubElement(run, f"{_W}t", {_SPACE: "preserve"}).text = line
        return run

    def excerpt(self, excerpt: Excerpt) -> None:
        for text in xml_safe(excerpt.quote).split("\n\n"):
            self.run(self.paragraph(QUOTE_STYLE), text)
        note = xml_safe(excerpt.note).strip()
        if note:
            paragraph = self.paragraph()
            self.run(paragraph, "Note: ", ("b", None))
            self.run(paragraph, note)
        self._citation(self.paragraph(), excerpt)

    def _citation(self, paragraph: etree._Element, excerpt: Excerpt) -> None:
        """``— Title · Source · Date``, the title a hyperlink to the release when it has one."""
        self.run(paragraph, "— ")
        title = xml_safe(excerpt.release_title)
        link = web_link(excerpt.url)
        if link:
            if link not in self._links:
                self._links[link] = self.document.part.relate_to(
                    link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
                )
            hyperlink = etree.SubElement(
                paragraph, f"{_W}hyperlink", {qn("r:id"): self._links[link]}
            )
            self.run(
                hyperlink, title or link, ("i", None), ("color", _LINK_COLOUR), ("u", "single")
            )
        else:
            self.run(paragraph, title, ("i", None))
        for part in (excerpt.source, excerpt.date):
            if part:
                self.run(paragraph, " · " + xml_safe(part))
