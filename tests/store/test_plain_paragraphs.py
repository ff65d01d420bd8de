"""The shortcuts for bodies made of plain paragraphs give exactly what the general way gives.

Most releases are paragraphs of text and line breaks. ``html_to_markdown`` converts those
without markdownify's tree and ``canonical_text`` reads their text off the Markdown without
rendering it; the reader, the search index and every highlight offset rely on both giving
the same Markdown and the same text as markdownify and the renderer would.
"""

from __future__ import annotations

import html
import re

import markdownify
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bench.corpus_sentences import sentences
from store.canonical import _COLLAPSIBLE, canonical_text, text_from_html
from store.markdown_text import (
    html_to_markdown,
    is_bare_line,
    is_single_spaced,
    markdownify_html,
    paragraphs_to_markdown,
    sanitise_html,
)
from store.render import render_html
from tests.conftest import CORPUS

# Pieces that trip Markdown, HTML or white-space rules, besides any character at all.
_TRICKY = [
    *"\\`*_{}[]()>#+-.!|=~&<;: \n\t\r\x0c\x0b\x02\x85\u00a0\u2028\u200f",
    "&amp;", "&lt;", "&gt;", "&nbsp;", "&#61;", "&#126;", "&copy;", "&#0;",
    "  \n", "\n\n", "1. ", "2) ", "# ", "- ", "* ", "> ", "===", "---", "```", "~~~", "    ",
    "🇺🇦", "👩🏽‍💻", "é", "é", "Україна", "الأمن", "שלום", "[x](y)", "<https://a.example>",
]  # fmt: skip
_piece = st.one_of(
    st.sampled_from(_TRICKY), st.characters(blacklist_categories=("Cs",), blacklist_characters="<")
)
_text = st.lists(_piece, max_size=12).map("".join)
_inline = st.sampled_from(["<br>", "<br/>", "<b>", "</b>", "<em>", "<i><b>", "</b></i>"])
_paragraph = st.lists(st.one_of(_text, _inline), max_size=6).map("".join)
_space = st.sampled_from(["", " ", "\n", "\n\n", " \t\n", "\u00a0"])
_body = st.lists(st.tuples(_space, _paragraph, _space), max_size=5).map(
    lambda parts: "".join(f"{before}<p>{inner}</p>{after}" for before, inner, after in parts)
)
_settings = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))


def _same_everywhere(html: str) -> None:
    markdown = html_to_markdown(html)
    assert markdown == markdownify_html(sanitise_html(html))
    assert canonical_text(markdown) == text_from_html(render_html(markdown))


@_settings
@given(_body)
@example("<p>Italy &amp; NATO<br>\n1. not a list</p>\n<p> \u00a0lead</p>")
@example("<p>\\<br>\x0c<br>\\</p>")
@example("<p>a <b>bold</b> move<br><br>  </p><p></p>")
def test_html_paragraphs_convert_as_markdownify_and_render_converts(html: str) -> None:
    _same_everywhere(html)


@_settings
@given(st.lists(_text, max_size=5))
def test_plain_text_paragraphs_read_as_the_renderer_reads_them(paragraphs: list[str]) -> None:
    markdown = paragraphs_to_markdown(paragraphs)
    assert canonical_text(markdown) == text_from_html(render_html(markdown))


@_settings
@given(_text)
@example("Plain *emphasis* and \\*escapes\\*\n\n    code\n\n> quote  \nnext")
@example("\\]\\]> Ned Price\n\n\\- item  \n\\> quote  \n&#61;&#61;\n\n\\#1. x  \n1\\\\. y")
@example("a\n\\-\\-\\-\n\nb\n&#61;&#61;\n\n\\| a | b\n\\-\\-\\- | ---")
def test_any_markdown_reads_as_the_renderer_reads_it(markdown: str) -> None:
    assert canonical_text(markdown) == text_from_html(render_html(markdown))


# Lines of words, most of them bare: words of letters in any script, with now and then a
# piece that is not (a special, an entity, odd white space, a control character…).
_word = st.lists(
    st.one_of(
        st.sampled_from(["word", "Minister", "Україна", "الأمن", "שלום", "🇺🇦", "é", "١", "5"]),
        st.sampled_from(_TRICKY),
        st.characters(blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=4,
).map("".join)
_line = st.lists(_word, min_size=1, max_size=8).map(" ".join)


@_settings
@given(_line)
@example("Item #5 (final), 1.5 % up!")
@example("١. not a list")
@example("a\u200bb")
@example("1986. A year")
@example("x  y")
def test_a_bare_line_is_its_own_markdown_and_text(line: str) -> None:
    paragraph = f"<p>{html.escape(line, quote=False)}</p>"
    general_markdown = markdownify_html(sanitise_html(paragraph))
    assert html_to_markdown(paragraph) == general_markdown
    assert canonical_text(line) == text_from_html(render_html(line))
    if is_bare_line(line):
        assert general_markdown == line + "\n"
        assert text_from_html(render_html(line)) == line


@_settings
@given(_text)
@example("a b\u00a0c")
@example("one  two")
def test_single_spaced_text_is_what_every_collapse_leaves_alone(text: str) -> None:
    if is_single_spaced(text):
        assert markdownify.re_newline_whitespace.sub("\n", text) == text
        assert markdownify.re_whitespace.sub(" ", text) == text
        assert _COLLAPSIBLE.sub(" ", text) == text


def test_corpus_sentences_in_paragraphs() -> None:
    pool = sentences()
    for start in range(0, 400, 4):
        _same_everywhere("".join(f"<p>{line}</p>" for line in pool[start : start + 4]))


def test_real_feed_bodies() -> None:
    bodies = [
        body
        for feed in sorted((CORPUS / "state-dept-feeds").glob("*.rss"))[:10]
        for body in re.findall(r"<!\[CDATA\[(.*?)\]\]>", feed.read_text("utf-8"), re.DOTALL)
    ]
    assert len(bodies) >= 100
    for body in bodies:
        _same_everywhere(body)
