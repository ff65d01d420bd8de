"""QDPX projects written for MAXQDA, ATLAS.ti and NVivo, and without ``--for``.

The release comes from a real Farnesina text saved with CRLF line ends, with an emoji
outside the Basic Multilingual Plane (a skin-toned thumb: two astral code points), a flag
(two more) and combining marks, and one highlight after each of them. Each project is read
back with zipfile and lxml the way the tool reads it: what its source file holds, what a
position counts (the facts below, as docs/refi-qda-tools.md sources them), and nothing of
ours. Then each goes back into a fresh store.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from pathlib import Path

import pytest
from export_sample import FARNESINA, SHARED, SPECS
from lxml import etree

from store.db import Store
from store.excerpts import ExcerptFilter, query_excerpts
from store.export import ExportError, write_export
from store.highlights import add_highlight_by_quote
from store.imports.pipeline import import_paths
from store.imports.refi_qda import import_refi
from store.refi_qda_format import ORIGIN, PROJECT_NS
from store.tags import create_tag

NS = {"q": PROJECT_NS}
EMOJI = "Grazie 👍🏽 a tutti"
MARKS = "Citta\u0300 e\u0301 Cura\u00e7ao, n\u0303"  # decomposed accents, one precomposed
# tool → (line break in the source files, positions one break takes, unit, folder)
FACTS = {
    None: ("\n", 1, "code points", "sources/"),
    "maxqda": ("\r\n", 2, "utf-16", "sources/"),
    "atlas.ti": ("\r\n", 1, "utf-16", "sources/"),
    "nvivo": ("\r\n", 2, "utf-16", "Sources/"),
}


def _file_with_crlf(folder: Path) -> Path:
    lines = [line for line in FARNESINA.read_text("utf-8").splitlines() if line.strip()]
    title, body = lines[2], lines[3:7]
    paragraphs = [
        body[0],
        f"{EMOJI} 🇮🇹 — {body[1]}",
        f"{MARKS}.\r\nA second line",
        body[2],
        body[3],
    ]
    path = folder / "conversation.txt"
    path.write_bytes("\r\n\r\n".join([title, *paragraphs]).encode("utf-8"))
    return path


@pytest.fixture
def hazards(store: Store, tmp_path: Path) -> Store:
    """The CRLF release, with highlights after the emoji, after the marks, across a line
    break and at the end, by two coders."""
    summary = import_paths(store, [_file_with_crlf(tmp_path)])
    assert summary.imported == 1, summary
    (release_id,) = [row[0] for row in store.conn.execute("SELECT id FROM releases")]
    text = store.conn.execute("SELECT text FROM releases").fetchone()[0]
    assert "\r" not in text and "👍🏽" in text and MARKS in text  # canonical: "\n" breaks
    topic = create_tag(store, "Ukraine", "#1e90ff").created
    balkans = create_tag(store, "Balkans", "#aa5500").created
    quotes = {
        "a tutti": "",  # right after the emoji
        f"{MARKS}.\nA second": "across a line break",
        "Stoltenberg": "",
        "Western Balkans": "the last paragraph",
    }
    for coder, (quote, note) in zip(["Ana", "Ben", "Ana", "Ben"], quotes.items(), strict=True):
        store.coder = coder
        tags = [balkans] if "Balkans" in quote else [topic]
        add_highlight_by_quote(store, release_id, quote, tag_ids=tags, note=note)
    return store


def _export(store: Store, path: Path, tool: str | None) -> Path:
    assert write_export(store, "qdpx", path, ExcerptFilter(), for_tool=tool) == 4
    return path


def _read(path: Path) -> tuple[etree._Element, dict[str, str], list[str]]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        project = etree.fromstring(archive.read("project.qde"))
        texts = {n: archive.read(n).decode("utf-8") for n in names if n.endswith(".txt")}
    return project, texts, names


def _at(text: str, start: int, end: int, width: int, unit: str) -> str:
    """What the tool shows at [start, end): in its own count of the file's text."""
    counted = text if width == 2 else text.replace("\r\n", "\n")
    if unit == "code points":
        return counted[start:end]
    return counted.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le")


def _highlights(store: Store) -> list[tuple]:
    return sorted(
        (e.quote, e.start, e.end, tuple(t.name for t in e.tags), e.note, e.coder)
        for e in query_excerpts(store)
    )


@pytest.mark.parametrize("tool", list(FACTS))
def test_each_tool_reads_every_quote_at_its_positions(
    hazards: Store, out_dir: Path, tool: str | None
) -> None:
    line_break, width, unit, folder = FACTS[tool]
    project, texts, names = _read(_export(hazards, out_dir / "p.qdpx", tool))
    etree.XMLSchema(etree.parse(str(SPECS / "Project.xsd"))).assertValid(project)
    (source,) = project.iterfind(".//q:TextSource", NS)
    member = f"{folder}{source.get('guid')}.txt"
    assert [n for n in names if n.endswith(".txt")] == [member]
    text = texts[member]
    assert text.count(line_break) >= 9 and "\n" not in text.replace(line_break, "")
    quotes = {e.start: e.quote for e in query_excerpts(hazards)}
    by_start = dict(sorted(quotes.items()))
    selections = project.findall(".//q:PlainTextSelection", NS)
    assert len(selections) == 4
    for selection, quote in zip(selections, by_start.values(), strict=True):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        shown = _at(text, start, end, width, unit)
        assert shown == (quote.replace("\n", "\r\n") if width == 2 else quote)
    # the last selection moved by one per line break (where a break counts two) and one per
    # astral code point (where positions count UTF-16) before it
    canonical = hazards.conn.execute("SELECT text FROM releases").fetchone()[0][: max(by_start)]
    breaks, astral = canonical.count("\n"), sum(ord(c) > 0xFFFF for c in canonical)
    assert breaks >= 8 and astral == 4
    moved = breaks * (width == 2) + astral * (unit == "utf-16")
    assert int(selections[-1].get("startPosition")) - max(by_start) == moved


