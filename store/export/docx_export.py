"""DOCX briefing (python-docx): the Markdown briefing's layout as a Word document.

Title and generation line at the top; one heading per tag (Heading 1 for top-level tags,
Heading 2 for their sub-tags, …); each excerpt in the built-in "Quote" style (one paragraph
per paragraph of the quote, line breaks kept), its note after a bold "Note:", and a citation
line whose release title links to the release's web page. Characters XML cannot carry are
dropped (python-docx refuses them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZipFile

from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import Ticker, release_in_steps, web_link, xml_safe
from store.export.briefing import attribution_parts, build_briefing

QUOTE_STYLE = "Quote"
_LINK_COLOUR = "0563C1"  # Word's own hyperlink blue


def write_docx(store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker) -> int:
    """Write a Word briefing; returns how many excerpts it holds. ``ticker`` steps twice per
    excerpt: once as it is read, once as it is written."""
    briefing = build_briefing(store, excerpts, ticker)
    writer = _DocumentWriter()
    writer.document.core_properties.title = briefing.title
    writer.paragraph("Title", writer.run(briefing.title))
    writer.paragraph(None, writer.run(briefing.summary))
    for section in briefing.sections:
        level = min(section.depth + 1, 9)
        writer.paragraph(f"Heading {level}", writer.run(xml_safe(section.heading)))
        for excerpt in section.excerpts:
            writer.excerpt(excerpt)
            ticker.step()
    try:
        ticker.check()
        writer.save(out, ticker.check)
    finally:
        briefing.release()
        writer.release()
    return briefing.excerpt_count


# Paragraphs written to the document part at a time: one write, then the GIL is free again.
PARAGRAPHS_PER_WRITE = 500


class _DocumentWriter:
    """Writes a briefing's paragraphs as WordprocessingML, python-docx keeping the package.

    python-docx's own ``add_paragraph`` looks its style up by name through every style and
    scans the body on each call (quadratic in the excerpts). And serialising a big document
    is one lxml call that holds the GIL, the window's thread waiting meanwhile
    (docs/performance.md). So the paragraphs are written here as text, the way lxml writes
    them, and streamed into the document part a few hundred at a time; python-docx writes
    everything else (styles, relationships, properties) from a document whose body holds
    only its section properties.
    """

    def __init__(self) -> None:
        self.document = Document()
        self._style_ids: dict[str, str] = {}
        self._links: dict[str, str] = {}
        self._paragraphs: list[str] = []

    def paragraph(self, style: str | None, *content: str) -> None:
        """A paragraph of ``content`` (runs, hyperlinks) in ``style`` (None: Normal)."""
        properties = ""
        if style is not None:
            if style not in self._style_ids:
                self._style_ids[style] = self.document.styles[style].style_id
            properties = f'<w:pPr><w:pStyle w:val="{self._style_ids[style]}"/></w:pPr>'
        self._paragraphs.append(f"<w:p>{properties}{''.join(content)}</w:p>")

    @staticmethod
    def run(text: str, *formats: tuple[str, str | None]) -> str:
        """A run of ``text`` (line breaks as Word line breaks) with formats like ``("b", None)``
        or ``("color", "0563C1")``."""
        properties = ""
        if formats:
            marks = "".join(
                f'<w:{name} w:val="{value}"/>' if value else f"<w:{name}/>"
                for name, value in formats
            )
            properties = f"<w:rPr>{marks}</w:rPr>"
        lines = "<w:br/>".join(_text_element(line) for line in text.split("\n"))
        return f"<w:r>{properties}{lines}</w:r>"

    def excerpt(self, excerpt: Excerpt) -> None:
        for text in xml_safe(excerpt.quote).split("\n\n"):
            self.paragraph(QUOTE_STYLE, self.run(text))
        note = xml_safe(excerpt.note).strip()
        if note:
            self.paragraph(None, self.run("Note: ", ("b", None)), self.run(note))
        self.paragraph(None, *self._citation(excerpt))

    def _citation(self, excerpt: Excerpt) -> list[str]:
        """``— Title · Source · Date``, the title a hyperlink to the release when it has one."""
        content = [self.run("— ")]
        title = xml_safe(excerpt.release_title)
        link = web_link(excerpt.url)
        if link:
            if link not in self._links:
                self._links[link] = self.document.part.relate_to(
                    link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True
                )
            styled = self.run(title or link, ("i", None), ("color", _LINK_COLOUR), ("u", "single"))
            content.append(f'<w:hyperlink r:id="{self._links[link]}">{styled}</w:hyperlink>')
        else:
            content.append(self.run(title, ("i", None)))
        content += [self.run(" · " + xml_safe(part)) for part in attribution_parts(excerpt)]
        return content

    def release(self) -> None:
        """Let go of the written paragraphs a step at a time (see ``release_in_steps``)."""
        release_in_steps(self._paragraphs)

    def save(self, path: Path, between_writes: Callable[[], None]) -> None:
        """Write the .docx to ``path``: python-docx's package, with this writer's paragraphs
        streamed into the body before its section properties."""
        package = path.with_name(path.name + ".package")
        body_part = self.document.part.partname.membername
        try:
            self.document.save(str(package))
            with ZipFile(package) as parts, ZipFile(path, "w", ZIP_DEFLATED) as docx:
                for info in parts.infolist():
                    if info.filename != body_part:
                        docx.writestr(info, parts.read(info))
                        continue
                    empty = parts.read(info)
                    cut = empty.rindex(b"<w:sectPr")
                    size = len(empty) + sum(map(len, self._paragraphs))
                    with docx.open(info, "w", force_zip64=size > 2**30) as stream:
                        stream.write(empty[:cut])
                        for start in range(0, len(self._paragraphs), PARAGRAPHS_PER_WRITE):
                            between_writes()
                            chunk = self._paragraphs[start : start + PARAGRAPHS_PER_WRITE]
                            stream.write("".join(chunk).encode("utf-8"))
                        stream.write(empty[cut:])
        finally:
            package.unlink(missing_ok=True)


def _text_element(line: str) -> str:
    """A ``w:t`` as lxml writes it: ``&``, ``<``, ``>`` and carriage returns escaped."""
    escaped = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<w:t xml:space="preserve">{escaped.replace(chr(13), "&#13;")}</w:t>'
