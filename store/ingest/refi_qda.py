"""Reading REFI-QDA files: a ``.qdc`` codebook, or a ``.qdpx`` project with its texts.

:func:`read_refi` turns the file into a :class:`ParsedProject` (codes, text sources, their
coded selections and notes) and writes nothing; ``store.imports.refi_qda`` saves it. The
XML is read whatever namespace the tool wrote it in, and GUIDs are compared in one form.

The XML is parsed without entities, network or huge-tree allowances, and the archive is
refused if it would unpack to more than MAX_UNPACKED_BYTES, compresses suspiciously well,
or names a path outside itself.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from lxml import etree

from store.parsed import UnreadableFile
from store.refi_qda_format import INTERNAL, PROJECT_MEMBER, SOURCES_FOLDER, colour, same_guid

MAX_UNPACKED_BYTES = 500 * 2**20
MAX_RATIO = 200  # text compresses 5–10 times; a zip bomb by thousands


@dataclass(frozen=True)
class ParsedCode:
    """A code of the codebook; ``guid`` in :func:`same_guid` form, ``colour`` ``#rrggbb``
    or None (the store picks one)."""

    guid: str
    name: str
    colour: str | None
    description: str
    children: tuple[ParsedCode, ...]


@dataclass(frozen=True)
class ParsedSelection:
    """A ``PlainTextSelection``: its positions as written (None if not a number), the text
    most tools write in its ``name``, the code GUIDs of its codings in order (``""`` for a
    coding that names none), its note, and the name of the user who made it."""

    start: int | None
    end: int | None
    name: str
    code_guids: tuple[str, ...]
    note: str
    coder: str | None = None  # the name of its creatingUser, when the project names one


@dataclass(frozen=True)
class ParsedSource:
    """A ``TextSource``: ``text`` is None when the file does not hold it; ``values`` maps
    variable names to the source's values; ``coded_whole`` when codes are on all of it."""

    guid: str
    name: str
    text: str | None
    values: dict[str, str]
    selections: tuple[ParsedSelection, ...]
    coded_whole: bool


@dataclass(frozen=True)
class ParsedProject:
    """A project or a codebook (which has no sources) as read; ``other_sources`` counts the
    sources that are not text (PDF, pictures, media); ``origin`` is the program that wrote
    the project, as it says."""

    codes: tuple[ParsedCode, ...]
    sources: tuple[ParsedSource, ...] = ()
    other_sources: int = 0
    origin: str = ""


