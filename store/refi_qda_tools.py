"""How each QDA suite reads a ``.qdpx``: line breaks, what a position counts, folder names.

``communique export --format qdpx --for maxqda|atlas.ti|nvivo`` writes one of these
:class:`Convention`\\ s; without ``--for`` the project is written as it always was
(:data:`PLAIN`). ``store.imports.refi_qda`` reads a project back by the convention its
``origin`` names. The evidence for each convention, tool by tool, is in
``docs/refi-qda-tools.md``.

A release's canonical text has ``"\\n"`` line breaks and highlights count its code points.
A convention says which line break the source files carry, how many positions a line break
takes (a CRLF written to the file may count two, or one), and whether positions count code
points or UTF-16 code units (an emoji outside the Basic Multilingual Plane is one code point
but two UTF-16 units; combining marks are code points of their own either way).

>>> text = "Ja\\n🙂 Ok"
>>> MAXQDA.file_text(text)
'Ja\\r\\n🙂 Ok'
>>> MAXQDA.positions(text)(5), ATLAS_TI.positions(text)(5), PLAIN.positions(text)(5)
(7, 6, 5)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from store.refi_qda_format import ORIGIN

CODE_POINTS, UTF16 = "code points", "UTF-16 code units"


@dataclass(frozen=True)
class Convention:
    """What one reading tool expects of a project.

    ``key`` is what ``--for`` takes ("" for the plain export); ``line_break`` is written in
    the source files for each of the text's; ``break_width`` is how many positions one such
    break takes; ``unit`` is what a position counts; ``sources_folder`` is the archive's
    folder of source files.
    """

    key: str
    label: str
    line_break: str
    break_width: int
    unit: str
    sources_folder: str

    @property
    def origin(self) -> str:
        """The project's ``origin``: the program, and the tool it was written for."""
        return f"{ORIGIN} (for {self.label})" if self.key else ORIGIN

    def file_text(self, text: str) -> str:
        """A release's canonical text as this tool's source file holds it."""
        return text.replace("\n", self.line_break) if self.line_break != "\n" else text

    def positions(self, text: str) -> Callable[[int], int]:
        """Map a code point offset of the canonical ``text`` to this tool's position."""
        breaks = _indexes(text, "\n") if self.break_width == 2 else []
        astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF] if self.unit == UTF16 else []

        def position(offset: int) -> int:
            return offset + bisect_left(breaks, offset) + bisect_left(astral, offset)

        return position

    def offsets(self, file_text: str) -> tuple[str, Callable[[int], int | None]]:
        """The inverse, for a source file as read: the text positions count in (CRLF
        folded when a break counts one) and a map from this tool's position to a code
        point offset of that text (None for a position inside a character)."""
        counted = file_text.replace("\r\n", "\n") if self.break_width == 1 else file_text
        if self.unit == CODE_POINTS:
            return counted, lambda position: position
        # the UTF-16 position at which each astral character starts, in order
        starts = [i + n for n, i in enumerate(i for i, c in enumerate(counted) if ord(c) > 0xFFFF)]

        def offset(position: int) -> int | None:
            before = bisect_left(starts, position)
            if before and starts[before - 1] == position - 1:
                return None  # between the two halves of a surrogate pair
            return position - before

        return counted, offset


def _indexes(text: str, char: str) -> list[int]:
    found, at = [], text.find(char)
    while at != -1:
        found.append(at)
        at = text.find(char, at + 1)
    return found


PLAIN = Convention("", "any tool", "\n", 1, CODE_POINTS, "sources/")
MAXQDA = Convention("maxqda", "MAXQDA", "\r\n", 2, UTF16, "sources/")
ATLAS_TI = Convention("atlas.ti", "ATLAS.ti", "\r\n", 1, UTF16, "sources/")
NVIVO = Convention("nvivo", "NVivo", "\r\n", 2, UTF16, "Sources/")
TOOLS = {convention.key: convention for convention in (MAXQDA, ATLAS_TI, NVIVO)}


def convention_for(key: str | None) -> Convention:
    """The convention ``--for`` names (any case); the plain one for None or ""."""
    return TOOLS[key.lower()] if key else PLAIN


def convention_of_origin(origin: str | None) -> Convention | None:
    """The convention a project this program wrote says it follows; None for another
    tool's project, whose positions are read as the importer guesses them."""
    origin = (origin or "").strip()
    if origin == ORIGIN:
        return PLAIN
    return next((c for c in TOOLS.values() if c.origin == origin), None)
