"""Write the State Department feeds as other publishers' servers get them wrong.

Each file in tests/data/feeds/ named ``state-dept-*`` is the first snapshot of the shared
corpus (public domain) with one habit of a real publishing system applied to it, so that
the clean snapshot is the truth for what importing it must give:

- ``declared-latin1``: UTF-8 bytes that declare ISO-8859-1 (a template's stale header);
- ``cp1252-declared-utf8``: Windows-1252 bytes that declare UTF-8 (a legacy CMS; characters
  Windows-1252 lacks as character references);
- ``bom-disagrees``: a UTF-8 byte-order mark before a declaration of ISO-8859-1;
- ``utf16``: UTF-16 with its byte-order mark, the declaration still saying UTF-8;
- ``html-entities``: the accented letters, quotes, dashes and no-break spaces written as
  the HTML entities XML does not define (``&eacute;``, ``&rsquo;``, ``&ndash;``, ``&nbsp;``);
- ``cdata-in-cdata``: a CDATA section written inside an item's CDATA body;
- ``summary-only`` (of the snapshot of 8 July 2021, which holds the corpus's shortest
  release): the feed as WordPress writes it with "For each post in a feed, include:
  Excerpt": no ``content:encoded``, each description the first 55 words and `` [&#8230;]``.

    python scripts/make_odd_feeds.py ../shared/corpus/state-dept-feeds tests/data/feeds
"""

from __future__ import annotations

import argparse
import codecs
import html.entities
import re
from pathlib import Path

import lxml.html

SNAPSHOT = "press-releases-2021-05-23-000.rss"
# The excerpt-only feed is made of the snapshot holding the shortest release (34 words,
# shorter than an excerpt): one item whose excerpt is its whole text, nine teasers.
SUMMARY_SNAPSHOT = "press-releases-2021-07-08-047.rss"
DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
# Characters written as named HTML entities by the "html-entities" variant.
NAMED = {
    character: f"&{name};"
    for name, codepoint in html.entities.name2codepoint.items()
    if (character := chr(codepoint)) not in "&<>\"'" and codepoint > 127
}
EXCERPT_WORDS = 55  # WordPress's excerpt length
CONTENT = re.compile(r"\s*<content:encoded><!\[CDATA\[.*?\]\]></content:encoded>", re.DOTALL)
DESCRIPTION = re.compile(r"<description><!\[CDATA\[(.*?)\]\]></description>", re.DOTALL)


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("corpus", type=Path, help="the state-dept-feeds folder")
    arguments.add_argument("out", type=Path, help="where to write the files")
    options = arguments.parse_args()
    text = (options.corpus / SNAPSHOT).read_text(encoding="utf-8")
    assert text.startswith(DECLARATION)
    latin1 = text.replace(DECLARATION, '<?xml version="1.0" encoding="ISO-8859-1"?>', 1)
    variants = {
        "declared-latin1": latin1.encode("utf-8"),
        "cp1252-declared-utf8": text.encode("cp1252", "xmlcharrefreplace"),
        "bom-disagrees": codecs.BOM_UTF8 + latin1.encode("utf-8"),
        "utf16": codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        "html-entities": _outside_cdata(text, _named_entities).encode("utf-8"),
        "cdata-in-cdata": _cdata_in_cdata(text).encode("utf-8"),
    }
    summary_source = (options.corpus / SUMMARY_SNAPSHOT).read_text(encoding="utf-8")
    variants["summary-only"] = excerpt_only_feed(summary_source).encode("utf-8")
    for name, data in variants.items():
        (options.out / f"state-dept-{name}.rss").write_bytes(data)


def _outside_cdata(text: str, change) -> str:
    """``change`` applied to the XML text between CDATA sections, and to their HTML."""
    parts = re.split(r"(<!\[CDATA\[.*?\]\]>)", text, flags=re.DOTALL)
    return "".join(
        part[:9] + change(part[9:-3]) + part[-3:] if part.startswith("<![CDATA[") else change(part)
        for part in parts
    )


def _named_entities(text: str) -> str:
    return "".join(NAMED.get(character, character) for character in text)


def _cdata_in_cdata(text: str) -> str:
    """The first item's description and content with a sentence wrapped in a CDATA section."""
    return text.replace("</p>\n<p>On behalf of", "</p>\n<p><![CDATA[On behalf of", 2).replace(
        "National Unity Day.\xa0 The United States",
        "National Unity Day.]]>\xa0 The United States",
        2,
    )


def excerpt_only_feed(text: str) -> str:
    """The feed as WordPress writes it for excerpts: no full content, each description the
    first 55 words of the release and " [&#8230;]" when the release is longer."""
    text = CONTENT.sub("", text)

    def excerpt(match: re.Match[str]) -> str:
        words = lxml.html.fromstring(match.group(1)).text_content().split()
        cut = " ".join(words[:EXCERPT_WORDS])
        more = " [&#8230;]" if len(words) > EXCERPT_WORDS else ""
        return f"<description><![CDATA[{cut}{more}]]></description>"

    return DESCRIPTION.sub(excerpt, text)


if __name__ == "__main__":
    main()