def read_refi(path: str | Path) -> ParsedProject:
    """Read a ``.qdc`` codebook or a ``.qdpx`` project; raises UnreadableFile for a bad file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".qdc", ".qdpx"):
        raise UnreadableFile("not a REFI-QDA file (.qdpx project or .qdc codebook)")
    if suffix == ".qdc":
        try:
            root = _parse(_read_limited(path.open("rb"), path.name))
        except OSError as error:
            raise UnreadableFile(f"cannot be read ({error.strerror})") from None
        if _local(root) != "CodeBook":
            raise UnreadableFile("not a REFI-QDA codebook (its root is not CodeBook)")
        return ParsedProject(codes=_codes(root))
    with _open_archive(path) as archive:
        root = _parse(_read_member(archive, _project_member(archive)))
        if _local(root) != "Project":
            raise UnreadableFile("not a REFI-QDA project (project.qde's root is not Project)")
        return _ProjectReader(archive).read(root)


# --- reading safely -----------------------------------------------------------------------


def _parse(data: bytes) -> etree._Element:
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(f"its XML is not well formed ({error})") from None


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise UnreadableFile(f"not a readable .qdpx archive ({error})") from None
    try:
        _check_members(archive)
    except UnreadableFile:
        archive.close()
        raise
    return archive


def _check_members(archive: zipfile.ZipFile) -> None:
    """Refuse zip bombs and paths that climb out of the archive, before reading a byte."""
    total = 0
    for info in archive.infolist():
        parts = PurePosixPath(info.filename.replace("\\", "/")).parts
        if info.filename.startswith(("/", "\\")) or ".." in parts or ":" in info.filename:
            raise UnreadableFile(f"the archive names a path outside itself ({info.filename})")
        total += info.file_size
        if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnreadableFile(f"{info.filename} in the archive compresses suspiciously well")
    if total > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"the archive would unpack to {total // 2**20} MB, more than allowed")


def _read_limited(handle, name: str) -> bytes:
    """Read at most MAX_UNPACKED_BYTES, whatever the archive's headers claimed."""
    with handle:
        data = handle.read(MAX_UNPACKED_BYTES + 1)
    if len(data) > MAX_UNPACKED_BYTES:
        raise UnreadableFile(f"{name} is larger than {MAX_UNPACKED_BYTES // 2**20} MB")
    return data


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes, asked for no further than its header declares.

    _check_members vetted the declared sizes. A member whose header lies (1 KB declared,
    600 MB inside) then fails zipfile's CRC check after the declared bytes, instead of being
    inflated up to MAX_UNPACKED_BYTES first.
    """
    try:
        with archive.open(name) as handle:
            return handle.read(archive.getinfo(name).file_size)
    except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError) as error:
        raise UnreadableFile(f"{name} in the archive cannot be read ({error})") from None


def _project_member(archive: zipfile.ZipFile) -> str:
    names = [n for n in archive.namelist() if "/" not in n and n.lower().endswith(".qde")]
    if not names:
        raise UnreadableFile("the archive holds no project.qde")
    return PROJECT_MEMBER if PROJECT_MEMBER in names else names[0]


# --- the XML, whatever namespace the tool wrote it in ----------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _grandchildren(element: etree._Element, group: str, name: str) -> list[etree._Element]:
    """``<group><name/>…</group>`` under ``element``: the ``name`` elements, or none."""
    found = _child(element, group)
    return _children(found, name) if found is not None else []


def _text(element: etree._Element | None, name: str) -> str:
    child = None if element is None else _child(element, name)
    return child.text or "" if child is not None else ""


def _codes(codebook: etree._Element) -> tuple[ParsedCode, ...]:
    def read(codes: list[etree._Element]) -> tuple[ParsedCode, ...]:
        return tuple(
            ParsedCode(
                guid=same_guid(code.get("guid")),
                name=code.get("name", ""),
                colour=colour(code.get("color")),
                description=_text(code, "Description"),
                children=read(_children(code, "Code")),
            )
            for code in codes
        )

    return read(_grandchildren(codebook, "Codes", "Code"))


def _value(element: etree._Element) -> str:
    found = [child for child in element if _local(child).endswith("Value") and child.text]
    return found[0].text.strip() if found else ""


def _position(value: str | None) -> int | None:
    try:
        return int(value or "")
    except ValueError:
        return None


class _ProjectReader:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.variables: dict[str, str] = {}  # variable GUID → name
        self.notes: dict[str, str | None] = {}  # note GUID → text
        self.users: dict[str, str] = {}  # user GUID → name

    def read(self, project: etree._Element) -> ParsedProject:
        for variable in _grandchildren(project, "Variables", "Variable"):
            self.variables[same_guid(variable.get("guid"))] = variable.get("name", "")
        for user in _grandchildren(project, "Users", "User"):
            self.users[same_guid(user.get("guid"))] = (user.get("name") or "").strip()
        for note in _grandchildren(project, "Notes", "Note"):
            self.notes[same_guid(note.get("guid"))] = self._plain_text(note)
        codebook = _child(project, "CodeBook")
        sources = _child(project, "Sources")
        texts, others = [], 0
        for source in sources if sources is not None else []:
            if _local(source) == "TextSource":
                texts.append(self._text_source(source))
            else:
                others += 1
        codes = _codes(codebook) if codebook is not None else ()
        return ParsedProject(
            codes=codes,
            sources=tuple(texts),
            other_sources=others,
            origin=(project.get("origin") or "").strip(),
        )

    def _text_source(self, source: etree._Element) -> ParsedSource:
        text = self._plain_text(source)
        values = {
            self.variables.get(same_guid(ref.get("targetGUID")), ""): _value(value)
            for value in _children(source, "VariableValue")
            if (ref := _child(value, "VariableRef")) is not None
        }
        selections = tuple(
            ParsedSelection(
                start=_position(selection.get("startPosition")),
                end=_position(selection.get("endPosition")),
                name=selection.get("name", ""),
                code_guids=tuple(
                    same_guid(ref.get("targetGUID") if ref is not None else "")
                    for coding in _children(selection, "Coding")
                    for ref in [_child(coding, "CodeRef")]
                ),
                note=self._note(selection),
                coder=self.users.get(same_guid(selection.get("creatingUser") or "")),
            )
            for selection in _children(source, "PlainTextSelection")
        )
        return ParsedSource(
            guid=same_guid(source.get("guid")),
            name=(source.get("name") or "").strip() or "Untitled source",
            text=text,
            values=values,
            selections=selections if text is not None else (),
            coded_whole=bool(_children(source, "Coding")),
        )

    def _plain_text(self, element: etree._Element) -> str | None:
        """A source's or note's text: inline, or an ``internal://`` file of the archive, in
        its ``sources/`` folder whatever the folder's case (NVivo writes ``Sources/``)."""
        inline = _child(element, "PlainTextContent")
        if inline is not None:
            return inline.text or ""
        path = element.get("plainTextPath") or ""
        if not path.startswith(INTERNAL):
            return None
        wanted = path.removeprefix(INTERNAL).lower()
        members = {name.lower(): name for name in self.archive.namelist()}
        member = members.get(f"{SOURCES_FOLDER}{wanted}") or members.get(wanted)
        if member is None:
            return None
        try:
            return _read_member(self.archive, member).decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{member} in the archive is not UTF-8 text") from None

    def _note(self, selection: etree._Element) -> str:
        """The selection's notes (NoteRef), else its Description, as one note."""
        linked = [
            self.notes.get(same_guid(r.get("targetGUID"))) for r in _children(selection, "NoteRef")
        ]
        note = "\n\n".join(n for n in linked if n and n.strip())  # kept exactly as written
        return note or _text(selection, "Description").strip()
