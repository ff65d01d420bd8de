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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

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
    writer.paragraph("Title").add_run(briefing.title)
    writer.paragraph().add_run(briefing.summary)
    for section in briefing.sections:
        heading = writer.paragraph(f"Heading {min(section.depth + 1, 9)}")
        heading.add_run(xml_safe(section.heading))
        for excerpt in section.excerpts:
            writer.excerpt(excerpt)
            ticker.step()
    with atomic_output(store, path) as temporary:
        ticker.check()
        writer.document.save(str(temporary))
    return briefing.excerpt_count


class _DocumentWriter:
    """Appends paragraphs in constant time.

    python-docx's ``add_paragraph`` looks its style up by name through every style and
    scans the body for the section properties on each call, which made a 100,000-excerpt
    briefing quadratic (minutes); here styles are looked up once and paragraphs go straight
    before the section properties. Hyperlink relationships are reused per address.
    """

    def __init__(self) -> None:
        self.document = Document()
        self._body = self.document.element.body
        self._end = self._body.sectPr
        self._style_ids: dict[str, str] = {}
        self._links: dict[str, str] = {}

    def paragraph(self, style: str | None = None) -> Paragraph:
        element = OxmlElement("w:p")
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.document.styles[style].style_id
            element.style = self._style_ids[style]
        if self._end is not None:
            self._end.addprevious(element)
        else:
            self._body.append(element)
        return Paragraph(element, self.document)

    def excerpt(self, excerpt: Excerpt) -> None:
        for text in xml_safe(excerpt.quote).split("\n\n"):
            _add_lines(self.paragraph(QUOTE_STYLE), text)
        note = xml_safe(excerpt.note).strip()
        if note:
            paragraph = self.paragraph()
            paragraph.add_run("Note: ").bold = True
            _add_lines(paragraph, note)
        self._citation(self.paragraph(), excerpt)

    def _citation(self, paragraph: Paragraph, excerpt: Excerpt) -> None:
        """``— Title · Source · Date``, the title a hyperlink to the release when it has one."""
        paragraph.add_run("— ")
        title = xml_safe(excerpt.release_title)
        link = web_link(excerpt.url)
        if link:
            self._hyperlink(paragraph, link, title or link)
        else:
            paragraph.add_run(title).italic = True
        for part in (excerpt.source, excerpt.date):
            if part:
                paragraph.add_run(" · " + xml_safe(part))

    def _hyperlink(self, paragraph: Paragraph, url: str, text: str) -> None:
        """python-docx has no hyperlink API; this is the WordprocessingML it would write."""
        if url not in self._links:
            self._links[url] = self.document.part.relate_to(
                url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
            )
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), self._links[url])
        run = OxmlElement("w:r")
        properties = OxmlElement("w:rPr")
        for tag, attribute, value in (
            ("w:i", None, None),
            ("w:color", "w:val", _LINK_COLOUR),
            ("w:u", "w:val", "single"),
        ):
            element = OxmlElement(tag)
            if attribute:
                element.set(qn(attribute), value)
            properties.append(element)
        run.append(properties)
        text_element = OxmlElement("w:t")
        text_element.text = text
        text_element.set(qn("xml:space"), "preserve")
        run.append(text_element)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)


def _add_lines(paragraph: Paragraph, text: str) -> None:
    """Text with its line breaks as Word line breaks, in one run."""
    run = paragraph.add_run()
    for number, line in enumerate(text.split("\n")):
        if number:
            run.add_break()
        run.add_text(line)
