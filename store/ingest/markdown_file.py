"""A Markdown file (.md): one release, with optional front matter for its metadata.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the top::

    ---
    title: Joint statement on the Sahel
    date: 25 November 2022
    source: Ministry of Foreign Affairs
    speaker: Spokesperson of the Ministry
    url: https://example.org/statement
    language: en
    id: statement-2022-11-25
    ---

Without a ``title`` there, the first level-1 heading (``# Title``) is the title and leaves the
body (as does a heading that repeats the front matter's title). The issuer is ``issuer``,
``publisher`` or ``source``; the speaker ``speaker`` or ``author``. Raw HTML in the file is
sanitised away like any other HTML.
"""

from __future__ import annotations

import html
import re
from pathlib import PurePath

import markdown

from store.ingest.attribution import issuer_name, speaker_name
from store.ingest.dates import parse_date
from store.ingest.decoding import decode_text, primary_language
from store.markdown_text import html_to_markdown, sanitise_html
from store.parsed import ParsedRelease, UnreadableFile
from store.render import MARKDOWN_EXTENSIONS

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_H1 = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
# Quotes or lists nested deeper than this are no release's structure, and converting them
# costs time that grows with the square of the depth.
MAX_NESTING = 100
_TOO_DEEP = re.compile(rf"^(?:[ \t]*>){{{MAX_NESTING}}}|^[ \t]{{{4 * MAX_NESTING}}}", re.MULTILINE)


def parse_markdown_file(data: bytes, filename: str) -> list[ParsedRelease]:
    """Parse a Markdown release; its body is re-rendered so that only safe Markdown remains."""
    text = decode_text(data, filename)
    fields, source = _split_front_matter(text)
    title = fields.get("title", "")
    heading, without_heading = _take_title_heading(source)
    # The heading is the title, or repeats the front matter's: either way it leaves the body.
    if not title or heading.casefold() == title.casefold():
        title, source = title or heading, without_heading
    body_markdown = sanitise_markdown(source)
    if not body_markdown.strip():
        raise UnreadableFile("the Markdown file has no text")
    return [
        ParsedRelease(
            title=title or _title_from_filename(filename),
            body_markdown=body_markdown,
            date=parse_date(fields["date"]) if fields.get("date") else None,
            source=fields.get("source") or None,
            url=fields.get("url") or None,
            language=primary_language(fields.get("language")),
            identity=fields.get("id") or None,
            raw=text,
            raw_format="markdown",
            issuer=issuer_name(_first(fields, "issuer", "publisher", "source")),
            speaker=speaker_name(_first(fields, "speaker", "author")),
        )
    ]


def _first(fields: dict[str, str], *keys: str) -> str | None:
    """The value of the first of ``keys`` the front matter fills."""
    return next((fields[key] for key in keys if fields.get(key)), None)


def sanitise_markdown(text: str) -> str:
    """Markdown as the store keeps it: rendered to HTML and back, so no raw HTML survives.

    Python-Markdown rather than ``store.render.render_html``: that one writes list numbers
    into the text for the reader, which would come back here as numbers twice.
    Raises UnreadableFile for quotes or lists nested more than MAX_NESTING levels deep.
    """
    if _TOO_DEEP.search(text):
        raise UnreadableFile(f"its quotes or lists are nested more than {MAX_NESTING} levels deep")
    return html_to_markdown(_to_html(text))


def _to_html(text: str) -> str:
    """Markdown rendered with the reader's extensions (unsanitised; html_to_markdown cleans)."""
    return markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front matter's ``key: value`` pairs (keys lower-cased) and the Markdown after it."""
    text = text.lstrip("\n")
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        if pair := _KEY_VALUE.match(line):
            fields[pair.group(1).lower()] = _unquote(pair.group(2))
    return fields, text[match.end() :]


def _unquote(value: str) -> str:
    """A YAML scalar as written: surrounding quotes removed, quotes inside unescaped."""
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _take_title_heading(source: str) -> tuple[str, str]:
    """The first level-1 ATX heading outside code blocks as plain text, and the rest."""
    lines = source.split("\n")
    fence = None
    for index, line in enumerate(lines):
        if opening := _FENCE.match(line):
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is None and (heading := _H1.match(line)):
            title = _plain_text(heading.group(1))
            return title, "\n".join(lines[:index] + lines[index + 1 :])
    return "", source


def _plain_text(inline_markdown: str) -> str:
    """What a reader sees of a line of inline Markdown (emphasis, links and HTML removed)."""
    text = re.sub(r"<[^>]+>", "", sanitise_html(_to_html(inline_markdown)))
    return " ".join(html.unescape(text).split())


def _title_from_filename(filename: str) -> str:
    """A readable title from a file name: "joint-statement_sahel.md" → "joint statement sahel"."""
    return " ".join(re.split(r"[-_\s]+", PurePath(filename).stem)).strip()
