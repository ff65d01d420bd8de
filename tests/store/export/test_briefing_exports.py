"""Markdown and DOCX briefings read back with Python-Markdown and python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import lxml.html
from export_sample import FORMULA_QUOTE, Sample

from store.excerpts import ExcerptFilter
from store.export import write_export
from store.export.docx_export import QUOTE_STYLE
from store.render import render_html

URL = "https://www.esteri.it/en/readout?a=1&b=(2)"
TWO_PARAGRAPHS = ["resilience.", "La Sécurité européenne — الأمن الأوروبي — 𠀋 matters"]


def _markdown_html(sample: Sample, out_dir: Path) -> lxml.html.HtmlElement:
    path = out_dir / "briefing.md"
    assert write_export(sample.store, "md", path, ExcerptFilter()) == 6
    return lxml.html.fragment_fromstring(render_html(path.read_text("utf-8")), create_parent="div")


def test_markdown_groups_by_tag_hierarchy_with_each_excerpt_under_each_tag(
    sample: Sample, out_dir: Path
) -> None:
    root = _markdown_html(sample, out_dir)
    headings = [(h.tag, h.text_content()) for h in root if h.tag in ("h1", "h2", "h3")]
    assert headings == [
        ("h1", "Briefing: tagged excerpts"),
        ("h2", "Security"),
        ("h3", "NATO"),
        ("h3", "Ukraine"),
        ("h2", "Économie"),
        ("h2", "Untagged"),
    ]  # "Unused" has no excerpt and no sub-tag with one
    assert root[1].text_content().startswith("Generated ")
    assert "6 excerpts from 2 releases" in root[1].text_content()
    quotes = [[p.text_content() for p in q.iter("p")] for q in root.iter("blockquote")]
    # The two-tag excerpt is under Ukraine and under Économie, its paragraphs kept apart.
    assert quotes.count(TWO_PARAGRAPHS) == 2


def test_markdown_quotes_render_as_the_very_characters_of_the_release(
    sample: Sample, out_dir: Path
) -> None:
    root = _markdown_html(sample, out_dir)
    quotes = [q.text_content().strip() for q in root.iter("blockquote")]
    assert FORMULA_QUOTE in quotes  # "=" at a line start is not a heading underline
    assert "@SUM(A1)" in quotes
    assert "🇺🇦 Ukraine’s full independence" in quotes
    text = root.text_content()
    assert "Note: -2+3" in text
    assert 'Note: Key line: "independence"' in text
    assert "Note: Spans two paragraphs\nand a second line" in text


def test_markdown_citations_link_title_source_and_date(sample: Sample, out_dir: Path) -> None:
    root = _markdown_html(sample, out_dir)
    links = [a for a in root.iter("a")]
    assert {a.get("href") for a in links} == {URL}
    assert links[0].text_content() == "Readout: Italy & Ukraine 🇺🇦"
    citations = [p.text_content() for p in root.iter("p") if p.text_content().startswith("— ")]
    readout = (
        "— Readout: Italy & Ukraine 🇺🇦 · Italian Ministry of Foreign Affairs and International "
        "Cooperation (Antonio Tajani) · 2024-03-05"
    )
    assert readout in citations  # the issuer and its speaker
    assert "— Telephone conversation with NATO · Farnesina" in citations  # undated, no link


def test_docx_briefing_reads_back_with_python_docx(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "briefing.docx"
    assert write_export(sample.store, "docx", path, ExcerptFilter()) == 6
    document = docx.Document(str(path))
    paragraphs = document.paragraphs
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "Briefing: tagged excerpts"
    assert "6 excerpts from 2 releases" in paragraphs[1].text
    headings = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        ("Heading 1", "Security"),
        ("Heading 2", "NATO"),
        ("Heading 2", "Ukraine"),
        ("Heading 1", "Économie"),
        ("Heading 1", "Untagged"),
    ]
    quotes = [p.text for p in paragraphs if p.style.name == QUOTE_STYLE]
    assert quotes.count(TWO_PARAGRAPHS[0]) == 2 and quotes.count(TWO_PARAGRAPHS[1]) == 2
    assert FORMULA_QUOTE in quotes and "🇺🇦 Ukraine’s full independence" in quotes
    notes = [p for p in paragraphs if p.text.startswith("Note: ")]
    assert notes[0].runs[0].bold
    assert "Note: Spans two paragraphs\nand a second line" in [p.text for p in notes]
    citations = [p for p in paragraphs if p.text.startswith("— ")]
    linked = [p for p in citations if p.hyperlinks]
    assert linked[0].hyperlinks[0].address == URL
    assert linked[0].text == (
        "— Readout: Italy & Ukraine 🇺🇦 · Italian Ministry of Foreign Affairs and International "
        "Cooperation (Antonio Tajani) · 2024-03-05"
    )
    assert "— Telephone conversation with NATO · Farnesina" in [p.text for p in citations]
    assert len(citations) == 7  # six excerpts, the two-tag one twice


def test_docx_drops_characters_xml_cannot_carry(sample: Sample, out_dir: Path) -> None:
    from store.highlights import set_highlight_note

    set_highlight_note(sample.store, sample.highlights["flag"], "vertical\x0btab\x01 note")
    path = out_dir / "briefing.docx"
    write_export(sample.store, "docx", path, ExcerptFilter())
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Note: verticaltab note" in texts
