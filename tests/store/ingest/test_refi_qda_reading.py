"""Reading a REFI-QDA file gives the project as it was written, with no store at hand (saving
it is ``store.imports.refi_qda``'s, tested with the round trips in tests/store/export/)."""

from __future__ import annotations

from pathlib import Path

from export_sample import Sample

from store.excerpts import ExcerptFilter, query_excerpts
from store.export import write_export
from store.ingest.refi_qda import ParsedCode, read_refi
from store.refi_qda_format import IDENTITY, tag_guid


def _names(codes: tuple[ParsedCode, ...]) -> dict[str, list[str]]:
    """Each code's name → its sub-codes' names, the whole tree."""
    found: dict[str, list[str]] = {}
    for code in codes:
        found[code.name] = [child.name for child in code.children]
        found |= _names(code.children)
    return found


def test_a_project_reads_into_its_codes_sources_and_selections(
    sample: Sample, out_dir: Path
) -> None:
    path = out_dir / "project.qdpx"
    write_export(sample.store, "qdpx", path, ExcerptFilter())
    project = read_refi(path)
    assert _names(project.codes)["Security"] == ["NATO", "Ukraine"]  # by name
    assert {code.guid for code in project.codes} >= {tag_guid("Security"), tag_guid("Unused")}
    assert len(project.sources) == 2 and project.other_sources == 0
    excerpts = query_excerpts(sample.store)
    selections = [s for source in project.sources for s in source.selections]
    assert sorted((s.start, s.end, s.note) for s in selections) == sorted(
        (e.start, e.end, e.note) for e in excerpts
    )
    for source in project.sources:
        assert source.values[IDENTITY]  # the release's identity rides along
        assert all(source.text[s.start : s.end].strip() for s in source.selections)


def test_a_codebook_reads_into_codes_alone(sample: Sample, out_dir: Path) -> None:
    path = out_dir / "codebook.qdc"
    write_export(sample.store, "qdc", path, ExcerptFilter())
    project = read_refi(path)
    assert project.sources == () and len(_names(project.codes)) == 5
    security = next(code for code in project.codes if code.name == "Security")
    assert (security.colour, security.description) == ("#336699", "Hard security")