@pytest.mark.parametrize("tool", list(FACTS))
def test_each_variant_comes_back_into_a_fresh_store_as_it_was(
    hazards: Store, out_dir: Path, tmp_path: Path, tool: str | None
) -> None:
    path = _export(hazards, out_dir / "p.qdpx", tool)
    with Store(tmp_path / "fresh.db") as fresh:
        result = import_refi(fresh, path)
        assert (result.imported, result.highlights_added, result.problems) == (1, 4, [])
        assert _highlights(fresh) == _highlights(hazards)
        again = import_refi(fresh, path)
        assert (again.unchanged, again.highlights_added) == (1, 0)


def test_atlas_ti_never_sees_one_guid_twice(hazards: Store, out_dir: Path) -> None:
    store = hazards
    store.coder = ORIGIN  # a coder named as the program, beside the unnamed one
    release_id = store.conn.execute("SELECT id FROM releases").fetchone()[0]
    add_highlight_by_quote(store, release_id, "Tajani", tag_ids=[], note="")
    with store.write() as conn:
        conn.execute("UPDATE highlights SET coder = '' WHERE coder = 'Ben'")
    chosen = query_excerpts(store)
    path = out_dir / "atlas.qdpx"
    # the analyst's selection names one highlight twice
    assert write_export(store, "qdpx", path, [*chosen, chosen[0]], for_tool="ATLAS.ti") == 6
    project, _, _ = _read(path)
    etree.XMLSchema(etree.parse(str(SPECS / "Project.xsd"))).assertValid(project)
    guids = Counter(e.get("guid").lower() for e in project.iter() if e.get("guid"))
    assert guids and max(guids.values()) == 1
    assert len(project.findall(".//q:PlainTextSelection", NS)) == 5
    assert project.get("origin") == f"{ORIGIN} (for ATLAS.ti)"


def test_another_tools_utf16_positions_are_placed_by_their_names(
    hazards: Store, out_dir: Path, tmp_path: Path
) -> None:
    """A project from NVivo itself (no convention named): each selection's ``name``, the
    coded text as tools write it, picks how its positions count."""
    path = _export(hazards, out_dir / "nvivo.qdpx", "nvivo")
    project, texts, _ = _read(path)
    project.set("origin", "NVivo 14")
    (text,) = texts.values()
    for selection in project.iterfind(".//q:PlainTextSelection", NS):
        start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
        selection.set("name", _at(text, start, end, 2, "utf-16"))
    foreign = tmp_path / "from-nvivo.qdpx"
    with zipfile.ZipFile(path) as original, zipfile.ZipFile(foreign, "w") as copy:
        for name in original.namelist():
            data = etree.tostring(project) if name == "project.qde" else original.read(name)
            copy.writestr(name, data)
    with Store(tmp_path / "fresh.db") as fresh:
        result = import_refi(fresh, foreign)
        assert result.problems == [] and result.highlights_added == 4
        placed = [(q, s, e) for q, s, e, *_ in _highlights(fresh)]
        assert placed == [(q, s, e) for q, s, e, *_ in _highlights(hazards)]


def test_for_is_refused_where_it_means_nothing(hazards: Store, out_dir: Path) -> None:
    with pytest.raises(ExportError, match="qdpx project can be written for maxqda"):
        write_export(hazards, "csv", out_dir / "x.csv", ExcerptFilter(), for_tool="maxqda")
    with pytest.raises(ExportError, match="“dedoose”"):
        write_export(hazards, "qdpx", out_dir / "x.qdpx", ExcerptFilter(), for_tool="dedoose")
    assert list(out_dir.iterdir()) == []


def test_a_release_whose_text_comes_back_otherwise_is_placed_alike_for_every_tool(
    store: Store, out_dir: Path, tmp_path: Path
) -> None:
    """A real State Department release with runs of no-break spaces, which a fresh store's
    text collapses: each selection is placed there by its quote, and the same place
    whatever line breaks the tool's file had."""
    feed = SHARED / "corpus" / "state-dept-feeds" / "press-releases-2021-06-08-017.rss"
    assert import_paths(store, [feed]).imported == 10
    (release_id,) = store.conn.execute(
        "SELECT id FROM releases WHERE identity LIKE '%page_id=249674'"
    ).fetchone()
    quote = (
        "speak.\xa0\xa0And for example, it’s very important that we not – American companies "
        "or individuals – aid and"
    )
    add_highlight_by_quote(store, release_id, quote)
    placed = {}
    for tool in FACTS:
        path = out_dir / f"{tool}.qdpx"
        write_export(store, "qdpx", path, ExcerptFilter(), for_tool=tool)
        with Store(tmp_path / f"{tool}.db") as fresh:
            assert import_refi(fresh, path).problems == []
            placed[tool] = [(e.quote, e.start, e.end) for e in query_excerpts(fresh)]
    words = sorted(" ".join(e.quote.split()) for e in query_excerpts(store))
    assert sorted(" ".join(q.split()) for q, _, _ in placed[None]) == words
    assert all(spans == placed[None] for spans in placed.values())
