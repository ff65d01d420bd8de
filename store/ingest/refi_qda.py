"""Importing REFI-QDA files: a ``.qdc`` codebook, or a ``.qdpx`` project with its texts.

* Codes become tags, merged by name whatever its case: a tag that exists keeps its colour,
  parent and description; a new one takes the code's (nested codes become sub-tags).
* Each ``TextSource`` becomes a release: title from its ``name``, body from its plain text
  (paragraphs at blank lines). A source written by ``store.export.refi_qda`` carries its
  release's identity, so it maps back onto that release, never a duplicate, and the store's
  own text and metadata are kept. Another tool's source is known by its GUID on re-import.
* Each ``PlainTextSelection`` becomes a highlight with the tags of its codings and its note
  (from a ``NoteRef``, else its ``Description``). Positions count code points of the
  source's text (``store.export.refi_qda`` explains why). Where the release's canonical
  text is not the source text character for character (another tool's CRLF line breaks,
  white space the store collapses, a release revised since the export), the selection is
  placed by its quote instead; one that cannot be found is reported, not guessed.
* A selection identical to an existing highlight (same place, tags and note) is skipped, so
  importing a file twice changes nothing.

One file is one transaction: it is imported whole or not at all. The XML is parsed without
entities, network or huge-tree allowances, and the archive is refused if it would unpack to
more than MAX_UNPACKED_BYTES, compresses suspiciously well, or names a path outside itself.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

from lxml import etree

from store.anchoring import find_quote, reanchor, selector_for
from store.changes import Changes
from store.db import Store
from store.export.refi_qda import DATE, IDENTITY, LANGUAGE, SOURCE, URL
from store.highlights import add_highlight, highlights_of_release
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease, UnreadableFile
from store.releases import get_release, release_identity, save_release
from store.tags import TagError, create_tag, find_tag

MAX_UNPACKED_BYTES = 500 * 2**20
MAX_RATIO = 200  # text compresses 5–10 times; a zip bomb by thousands
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


@dataclass
class RefiImportResult:
    """What an import did. ``problems`` lists, one sentence each, what was left out."""

    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    highlights_added: int = 0
    tags_added: int = 0
    problems: list[str] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def import_refi(store: Store, path: str | Path) -> RefiImportResult:
    """Import a ``.qdc`` codebook or a ``.qdpx`` project; raises UnreadableFile for a bad
    file, leaving the store as it was."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".qdc", ".qdpx"):
        raise UnreadableFile("not a REFI-QDA file (.qdpx project or .qdc codebook)")
    result = RefiImportResult()
    if suffix == ".qdc":
        try:
            root = _parse(_read_limited(path.open("rb"), path.name))
        except OSError as error:
            raise UnreadableFile(f"cannot be read ({error.strerror})") from None
        if _local(root) != "CodeBook":
            raise UnreadableFile("not a REFI-QDA codebook (its root is not CodeBook)")
        with store.write():
            _import_codebook(store, root, result)
        return result
    with _open_archive(path) as archive:
        root = _parse(_read_member(archive, _project_member(archive)))
        if _local(root) != "Project":
            raise UnreadableFile("not a REFI-QDA project (project.qde's root is not Project)")
        with store.write():
            codebook = _child(root, "CodeBook")
            code_tags = _import_codebook(store, codebook, result) if codebook is not None else {}
            _ProjectImport(store, archive, code_tags, result, str(path)).run(root)
    return result


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
    return "project.qde" if "project.qde" in names else names[0]


# --- the XML, whatever namespace the tool wrote it in ----------------------------------------


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _guid(value: str | None) -> str:
    """GUIDs compare without braces and case (both forms are valid QDA-XML)."""
    return (value or "").strip().strip("{}").lower()


def _text(element: etree._Element | None, name: str) -> str:
    child = None if element is None else _child(element, name)
    return child.text or "" if child is not None else ""


# --- codebook ----------------------------------------------------------------------------


def _import_codebook(
    store: Store, codebook: etree._Element, result: RefiImportResult
) -> dict[str, int]:
    """Merge the codes into the codebook; returns code GUID → tag id."""
    code_tags: dict[str, int] = {}

    def merge(codes: list[etree._Element], parent_id: int | None) -> None:
        for code in codes:
            name = code.get("name", "")
            existing = find_tag(store, " ".join(name.split())) if name.strip() else None
            tag_id = existing.id if existing else None
            if tag_id is None:
                try:
                    changes = create_tag(
                        store,
                        name,
                        _colour(code.get("color")),
                        parent_id,
                        _text(code, "Description"),
                    )
                except TagError as error:
                    result.problems.append(f"Code {name!r} was left out: {error}")
                    merge(_children(code, "Code"), parent_id)
                    continue
                tag_id = changes.created
                result.tags_added += 1
                result.changes |= changes
            code_tags[_guid(code.get("guid"))] = tag_id
            merge(_children(code, "Code"), tag_id)

    codes = _child(codebook, "Codes")
    merge(_children(codes, "Code") if codes is not None else [], None)
    return code_tags


