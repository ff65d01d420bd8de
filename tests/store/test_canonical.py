"""The canonical text: what the reader shows, as the plain text highlight offsets count."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.canonical import canonical_text
from store.markdown_text import html_to_markdown, paragraphs_to_markdown
from store.render import render_html
from tests.conftest import SEED


def test_blocks_are_separated_by_one_blank_line_and_breaks_by_a_newline() -> None:
    markdown = "# Readout\n\nFirst paragraph\nwrapped.\n\n- one\n- two\n\nline  \nbreak\n"
    assert canonical_text(markdown) == (
        "Readout\n\nFirst paragraph wrapped.\n\none\n\ntwo\n\nline\nbreak"
    )


def test_ordered_list_numbers_are_part_of_the_text_and_shown_as_text() -> None:
    markdown = "The Ministers agreed:\n\n1. to meet again\n2. to act\n"
    assert canonical_text(markdown) == "The Ministers agreed:\n\n1. to meet again\n\n2. to act"
    html = render_html(markdown)
    assert "1. to meet again" in html and "list-style-type: none" in html


def test_table_cells_are_tab_separated_rows_are_blocks() -> None:
    markdown = "| Country | Votes |\n|---|---|\n| Italy | 12 |\n"
    assert canonical_text(markdown) == "Country\tVotes\n\nItaly\t12"


def test_code_blocks_keep_their_spacing() -> None:
    assert canonical_text("```\n  a  b\n    c\n```\n") == "  a  b\n    c"


def test_scripts_and_raw_html_are_not_text() -> None:
    markdown = "Hello <script>alert('x')</script><b onclick='y()'>world</b>\n"
    assert canonical_text(markdown) == "Hello world"


def test_html_bodies_keep_their_words_and_structure() -> None:
    markdown = html_to_markdown(
        "<h2>Readout</h2><p>Italy &amp; NATO — “out of area” <em>missions</em>.</p>"
        "<ul><li>Iraq</li><li>Kosovo</li></ul>"
    )
    assert canonical_text(markdown) == (
        "Readout\n\nItaly & NATO — “out of area” missions.\n\nIraq\n\nKosovo"
    )


def test_the_seed_paragraphs_are_the_canonical_text() -> None:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    paragraphs = [line for line in lines[4:] if line.strip() and "interested" not in line]
    assert canonical_text(paragraphs_to_markdown(paragraphs)) == "\n\n".join(paragraphs)


_text_chars = st.characters(
    blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
    blacklist_characters="\u00a0\u200b\ufeff",
)
_line = st.text(_text_chars, min_size=1, max_size=60).map(lambda s: " ".join(s.split()))


@settings(max_examples=300, deadline=None)
@given(st.lists(_line.filter(bool), min_size=1, max_size=6))
@example(["1. *Not* a list", "# not a heading", "a < b & c &amp; [x](y) `z` \\ _u_ | t |"])
@example(["- dash", "+ plus", "> quote", "=== rule", "2) two", "🇺🇦 Україна الأمن é"])
def test_any_plain_paragraphs_come_back_exactly(paragraphs: list[str]) -> None:
    # Markdown specials, emoji, right-to-left and combining marks included: the escaping
    # makes Markdown render exactly the characters of the source text.
    assert canonical_text(paragraphs_to_markdown(paragraphs)) == "\n\n".join(paragraphs)


def test_html_edge_cases_keep_their_text() -> None:
    cases = {
        "<p>~~~ not a fence</p><p>after</p>": "~~~ not a fence\n\nafter",
        "<table><tr><th>a|b</th><th>c</th></tr><tr><td>1|2</td><td>3</td></tr></table>": (
            "a|b\tc\n\n1|2\t3"
        ),
        '<ol start="3"><li>three</li><li>four</li></ol>': "3. three\n\n4. four",
    }
    for html, text in cases.items():
        assert canonical_text(html_to_markdown(html)) == text


def test_link_addresses_with_parentheses_and_spaces_stay_whole() -> None:
    html = render_html(html_to_markdown('<p><a href="https://x.org/a_(b) c">link</a> after</p>'))
    assert 'href="https://x.org/a_%28b%29%20c"' in html and "link</a> after" in html


def test_control_characters_are_not_text_and_do_not_break_numbered_lists() -> None:
    assert canonical_text("1. alert\x01ed\n2. tab\tbed\x0bline\n") == "1. alerted\n\n2. tab bedline"
