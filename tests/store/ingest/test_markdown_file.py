"""Markdown files: front matter or heading for the title, a body with no raw HTML left."""

from __future__ import annotations

import pytest

from store.ingest.markdown_file import parse_markdown_file
from store.parsed import ParsedRelease, UnreadableFile
from store.render import render_html


def parse(text: str, filename: str = "release.md") -> ParsedRelease:
    (release,) = parse_markdown_file(text.encode("utf-8"), filename)
    return release


FRONT_MATTER = """\
---
title: "Joint statement: the \\"Sahel\\" initiative"
date: 25 novembre 2022
source: Ministère de l'Europe et des Affaires étrangères
url: https://example.org/statement
language: fr-FR
id: statement-2022-11-25
tags: ignored
---

# Contexte

Le ministre a *salué* l'initiative.
"""


def test_front_matter_fields() -> None:
    release = parse(FRONT_MATTER)
    assert release.title == 'Joint statement: the "Sahel" initiative'
    assert release.date == "2022-11-25"
    assert release.source == "Ministère de l'Europe et des Affaires étrangères"
    assert release.issuer == "Ministère de l'Europe et des Affaires étrangères"
    assert release.speaker is None
    assert release.url == "https://example.org/statement"
    assert release.language == "fr"
    assert release.identity == "statement-2022-11-25"
    assert release.raw_format == "markdown"
    assert release.raw.startswith("---\ntitle:")
    # With a title in the front matter, a different heading is part of the body.
    assert release.body_markdown == "# Contexte\n\nLe ministre a *salué* l'initiative.\n"


def test_front_matter_publisher_and_author_are_issuer_and_speaker() -> None:
    release = parse("---\npublisher: Auswärtiges Amt\nauthor: Annalena Baerbock\n---\nText.\n")
    assert (release.issuer, release.speaker) == ("Auswärtiges Amt", "Annalena Baerbock")


def test_heading_repeating_the_front_matter_title_leaves_the_body() -> None:
    release = parse("---\ntitle: Statement on Chad\n---\n# Statement on Chad\n\nText.\n")
    assert release.title == "Statement on Chad"
    assert release.body_markdown == "Text.\n"


def test_first_heading_is_the_title_without_front_matter() -> None:
    release = parse("\n# The *Foreign* Minister's visit\n\nFirst paragraph.\n\n## Programme\n")
    assert release.title == "The Foreign Minister's visit"
    assert release.body_markdown == "First paragraph.\n\n## Programme\n"
    assert release.date is None
    assert release.source is None


def test_heading_inside_code_block_is_not_the_title() -> None:
    release = parse("```\n# not a title\n```\n\n# Real title\n\nBody.\n")
    assert release.title == "Real title"
    assert "# not a title" in release.body_markdown


def test_untitled_file_is_named_after_the_file() -> None:
    release = parse("Only a paragraph.\n", "joint-statement_sahel.md")
    assert release.title == "joint statement sahel"
    assert release.body_markdown == "Only a paragraph.\n"


def test_raw_html_and_scripts_are_removed() -> None:
    text = (
        "# Title\n\nText <script>alert('x')</script>with "
        '<b onclick="steal()">bold</b> and <img src=x onerror=alert(1)>.\n\n'
        '<div class="box"><iframe src="https://evil.example"></iframe>Boxed text.</div>\n\n'
        "[link](javascript:alert(1)) and [good](https://example.org)\n"
    )
    body = parse(text).body_markdown
    for bad in ("script", "alert", "onclick", "onerror", "iframe", "<", "javascript"):
        assert bad not in body, bad
    assert "**bold**" in body
    assert "Boxed text." in body
    assert "[good](https://example.org)" in body


def test_body_renders_to_the_same_html_as_the_source() -> None:
    text = (
        "Intro with `code` and **bold**.\n\n- one\n- two\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n"
    )
    assert render_html(parse(text).body_markdown) == render_html(text)


def test_windows_newlines_and_bom() -> None:
    data = "\ufeff---\r\ntitle: T\r\ndate: 2023-03-05\r\n---\r\nBody.\r\n".encode()
    (release,) = parse_markdown_file(data, "x.md")
    assert (release.title, release.date, release.body_markdown) == ("T", "2023-03-05", "Body.\n")


@pytest.mark.parametrize(
    "data", [b"", b"---\ntitle: Empty\n---\n", b"\x00\x01\x02binary\x00"], ids=str
)
def test_file_without_text_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        parse_markdown_file(data, "x.md")


def test_ordered_lists_keep_their_numbers_once() -> None:
    release = parse("# T\n\nThe Ministers agreed:\n\n1. to meet;\n2. to report.\n")
    assert release.body_markdown == "The Ministers agreed:\n\n1. to meet;\n2. to report.\n"