def _colour(value: str | None) -> str | None:
    """``#rrggbb`` from a QDA colour (``#rgb`` is widened); None lets the store pick one."""
    match = _COLOUR.match((value or "").strip())
    if not match:
        return None
    digits = match.group(1)
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits)).lower()


# --- sources and their coded selections ---------------------------------------------------


def _grandchildren(element: etree._Element, group: str, name: str) -> list[etree._Element]:
    """``<group><name/>…</group>`` under ``element``: the ``name`` elements, or none."""
    found = _child(element, group)
    return _children(found, name) if found is not None else []


@dataclass
class _ProjectImport:
    store: Store
    archive: zipfile.ZipFile
    code_tags: dict[str, int]  # code GUID → tag id
    result: RefiImportResult
    origin: str
    variables: dict[str, str] = field(default_factory=dict)  # variable GUID → name
    notes: dict[str, str | None] = field(default_factory=dict)  # note GUID → text

    def run(self, project: etree._Element) -> None:
        for variable in _grandchildren(project, "Variables", "Variable"):
            self.variables[_guid(variable.get("guid"))] = variable.get("name", "")
        for note in _grandchildren(project, "Notes", "Note"):
            self.notes[_guid(note.get("guid"))] = self._plain_text(note)
        sources = _child(project, "Sources")
        others = 0
        for source in sources if sources is not None else []:
            if _local(source) == "TextSource":
                self._text_source(source)
            else:
                others += 1
        if others:
            self._problem(f"{others} non-text source(s) (PDF, pictures, media) were left out.")

    def _problem(self, sentence: str) -> None:
        self.result.problems.append(sentence)

    def _text_source(self, source: etree._Element) -> None:
        name = (source.get("name") or "").strip() or "Untitled source"
        text = self._plain_text(source)
        if text is None:
            self._problem(f"Source “{name}” was left out: its text is not in the file.")
            return
        values = {
            self.variables.get(_guid(ref.get("targetGUID")), ""): _value(value)
            for value in _children(source, "VariableValue")
            if (ref := _child(value, "VariableRef")) is not None
        }
        release_id, release_text = self._release_for(source, name, text, values)
        self._selections(source, name, text, release_id, release_text)
        if _children(source, "Coding"):
            self._problem(f"Codes on the whole of “{name}” were left out: tags go on passages.")

    def _plain_text(self, element: etree._Element) -> str | None:
        """A source's or note's text: inline, or an ``internal://`` file of the archive."""
        inline = _child(element, "PlainTextContent")
        if inline is not None:
            return inline.text or ""
        path = element.get("plainTextPath") or ""
        if not path.startswith("internal://"):
            return None
        wanted = path.removeprefix("internal://").lower()
        members = {name.lower(): name for name in self.archive.namelist()}
        member = members.get(f"sources/{wanted}") or members.get(wanted)
        if member is None:
            return None
        try:
            return _read_member(self.archive, member).decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError:
            raise UnreadableFile(f"{member} in the archive is not UTF-8 text") from None

    def _release_for(
        self, source: etree._Element, name: str, text: str, values: dict[str, str]
    ) -> tuple[int, str]:
        """The release this source is, saved if new; returns its id and canonical text.

        A release this program exported is found by its identity and left as the store has
        it: the store's text and metadata win over the copy in the file.
        """
        identity = values.get(IDENTITY, "")
        if identity:
            row = self.store.conn.execute(
                "SELECT id, text FROM releases WHERE identity = ?", (identity,)
            ).fetchone()
            if row is not None:
                self.result.unchanged += 1
                return row[0], row[1]
        normalised = text.replace("\r\n", "\n").replace("\r", "\n")
        date = values.get(DATE, "")
        parsed = ParsedRelease(
            title=name,
            body_markdown=paragraphs_to_markdown(_PARAGRAPH_BREAK.split(normalised)),
            date=date if _ISO_DATE.match(date) else None,
            source=values.get(SOURCE) or None,
            url=values.get(URL) or None,
            language=values.get(LANGUAGE) or None,
            raw=text,
            raw_format="refi-qda",
        )
        if identity:
            parsed = _restore_identity(parsed, identity)
        else:  # another tool's source: its GUID maps a re-import onto the same release
            parsed = replace(parsed, identity=_guid(source.get("guid")) or None)
        saved = save_release(self.store, parsed, self.origin)
        setattr(self.result, saved.outcome, getattr(self.result, saved.outcome) + 1)
        self.result.changes |= saved.changes
        return saved.release_id, get_release(self.store, saved.release_id).text

    def _selections(
        self, source: etree._Element, name: str, text: str, release_id: int, release_text: str
    ) -> None:
        existing = {
            (h.start, h.end, frozenset(t.id for t in h.tags), h.note)
            for h in highlights_of_release(self.store, release_id, include_orphans=False)
        }
        unknown_codes = lost = 0
        for selection in _children(source, "PlainTextSelection"):
            tag_ids = []
            for coding in _children(selection, "Coding"):
                ref = _child(coding, "CodeRef")
                tag_id = self.code_tags.get(_guid(ref.get("targetGUID") if ref is not None else ""))
                if tag_id is None:
                    unknown_codes += 1
                elif tag_id not in tag_ids:
                    tag_ids.append(tag_id)
            where = (selection.get("startPosition"), selection.get("endPosition"))
            span = _place(release_text, text, *where, name=selection.get("name", ""))
            if span is None:
                lost += 1
                continue
            note = self._note(selection)
            key = (span[0], span[1], frozenset(tag_ids), note)
            if key in existing:
                continue
            self.result.changes |= add_highlight(
                self.store, release_id, span[0], span[1], tag_ids, note
            )
            existing.add(key)
            self.result.highlights_added += 1
        if lost:
            self._problem(f"{lost} selection(s) in “{name}” were left out: not found in the text.")
        if unknown_codes:
            self._problem(f"{unknown_codes} coding(s) in “{name}” name no code of the codebook.")

    def _note(self, selection: etree._Element) -> str:
        """The selection's notes (NoteRef), else its Description, as one note."""
        linked = [
            self.notes.get(_guid(r.get("targetGUID"))) for r in _children(selection, "NoteRef")
        ]
        note = "\n\n".join(n for n in linked if n and n.strip())  # kept exactly as written
        return note or _text(selection, "Description").strip()


