"""REFI-QDA export read back with zipfile and lxml, validated against the published XSDs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from export_sample import SPECS, Sample
from lxml import etree

from store.db import Store
from store.excerpts import ExcerptFilter, query_excerpts
from store.export import ExportError, write_export
from store.refi_qda_format import CODEBOOK_NS, PROJECT_NS

NS = {"q": PROJECT_NS}
GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SPECS / name)))


def _project(path: Path) -> tuple[etree._Element, dict[str, str], bytes]:
    """The parsed project.qde, the source texts by file name, and project.qde's raw bytes."""
    with zipfile.ZipFile(path) as archive:
        raw = archive.read("project.qde")
        texts = {
            name.removeprefix("sources/"): archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
    return etree.fromstring(raw), texts, raw


@pytest.fixture
def qdpx(sample: Sample, out_dir: Path) -> Path:
    path = out_dir / "project.qdpx"
    assert write_export(sample.store, "qdpx", path, ExcerptFilter()) == 6
    return path


def test_project_validates_and_keeps_the_archive_layout_importers_expect(qdpx: Path) -> None:
    project, texts, raw = _project(qdpx)
    _schema("Project.xsd").assertValid(project)
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')  # and no byte-order mark
    with zipfile.ZipFile(qdpx) as archive:
        names = archive.namelist()
    assert "project.qde" in names and len(texts) == 2
    assert all(name == "project.qde" or name.startswith("sources/") for name in names)
    for source in project.iterfind(".//q:TextSource", NS):
        path = source.get("plainTextPath")
        assert path == f"internal://{source.get('guid')}.txt" and source.get("richTextPath") is None
        assert source.find("q:PlainTextContent", NS) is None  # either inline or a path, not both


def test_every_selection_is_its_quote_in_the_exported_text(sample: Sample, qdpx: Path) -> None:
    project, texts, _ = _project(qdpx)
    quotes = {e.quote for e in query_excerpts(sample.store)}
    found = set()
    for source in project.iterfind(".//q:TextSource", NS):
        text = texts[source.get("plainTextPath").removeprefix("internal://")]
        assert "\r" not in text and not text.startswith("\ufeff")
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            found.add(text[start:end])
    assert found == quotes
    assert "resilience.\n\nLa Sécurité européenne — الأمن الأوروبي — 𠀋 matters" in found


def test_codings_notes_and_codebook_hierarchy(sample: Sample, qdpx: Path) -> None:
    project, _, _ = _project(qdpx)
    codes = {code.get("guid"): code for code in project.iterfind(".//q:Code", NS)}
    by_name = {code.get("name"): code for code in codes.values()}
    assert by_name["Ukraine"].getparent() is by_name["Security"]
    assert by_name["Ukraine"].get("color") == "#1e90ff"
    assert by_name["Ukraine"].findtext("q:Description", namespaces=NS) == "War in Ukraine & support"
    assert all(code.get("isCodable") == "true" and GUID.match(g) for g, code in codes.items())
    notes = {
        note.get("guid"): note.findtext("q:PlainTextContent", namespaces=NS)
        for note in project.iterfind("q:Notes/q:Note", NS)
    }
    two = next(
        s for s in project.iterfind(".//q:PlainTextSelection", NS) if s.get("startPosition") == "55"
    )
    tags = [codes[ref.get("targetGUID")].get("name") for ref in two.iterfind(".//q:CodeRef", NS)]
    assert tags == ["Ukraine", "Économie"]
    assert notes[two.find("q:NoteRef", NS).get("targetGUID")] == (
        "Spans two paragraphs\nand a second line"
    )
    assert len(notes) == 5  # one highlight has no note


def test_sources_carry_the_release_identity_and_citation(sample: Sample, qdpx: Path) -> None:
    project, _, _ = _project(qdpx)
    variables = {
        v.get("guid"): v.get("name") for v in project.iterfind("q:Variables/q:Variable", NS)
    }
    readout = next(
        s for s in project.iterfind(".//q:TextSource", NS) if s.get("name").startswith("Readout")
    )
    values = {
        variables[v.find("q:VariableRef", NS).get("targetGUID")]: v.findtext(
            "q:TextValue", namespaces=NS
        )
        for v in readout.iterfind("q:VariableValue", NS)
    }
    identity = sample.store.conn.execute(
        "SELECT identity FROM releases WHERE id = ?", (sample.readout,)
    ).fetchone()[0]
    assert values["Release identity"] == identity
    assert values["Date"] == "2024-03-05" and values["Source"] == "Farnesina"
    assert (values["Issuer"], values["Speaker"]) == (
        "Italian Ministry of Foreign Affairs and International Cooperation",
        "Antonio Tajani",
    )
    assert values["Countries"] == "IT UA"
    assert (
        "Readout: Italy & Ukraine 🇺🇦 · Italian Ministry of Foreign Affairs and International "
        "Cooperation (Antonio Tajani) · 2024-03-05"
        in readout.findtext("q:Description", namespaces=NS)
    )


def test_guids_are_the_same_in_every_export(sample: Sample, qdpx: Path, out_dir: Path) -> None:
    again = out_dir / "again.qdpx"
    write_export(sample.store, "qdpx", again, ExcerptFilter())
    first, second = _project(qdpx)[0], _project(again)[0]
    guids = [sorted(e.get("guid") for e in p.iter() if e.get("guid")) for p in (first, second)]
    assert guids[0] == guids[1]
    assert len(set(guids[0])) == len(guids[0])  # and no two things share one


def test_codebook_file_validates_and_nests(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "codebook.qdc"
    assert write_export(sample.store, "qdc", path, ExcerptFilter()) == 5
    root = etree.parse(str(path)).getroot()
    _schema("Codebook.xsd").assertValid(root)
    assert root.tag == f"{{{CODEBOOK_NS}}}CodeBook"
    ns = {"c": CODEBOOK_NS}
    top = [code.get("name") for code in root.iterfind("c:Codes/c:Code", ns)]
    assert top == ["Security", "Unused", "Économie"]
    assert [c.get("name") for c in root.iterfind("c:Codes/c:Code/c:Code", ns)] == [
        "NATO",
        "Ukraine",
    ]


def test_an_empty_store_exports_a_valid_project_and_refuses_an_empty_codebook(
    tmp_path: Path,
) -> None:
    with Store(tmp_path / "empty.db") as empty:
        write_export(empty, "qdpx", tmp_path / "empty.qdpx", ExcerptFilter())
        _schema("Project.xsd").assertValid(_project(tmp_path / "empty.qdpx")[0])
        with pytest.raises(ExportError, match="no tag"):
            write_export(empty, "qdc", tmp_path / "empty.qdc", ExcerptFilter())
