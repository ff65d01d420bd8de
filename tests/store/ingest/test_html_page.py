"""Saved ministry pages: the release text and its metadata, none of the site around it."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.ingest.html_page import parse_html_page
from store.parsed import ParsedRelease, UnreadableFile

REPO_ROOT = Path(__file__).resolve().parents[3]
PAGES = REPO_ROOT / "tests" / "data" / "html"


def parse(name: str) -> ParsedRelease:
    (release,) = parse_html_page((PAGES / name).read_bytes(), name)
    return release


def test_ministry_press_release_body_is_the_release_only() -> None:
    release = parse("ministry-press-release.html")
    body = release.body_markdown
    paragraphs = body.split("\n\n")
    assert paragraphs[0].startswith("Jakarta, 14 March 2023 – The Minister of Foreign Affairs")
    assert "**deepening of the partnership**" in body
    assert "[visit page](https://www.mfa.example.gov/en/visits/indonesia-2023)" in body
    assert "stops in Singapore and Kuala Lumpur" in body
    assert "| 16 March | Kuala Lumpur |" in body
    chrome = [
        "cookie",
        "Skip to main content",
        "Search the ministry website",
        "Consular Services",
        "Press Room",
        "Share on Twitter",
        "Related press releases",
        "All rights reserved",
        "Accessibility statement",
        "Follow us",
        "TRACKING-SCRIPT-TEXT",
        "INLINE-BODY-SCRIPT",
        "IFRAME-FALLBACK-TEXT",
        "gtag",
        "onclick",
        "onmouseover",
        "youtube",
        "<",
    ]
    for text in chrome:
        assert text.lower() not in body.lower(), text


def test_ministry_press_release_metadata() -> None:
    release = parse("ministry-press-release.html")
    assert release.title == "Foreign Minister meets ASEAN Secretary-General"
    # The title is a field of its own, not repeated as the body's first heading.
    assert not release.body_markdown.startswith("#")
    assert release.date == "2023-03-14"
    assert release.source == "Ministry of Foreign Affairs of Ruritania"
    assert release.url == "https://www.mfa.example.gov/en/press/2023/03/fm-meets-asean-sg"
    assert release.language == "en"
    assert release.raw_format == "html"
    assert "<article" in release.raw


def test_french_page_with_written_date() -> None:
    release = parse("communique-fr.html")
    assert release.title.startswith("Entretien téléphonique du ministre avec la Secrétaire")
    assert release.date == "2022-11-25"
    assert release.language == "fr"
    assert release.source == "Ministère des Affaires étrangères"
    paragraphs = release.body_markdown.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Le ministre de l'Europe et des Affaires étrangères")
    for chrome in ("cookies", "Conseils aux voyageurs", "Mentions légales", "quai d'Orsay"):
        assert chrome not in release.body_markdown


def test_page_without_a_date_gets_none() -> None:
    release = parse("statement-no-date.html")
    assert release.date is None
    assert release.title == "Joint statement on the humanitarian situation in the Sahel"
    assert release.body_markdown.count("\n\n") == 2
    assert "About the Mission" not in release.body_markdown
    assert "United Nations Plaza" not in release.body_markdown


def test_copyright_year_and_dates_in_the_text_are_not_the_publication_date() -> None:
    page = (PAGES / "statement-no-date.html").read_text(encoding="utf-8")
    page = page.replace("New York</p>", "New York · © 2021</p>")
    page = page.replace("need assistance.", "need assistance since 3 May 2022.")
    (release,) = parse_html_page(page.encode(), "page.html")
    assert release.date is None


def test_declared_windows_1252_charset_is_honoured() -> None:
    page = (PAGES / "communique-fr.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("à l'approche", "à l’approche")  # a cp1252-only character
    (release,) = parse_html_page(page.encode("cp1252"), "page.html")
    assert "Mme Louise Mushikiwabo, à l’approche du XVIIIe Sommet" in release.body_markdown
    assert release.source == "Ministère des Affaires étrangères"


def test_utf8_page_with_a_stale_windows_1252_declaration() -> None:
    page = (PAGES / "communique-fr.html").read_text(encoding="utf-8")
    page = page.replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    (release,) = parse_html_page(page.encode("utf-8"), "page.html")
    assert "Mme Louise Mushikiwabo, à l'approche" in release.body_markdown


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
    ids=["empty", "chrome-only", "binary"],
)
def test_page_without_main_text_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        parse_html_page(data, "page.html")
