"""REFI-QDA (QDA-XML 1.0): a ``.qdpx`` project and a ``.qdc`` codebook for QDA suites.

ATLAS.ti, MAXQDA, NVivo, QualCoder and Taguette read these; what the writer shares with the
reader (namespaces, variables, GUIDs) is in ``store.refi_qda_format``.

**Line breaks and positions.** Each release becomes a ``TextSource`` whose plain text is the
file ``sources/<guid>.txt`` (``plainTextPath="internal://<guid>.txt"``): by default exactly
the release's canonical text, UTF-8 without a byte-order mark, with ``"\\n"`` line breaks
(paragraphs separated by ``"\\n\\n"``), never CRLF. ``PlainTextSelection``
``startPosition``/``endPosition`` then count Unicode code points of that text, so that
``text[start:end]`` is the quote once the file is read as UTF-8, whatever emoji or rare
characters it holds, and a line break counts as one character. A project written for one
tool (MAXQDA, ATLAS.ti, NVivo) follows that tool's line breaks, position units and folder
name instead, as ``store.refi_qda_tools`` describes.

**Identity.** GUIDs are name-based UUIDs (uuid5) of the release identity, the tag name and
the highlight, so exporting twice gives the same GUIDs and a QDA suite sees the same
project. Each source carries its release's identity, date, source, URL and language as text
variables, which lets ``store.imports.refi_qda`` map a re-import onto the same release.

**Shape** (the element order the schema requires): ``Project`` → ``Users``, ``CodeBook``
(codes nested as the tag hierarchy, ``#rrggbb`` colours, every code codable), ``Variables``,
``Sources`` (each ``TextSource``: ``Description`` with a citation, one ``PlainTextSelection``
per highlight with one ``Coding``/``CodeRef`` per tag and a ``NoteRef`` to its note, then
the ``VariableValue``s), ``Notes`` (each note a ``Note`` with ``PlainTextContent``).
Elements the schema requires at least one child of (``CodeBook``, ``Sources``, ``Notes``)
are left out when empty. The ``.qdc`` codebook holds every tag of the store.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from lxml import etree

from store.db import Store
from store.excerpts import Excerpt
from store.export.base import WRITE_BUFFER, ExportError, Ticker, xml_safe
from store.refi_qda_format import (
    CODEBOOK_NS,
    INTERNAL,
    ORIGIN,
    PROJECT_MEMBER,
    PROJECT_NS,
    VARIABLES,
    guid,
    tag_guid,
)
from store.refi_qda_tools import PLAIN, Convention
from store.tags import Tag, list_tags

# lxml writes the declaration with single quotes, which some importers' sniffers miss.
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def write_qdc(store: Store, excerpts: Iterable[Excerpt], out: Path, ticker: Ticker) -> int:
    """Write the whole codebook as a ``.qdc`` file; returns how many tags it holds.

    ``excerpts`` is there for the shared export signature and not used: the codebook is
    exported whole, whatever excerpts are selected, so that tags keep their parents (the
    runner does not read them for this format).
    """
    tags = list_tags(store)
    if not tags:
        raise ExportError("The codebook is empty: there is no tag to export.")
    root = etree.Element(f"{{{CODEBOOK_NS}}}CodeBook", nsmap={None: CODEBOOK_NS}, origin=ORIGIN)
    root.append(codes_element(tags, CODEBOOK_NS))
    out.write_bytes(XML_DECLARATION + etree.tostring(root, encoding="UTF-8"))
    return len(tags)


def codes_element(tags: list[Tag], namespace: str) -> etree._Element:
    """``<Codes>`` with one ``<Code>`` per tag, nested as the tag hierarchy."""
    known = {tag.id for tag in tags}
    children: dict[int | None, list[Tag]] = {}
    for tag in tags:
        children.setdefault(tag.parent_id if tag.parent_id in known else None, []).append(tag)

    def add(parent: etree._Element, parent_id: int | None) -> None:
        for tag in children.get(parent_id, []):
            code = etree.SubElement(
                parent,
                f"{{{namespace}}}Code",
                guid=tag_guid(tag.name),
                name=xml_safe(tag.name),
                isCodable="true",
                color=tag.colour,
            )
            if tag.description:
                etree.SubElement(code, f"{{{namespace}}}Description").text = xml_safe(
                    tag.description
                )
            add(code, tag.id)

    codes = etree.Element(f"{{{namespace}}}Codes", nsmap={None: namespace})
    add(codes, None)
    return codes


def write_qdpx(
    store: Store,
    excerpts: Iterable[Excerpt],
    out: Path,
    ticker: Ticker,
    convention: Convention = PLAIN,
) -> int:
    """Write a ``.qdpx`` project: releases as text sources, highlights as coded selections,
    in the ``convention`` of the tool that will read it (``store.refi_qda_tools``).

    Returns how many excerpts (selections) it holds. The project file is written as the
    excerpts stream, to a temporary file, then stored in the archive beside the sources.
    """
    tags = list_tags(store)
    with (
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive,
        tempfile.TemporaryFile(buffering=WRITE_BUFFER) as project,
    ):
        _write_project(store, project, archive, tags, excerpts, ticker, convention)
        ticker.check()
        project.seek(0)
        with archive.open(PROJECT_MEMBER, "w") as member:
            shutil.copyfileobj(project, member)
    return ticker.done


def _write_project(
    store: Store,
    out: IO[bytes],
    archive: zipfile.ZipFile,
    tags: list[Tag],
    items: Iterable[Excerpt],
    ticker: Ticker,
    convention: Convention,
) -> None:
    p = f"{{{PROJECT_NS}}}"
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    notes: list[tuple[str, str, str]] = []  # (guid, note, created)
    by_release = itertools.groupby(items, key=lambda e: e.release_id)
    first = next(by_release, None)
    out.write(XML_DECLARATION)
    with etree.xmlfile(out, encoding="UTF-8") as xf:
        attributes = {
            "name": "Communiqué Desk export",
            "origin": convention.origin,
            "creationDateTime": now,
        }
        with xf.element(f"{p}Project", nsmap={None: PROJECT_NS}, attrib=attributes):
            users = etree.Element(f"{p}Users", nsmap={None: PROJECT_NS})
            for name in _user_names(store):
                etree.SubElement(users, f"{p}User", guid=user_guid(name), name=name)
            xf.write(users)
            if tags:
                codebook = etree.Element(f"{p}CodeBook", nsmap={None: PROJECT_NS})
                codebook.append(codes_element(tags, PROJECT_NS))
                xf.write(codebook)
            xf.write(_variables_element())
            if first is not None:
                with xf.element(f"{p}Sources"):
                    for release_id, excerpts in itertools.chain([first], by_release):
                        source = _text_source(
                            store, archive, release_id, excerpts, notes, ticker, convention
                        )
                        xf.write(source)
            if notes:
                with xf.element(f"{p}Notes"):
                    for note_guid, note, created in notes:
                        element = etree.Element(
                            f"{p}Note",
                            nsmap={None: PROJECT_NS},
                            guid=note_guid,
                            name="Note",
                            creationDateTime=created,
                        )
                        etree.SubElement(element, f"{p}PlainTextContent").text = xml_safe(note)
                        xf.write(element)


def user_guid(coder: str) -> str:
    """A coder's ``User`` guid, the same in every export (the unnamed coder of highlights
    made before coders were recorded is the program itself, as exports before then said)."""
    return guid("user", coder or ORIGIN)


def _user_names(store: Store) -> list[str]:
    """The name of every coder of the store's highlights, each once (the unnamed coder is
    the program, so a coder who took the program's name shares its ``User``: one GUID is
    never given twice); the program itself when there are none (the schema wants a
    ``User`` for the project)."""
    rows = store.conn.execute("SELECT DISTINCT coder FROM highlights ORDER BY coder").fetchall()
    names = [row[0] or ORIGIN for row in rows]
    return list(dict.fromkeys(names)) or [ORIGIN]


def _variables_element() -> etree._Element:
    p = f"{{{PROJECT_NS}}}"
    variables = etree.Element(f"{p}Variables", nsmap={None: PROJECT_NS})
    for name in VARIABLES:
        etree.SubElement(
            variables, f"{p}Variable", guid=guid("variable", name), name=name, typeOfVariable="Text"
        )
    return variables


def _text_source(
    store: Store,
    archive: zipfile.ZipFile,
    release_id: int,
    excerpts: Iterable[Excerpt],
    notes: list[tuple[str, str, str]],
    ticker: Ticker,
    convention: Convention,
) -> etree._Element:
    """The ``TextSource`` of one release, its text stored in the archive as a side effect.

    Each highlight is one selection, however often the excerpts name it, so that no GUID
    is given twice."""
    p = f"{{{PROJECT_NS}}}"
    row = store.conn.execute(
        "SELECT identity, title, date, source, url, language, text, "
        "(SELECT name FROM issuers WHERE id = issuer_id), speaker, "
        "(SELECT group_concat(country, ' ') FROM release_countries WHERE release_id = id) "
        "FROM releases WHERE id = ?",
        (release_id,),
    ).fetchone()
    identity, title, date, source_name, url, language, text, issuer, speaker, countries = row
    source_guid = guid("release", identity)
    archive.writestr(
        f"{convention.sources_folder}{source_guid}.txt",
        convention.file_text(text).encode("utf-8"),
    )
    position = convention.positions(text)
    written: set[int] = set()
    source = etree.Element(
        f"{p}TextSource",
        nsmap={None: PROJECT_NS},
        guid=source_guid,
        name=xml_safe(title),
        plainTextPath=f"{INTERNAL}{source_guid}.txt",
    )
    by = issuer or source_name
    if by and speaker:
        by = f"{by} ({speaker})"
    citation = " · ".join(part for part in (title, by, date, url) if part)
    etree.SubElement(source, f"{p}Description").text = xml_safe(citation)
    for excerpt in excerpts:
        ticker.step()
        if excerpt.highlight_id in written:
            continue
        written.add(excerpt.highlight_id)
        selection_guid = guid("highlight", f"{identity}:{excerpt.highlight_id}")
        selection = etree.SubElement(
            source,
            f"{p}PlainTextSelection",
            guid=selection_guid,
            startPosition=str(position(excerpt.start)),
            endPosition=str(position(excerpt.end)),
            creatingUser=user_guid(excerpt.coder),
            creationDateTime=excerpt.created_at,
            modifiedDateTime=excerpt.updated_at,
        )
        for tag in excerpt.tags:
            coding = etree.SubElement(
                selection,
                f"{p}Coding",
                guid=guid("coding", f"{selection_guid}:{tag.name.casefold()}"),
                creatingUser=user_guid(excerpt.coder),
            )
            etree.SubElement(coding, f"{p}CodeRef", targetGUID=tag_guid(tag.name))
        if excerpt.note:
            note_guid = guid("note", selection_guid)
            etree.SubElement(selection, f"{p}NoteRef", targetGUID=note_guid)
            notes.append((note_guid, excerpt.note, excerpt.created_at))
    values = zip(
        VARIABLES,
        (identity, date, source_name, url, language, issuer, speaker, countries),
        strict=True,
    )
    for name, value in values:
        if value:
            variable = etree.SubElement(source, f"{p}VariableValue")
            etree.SubElement(variable, f"{p}VariableRef", targetGUID=guid("variable", name))
            etree.SubElement(variable, f"{p}TextValue").text = xml_safe(value)
    return source
