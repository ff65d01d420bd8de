"""Each file goes to the right parser, and files we do not import are recognised as such."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from store.ingest.sniff import PARSERS, detect_format
from store.parsed import UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
FEED = CORPUS / "state-dept-feeds" / "press-releases-2021-05-23-000.rss"
FARNESINA = CORPUS / "farnesina" / "000_ee7cf94feceb9baf.txt"
HTML_PAGE = REPO_ROOT / "tests" / "data" / "html" / "communique-fr.html"

ATOM = b'<?xml version="1.0"?>\n<!-- generated -->\n<feed xmlns="http://www.w3.org/2005/Atom">'
RDF = b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
PAGE = b"<!DOCTYPE html>\n<html lang='en'><head><title>T</title></head><body>x</body></html>"


@pytest.mark.parametrize(
    ("filename", "data", "expected"),
    [
        ("page.html", b"anything", "html"),
        ("page.HTM", b"anything", "html"),
        ("feed.rss", b"anything", "feed"),
        ("feed.atom", ATOM, "feed"),
        ("release.md", b"# Title", "markdown"),
        ("bulk.csv", b"title,body", "csv"),
        ("bulk.tsv", b"title\tbody", "csv"),
        ("bulk.jsonl", b"{}", "jsonl"),
        ("bulk.ndjson", b"{}", "jsonl"),
        # Extensions that need a look inside.
        ("feed.xml", FEED.read_bytes(), "feed"),
        ("feed.xml", ATOM, "feed"),
        ("feed.xml", RDF, "feed"),
        ("feed.xml", codecs.BOM_UTF8 + ATOM, "feed"),
        ("page.xml", b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', "html"),
        ("catalog.xml", b'<?xml version="1.0"?><catalog><book/></catalog>', None),
        ("saved.txt", PAGE, "html"),
        ("saved.txt", "\n  <html><body>x</body></html>".encode("utf-16"), "html"),
        ("saved.txt", b"<div class='content'><p>Text</p></div>", "html"),
        ("saved.txt", FARNESINA.read_bytes(), "page-text"),
        ("saved.txt", b"Press release\n\nThe Minister met <b>x</b>.", "page-text"),
        ("feed.txt", FEED.read_bytes(), "feed"),
        ("README", b"Plain text without extension.", "page-text"),
        ("bulk.json", b'[{"title": "A"}]', "json"),
        ("bulk.json", b'{"releases": []}', "json"),
        ("bulk.json", b'{"title": "A"}\n{"title": "B"}\n', "jsonl"),
        ("broken.json", b'[{"title": "A"', "json"),
        ("photo.png", b"\x89PNG\r\n\x1a\n", None),
        ("report.pdf", b"%PDF-1.7", None),
        ("letter.docx", b"PK\x03\x04", None),
    ],
)
def test_detect_format(filename: str, data: bytes, expected: str | None) -> None:
    assert detect_format(data, filename) == expected


def test_every_format_has_a_parser() -> None:
    formats = {"page-text", "html", "feed", "markdown", "json", "jsonl", "csv"}
    assert set(PARSERS) == formats


@pytest.mark.parametrize(
    ("path", "count"),
    [(FEED, 10), (FARNESINA, 1), (HTML_PAGE, 1)],
    ids=["feed", "page-text", "html"],
)
def test_parsers_of_detected_formats_read_real_files(path: Path, count: int) -> None:
    data = path.read_bytes()
    releases, problems = PARSERS[detect_format(data, path.name)](data, path.name)
    assert len(releases) == count
    assert problems == []
    assert all(release.title and release.body_markdown for release in releases)


def test_page_text_parser_reads_the_farnesina_release() -> None:
    data = FARNESINA.read_bytes()
    (release,), _ = PARSERS["page-text"](data, FARNESINA.name)
    assert release.date == "2022-11-25"
    assert release.title.startswith("Telephone conversation between the Deputy Prime Minister")


def test_uniform_parsers_report_per_record_problems() -> None:
    data = b'{"title": "A", "text": "a"}\n{"text": "no title"}\n'
    releases, problems = PARSERS[detect_format(data, "bulk.json")](data, "bulk.json")
    assert [r.title for r in releases] == ["A"]
    assert problems == ["record 2: no title"]


@pytest.mark.parametrize("fmt", sorted(PARSERS))
def test_every_parser_refuses_binary_data(fmt: str) -> None:
    with pytest.raises(UnreadableFile):
        PARSERS[fmt](b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "file")
