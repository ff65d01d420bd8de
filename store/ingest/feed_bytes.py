"""A feed's bytes as publishers serve them, made into XML that any XML parser reads alike.

Two habits of hand-made and CMS feeds make them unreadable as XML, though every feed reader
shows them as meant:

- **the wrong encoding declared**: a feed saved as UTF-8 that still declares ISO-8859-1 (or
  the reverse), or a byte-order mark that disagrees with the declaration. The bytes decide:
  a byte-order mark first (the XML specification puts it above the declaration), then valid
  UTF-8 (which legacy text almost never is by accident), then the declared encoding, then
  detection. The text comes back as UTF-8 declaring UTF-8.
- **HTML entities XML does not define** (``&eacute;``, ``&nbsp;``, ``&rsquo;``) and bare
  ampersands ("Q&A"): an XML parser stops at the first, or, recovering, drops text around it.
  Each becomes the character reference it stands for (``&#233;``); a name no HTML version
  defines and a bare ``&`` become ``&amp;``, so they stay visible as written. CDATA sections,
  comments and the doctype are left alone; an entity the document declares as plain text is
  written out where it is used (one level, within a budget), others are left as they are.

Both the feed parser (feedparser) and the item reader (lxml) read the bytes this gives, so
they see the same items.
"""

from __future__ import annotations

import codecs
import contextlib
import html.entities
import re

