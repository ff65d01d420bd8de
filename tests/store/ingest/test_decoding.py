"""Text files of unknown origin decode to the text their author wrote."""

from __future__ import annotations

import codecs
import random
from unittest import mock

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from store.ingest import decoding
from store.ingest.decoding import decode_text, primary_language
from store.parsed import UnreadableFile

_RNG = random.Random(7)
FRENCH = "Communiqué de presse\nLe ministre a rencontré son homologue à Paris, où il a été reçu."


def test_utf8_with_windows_newlines() -> None:
    data = "Déclaration\r\nconjointe\rfin".encode()
    assert decode_text(data, "a.txt") == "Déclaration\nconjointe\nfin"


def test_utf8_bom_is_dropped() -> None:
    assert decode_text(codecs.BOM_UTF8 + FRENCH.encode(), "a.txt") == FRENCH


def test_latin1() -> None:
    assert decode_text(FRENCH.encode("latin-1"), "a.txt") == FRENCH


def test_cp1252_typographic_quotes() -> None:
    text = "“We welcome” the minister’s visit – the café reopened."
    assert decode_text(text.encode("cp1252"), "a.txt") == text


def test_cp1251_cyrillic() -> None:
    text = "Министерство иностранных дел сообщает о встрече министров."
    assert decode_text(text.encode("cp1251"), "a.txt") == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding: str) -> None:
    data = FRENCH.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    assert decode_text(data, "a.txt") == FRENCH


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"  \n\t ",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(_RNG.randrange(256) for _ in range(4000)),
        bytes(_RNG.randrange(1, 256) for _ in range(4000)),
        bytes(range(1, 32)) * 20,
    ],
    ids=["empty", "blank", "png", "random", "random-without-nul", "control-chars"],
)
def test_binary_or_empty_data_is_unreadable(data: bytes) -> None:
    with pytest.raises(UnreadableFile):
        decode_text(data, "a.txt")


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en-US", "en"),
        ("fr_FR", "fr"),
        (" DE ", "de"),
        ("fil", "fil"),
        ("", None),
        (None, None),
        ("english", None),
        ("x-klingon", None),
    ],
)
def test_primary_language(code: str | None, expected: str | None) -> None:
    assert primary_language(code) == expected


_CONTROLS = "".join(map(chr, [*range(0x09), 0x0B, *range(0x0D, 0x20), 0x7F]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*_CONTROLS, "\t", "\n", "\x0c", "\x85", "\u2028", "\ud800", "é"]),
            st.characters(),
        ),
        max_size=40,
    ).map("".join)
)
@example("a\x00\x7f\u0100\U0001f600\ud800\x1f")
def test_control_share_counts_each_control_character_once(text: str) -> None:
    expected = sum(char in _CONTROLS for char in text) / len(text) if text else 0.0
    with mock.patch.object(decoding, "_SLICE", 3):  # slices cut anywhere
        assert decoding._control_share(text) == expected
    assert decoding._control_share(text) == expected
