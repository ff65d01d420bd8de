"""Bytes of a file of unknown origin turned into text, or a clear refusal for binary data."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from store.parsed import UnreadableFile

# Longest BOM first: the UTF-32 LE BOM begins with the UTF-16 LE one.
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# Above this share of control characters (other than tab and newlines) text is not prose.
_MAX_CONTROL_SHARE = 0.05
# charset-normalizer scores closer than this count as a tie.
_TIE = 0.01


def decode_text(data: bytes, filename: str) -> str:
    """Decode a text file: BOM if present, else UTF-8, else the encoding charset-normalizer finds.

    Newlines come back as ``"\\n"`` and the BOM is dropped. Raises ``UnreadableFile`` for
    empty or binary data (NUL bytes, no plausible encoding, mostly control characters); its
    message does not repeat ``filename``, which whoever reports the problem shows beside it.
    """
    if not data.strip():
        raise UnreadableFile("the file is empty")
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            # Only UTF-16/32 text has NUL bytes, and without a BOM we do not guess those.
            raise UnreadableFile("the file looks binary, not like text")
        text = _decode_without_bom(data)
    if "\r" in text:  # a search for one character is far quicker than the two replaces
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise UnreadableFile("the file looks binary, not like text")
    return text


def _decode_with_bom(data: bytes) -> str | None:
    """Decode by the byte-order mark, or return None when there is none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _decode_without_bom(data: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8 (almost never by accident), else detect."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return str(_detected(data))


def _detected(data: bytes) -> charset_normalizer.CharsetMatch:
    """The encoding charset-normalizer finds likeliest for bytes that are not UTF-8."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise UnreadableFile("not text in UTF-8 or any encoding we recognise")
    best = matches[0]
    # Short texts leave several single-byte code pages equally plausible; among such ties
    # Windows-1252 (what browsers read "latin-1" as) is by far the likeliest for a saved page.
    for match in matches:
        tied = match.chaos <= best.chaos + _TIE and match.coherence >= best.coherence - _TIE
        if tied and match.encoding == "cp1252":
            return match
    return best


def head_encoding(head: bytes, whole: bool) -> str:
    """The encoding of a file read as a stream, decided on its first bytes as
    :func:`decode_text` decides on a whole file: BOM, else UTF-8, else detection.

    ``whole`` says the head is the whole file; otherwise its last character may be cut.
    The name returned drops a UTF-8 BOM as it is read ("utf-8-sig"); UTF-16 and UTF-32
    names read their BOM themselves. Raises ``UnreadableFile`` for binary or empty heads.
    """
    if not head.strip():
        raise UnreadableFile("the file is empty")
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            # "utf-16"/"utf-32" read the BOM and drop it, as "utf-8-sig" does for UTF-8.
            return "utf-8-sig" if encoding == "utf-8" else encoding[: -len("-le")]
    if b"\x00" in head:
        raise UnreadableFile("the file looks binary, not like text")
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=whole)
        encoding = "utf-8"
    except UnicodeDecodeError:
        match = _detected(head)
        text, encoding = str(match), match.encoding
    if _control_share(text.replace("\r", "\n")) > _MAX_CONTROL_SHARE:
        raise UnreadableFile("the file looks binary, not like text")
    return encoding


# Control characters other than tab, newline and form feed, as UTF-8 bytes: each is one byte
# there, and no other character has such a byte.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, *range(0x0D, 0x20), 0x7F])
# Counted a slice at a time: one pass over a big file would hold the GIL, and the window's
# thread waits that long while an import runs.
_SLICE = 1 << 20


def _control_share(text: str) -> float:
    """Share of characters that are control characters other than tab, newline and form feed.

    Counted in the UTF-8 form, by deleting those bytes (bytes.translate): on a 100,000-release
    file a Python loop over the characters cost about as much as saving the releases, and a
    regex scan still two and a half times this.
    """
    if not text:
        return 0.0
    controls = 0
    for start in range(0, len(text), _SLICE):
        # "surrogatepass": any str can be counted; a lone surrogate is no control character.
        encoded = text[start : start + _SLICE].encode("utf-8", "surrogatepass")
        controls += len(encoded) - len(encoded.translate(None, _CONTROL_BYTES))
    return controls / len(text)


def primary_language(code: str | None) -> str | None:
    """A declared language tag reduced to its primary subtag: "en-US" → "en", "fr_FR" → "fr".

    Files declare language next to their encoding (``<html lang>``, feed ``<language>``);
    this is the one place its many spellings are read. Anything not a 2–3 letter code is None.

    >>> primary_language("en-US"), primary_language("fr_FR"), primary_language(" IT ")
    ('en', 'fr', 'it')
    >>> primary_language("français"), primary_language("")
    (None, None)
    """
    if not code:
        return None
    primary = re.split(r"[-_,;\s]", code.strip())[0].lower()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else None