from store.ingest.decoding import decode_text
from store.parsed import UnreadableFile

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# "<?" in UTF-16 or UTF-32 without a byte-order mark (XML specification, appendix F).
_UNMARKED_WIDE = [
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00?", "utf-16-be"),
    (b"<\x00?\x00", "utf-16-le"),
]
_DECLARATION = re.compile(r"\A\s*<\?xml\b[^>]*?\?>")
_DECLARED_ENCODING = re.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9._:-]+)")
_ENCODING_ATTRIBUTE = re.compile(r"""\s+encoding\s*=\s*(["'])[^"']*\1""")
# What browsers read a "latin-1" declaration as (WHATWG Encoding): Windows-1252.
_WINDOWS_1252_LABELS = frozenset(
    {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252"}
)
# The parts of a document where "&" means nothing: CDATA sections, comments, instructions.
_LITERAL_PARTS = re.compile(
    r"<!\[CDATA\[.*?(?:\]\]>|\Z)|<!--.*?(?:-->|\Z)|<\?.*?(?:\?>|\Z)"
    r"|<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>",
    re.S,
)
_AMPERSAND = re.compile(r"&(?:(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z_][\w.-]*);)?")
_DECLARED_ENTITY = re.compile(r"<!ENTITY\s+([A-Za-z_][\w.-]*)\s")
# An entity the document declares as plain text (character references at most): its
# text, written in place of each reference, since lxml is never let to expand entities.
_PLAIN_ENTITY = re.compile(
    r"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])((?:(?!\2)[^&<%]|&#[0-9]+;|&#[xX][0-9a-fA-F]+;)*)\2\s*>"""
)
# Plain entities are written out only while they add at most this much text (or the
# document's own length, when longer): one level, never a bomb.
_EXPANSION_BUDGET = 1 << 20
_CDATA_OPEN = "<![CDATA["
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def readable_feed_bytes(data: bytes) -> bytes:
    """The feed as UTF-8 XML declaring UTF-8, with HTML entities as character references.

    >>> readable_feed_bytes(b"<title>D&eacute;claration&nbsp;: Q&A</title>")
    b'<title>D&#233;claration&#160;: Q&amp;A</title>'
    """
    text = _decoded(data)
    declaration = _DECLARATION.match(text)
    if declaration:
        utf8 = _ENCODING_ATTRIBUTE.sub(' encoding="utf-8"', declaration.group(0), count=1)
        text = utf8 + text[declaration.end() :]
    return _with_xml_entities(_unnested_cdata(text)).encode("utf-8")


def _decoded(data: bytes) -> str:
    """The feed's text: its BOM, else valid UTF-8, else its declared encoding, else detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                data = data[len(bom) :]  # A BOM the bytes belie: let the bytes decide.
                break
    for start, encoding in _UNMARKED_WIDE:
        if data.startswith(start):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _DECLARED_ENCODING.match(data)
    encoding = _python_encoding(declared.group(1).decode("ascii")) if declared else None
    if encoding not in (None, "utf-8"):
        with contextlib.suppress(UnicodeDecodeError):  # declared wrongly: detection decides
            return data.decode(encoding)
    try:
        return decode_text(data, "")
    except UnreadableFile:
        raise UnreadableFile(
            "not a valid RSS or Atom feed: not text in any known encoding"
        ) from None


def _python_encoding(label: str) -> str | None:
    """Python's name for a declared encoding ("latin-1" read as Windows-1252), or None."""
    label = label.lower()
    try:
        return codecs.lookup("cp1252" if label in _WINDOWS_1252_LABELS else label).name
    except LookupError:
        return None


def _unnested_cdata(text: str) -> str:
    """CDATA sections written inside CDATA sections made one section, the inner marks dropped.

    XML ends a section at its first ``]]>``, so a publisher's ``<![CDATA[<p>a <![CDATA[b]]>
    c</p>]]>`` leaves `` c</p>]]>`` outside it, which is not XML. The usual way of writing
    ``]]>`` inside a section (``]]]]><![CDATA[>``: the next section starts at once) is kept.
    """
    if _CDATA_OPEN not in text:
        return text
    pieces: list[str] = []
    position = 0
    while (start := text.find(_CDATA_OPEN, position)) >= 0:
        pieces.append(text[position:start])
        cursor = start + len(_CDATA_OPEN)
        end = text.find("]]>", cursor)
        if end < 0:
            pieces.append(text[start:])
            return "".join(pieces)
        content = text[cursor:end]
        cursor = end + 3
        inner = content.count(_CDATA_OPEN)
        if inner and not text.startswith(_CDATA_OPEN, cursor):
            # Each inner opening ends at one more "]]>": take the text up to it as well.
            for _ in range(inner):
                further = text.find("]]>", cursor)
                if further < 0:
                    break
                content += text[cursor:further]
                cursor = further + 3
            content = content.replace(_CDATA_OPEN, "")
        pieces.append(_CDATA_OPEN + content + "]]>")
        position = cursor
    pieces.append(text[position:])
    return "".join(pieces)


def _with_xml_entities(text: str) -> str:
    """HTML entity references as character references, bare "&" escaped; the document's own
    plain entities written out; literal parts (CDATA, comments, the doctype) kept."""
    head = text[:65536]
    declared = frozenset(_DECLARED_ENTITY.findall(head))
    plain = {m.group(1): m.group(3) for m in _PLAIN_ENTITY.finditer(head)}
    budget = [max(_EXPANSION_BUDGET, len(text))]

    def reference(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in plain and budget[0] >= len(plain[name]):
            budget[0] -= len(plain[name])
            return plain[name]
        return _reference(match, declared)

    pieces: list[str] = []
    position = 0
    for literal in _LITERAL_PARTS.finditer(text):
        pieces.append(_AMPERSAND.sub(reference, text[position : literal.start()]))
        pieces.append(literal.group(0))
        position = literal.end()
    pieces.append(_AMPERSAND.sub(reference, text[position:]))
    return "".join(pieces)


def _reference(match: re.Match[str], declared: frozenset[str]) -> str:
    """One "&…" as XML can read it."""
    name = match.group(1)
    if name is None:
        return "&amp;"
    if name.startswith("#") or name in _XML_ENTITIES or name in declared:
        return match.group(0)
    characters = html.entities.html5.get(name + ";")
    if characters is None:
        return "&amp;" + name + ";"
    return "".join(f"&#{ord(character)};" for character in characters)