def _value(element: etree._Element) -> str:
    found = [child for child in element if _local(child).endswith("Value") and child.text]
    return found[0].text.strip() if found else ""


def _restore_identity(parsed: ParsedRelease, identity: str) -> ParsedRelease:
    """The record whose ``release_identity`` is ``identity``, so that a release exported
    from one store keeps its identity in another (and later imports find it)."""
    candidates: list[str | None] = [None]
    if identity.startswith("id:"):
        own = identity[3:]
        scope = f"{(parsed.source or '').strip().lower()}:"
        candidates = [own, own.removeprefix(scope), None]
    for candidate in candidates:
        trial = replace(parsed, identity=candidate)
        if release_identity(trial) == identity:
            return trial
    return replace(parsed, identity=identity)


def _place(
    release_text: str, source_text: str, start: str | None, end: str | None, name: str = ""
) -> tuple[int, int] | None:
    """Where ``source_text[start:end]`` is in the release's text, or None.

    Tools disagree on whether CRLF counts as one character or two. For a text with CRLF
    both readings are tried, and the selection's ``name`` (most tools write the coded text
    there) decides; without one, CRLF counts two, as the file is written.
    """
    try:
        start_at, end_at = int(start or ""), int(end or "")
    except ValueError:
        return None
    readings = [source_text]
    if "\r" in source_text:
        readings.append(source_text.replace("\r\n", "\n"))
        hinted = [text for text in readings if name.split() == text[start_at:end_at].split()]
        readings = hinted[:1] or readings[:1]
    text = readings[0]
    if not 0 <= start_at < end_at <= len(text) or not text[start_at:end_at].strip():
        return None
    if release_text == text:
        return start_at, end_at
    selector = selector_for(text, start_at, end_at)
    placed = reanchor(release_text, selector)
    if placed is not None:
        return placed.start, placed.end
    # White space differs (CRLF, collapsed runs): match the words, nearest to where it was.
    best, number = None, 1
    while (found := find_quote(release_text, selector.quote, number)) is not None:
        if best is None or abs(found[0] - start_at) < abs(best[0] - start_at):
            best = found
        number += 1
    return best
