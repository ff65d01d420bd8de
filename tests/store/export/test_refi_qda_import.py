"""REFI-QDA import: a round trip loses nothing, re-imports change nothing, bad files are
refused whole, and another tool's project (CRLF, inline text, braces GUIDs) comes in."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from export_sample import Sample

from store.db import Store
from store.excerpts import ExcerptFilter, query_excerpts
from store.export import write_export
from store.imports.refi_qda import import_refi
from store.parsed import UnreadableFile
from store.releases import get_release
from store.tags import create_tag, list_tags


def _codebook(store: Store) -> set[tuple[str, str, str | None, str]]:
    tags = list_tags(store)
    names = {tag.id: tag.name for tag in tags}
    return {(t.name, t.colour, names.get(t.parent_id), t.description) for t in tags}


def _excerpts(store: Store) -> list[tuple]:
    return [
        (e.release_title, e.date, e.source, e.url, e.start, e.end, e.quote, e.note,
         tuple(t.name for t in e.tags))
        for e in query_excerpts(store)
    ]  # fmt: skip


def _counts(store: Store) -> tuple[int, int, int]:
    return tuple(
        store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("releases", "tags", "highlights")
    )


def test_round_trip_into_a_new_store_loses_nothing(
    sample: Sample, out_dir: Path, tmp_path: Path
) -> None:
    path = out_dir / "project.qdpx"
    write_export(sample.store, "qdpx", path, ExcerptFilter())
    with Store(tmp_path / "new.db") as new:
        result = import_refi(new, path)
        assert (result.imported, result.highlights_added, result.tags_added) == (2, 6, 5)
        assert result.problems == []
        assert _codebook(new) == _codebook(sample.store)
        assert _excerpts(new) == _excerpts(sample.store)
        for old_id in (sample.readout, sample.farnesina):
            old = get_release(sample.store, old_id)
            twin = [e for e in query_excerpts(new) if e.release_title == old.title][0]
            assert get_release(new, twin.release_id).text == old.text


def test_a_second_import_changes_nothing_in_either_store(
    sample: Sample, out_dir: Path, tmp_path: Path
) -> None:
    path = out_dir / "project.qdpx"
    write_export(sample.store, "qdpx", path, ExcerptFilter())
    before = _counts(sample.store)
    again = import_refi(sample.store, path)
    assert (again.unchanged, again.imported, again.highlights_added, again.tags_added) == (
        2,
        0,
        0,
        0,
    )
    assert _counts(sample.store) == before and not again.changes
    with Store(tmp_path / "new.db") as new:
        import_refi(new, path)
        counts = _counts(new)
        # Exported from the new store, imported again: still the same releases, by identity.
        write_export(new, "qdpx", out_dir / "from-new.qdpx", ExcerptFilter())
        assert import_refi(new, out_dir / "from-new.qdpx").unchanged == 2
        assert import_refi(new, path).highlights_added == 0
        assert _counts(new) == counts


def test_codebook_merges_by_name_whatever_the_case(
    sample: Sample, out_dir: Path, tmp_path: Path
) -> None:
    path = out_dir / "codebook.qdc"
    write_export(sample.store, "qdc", path, ExcerptFilter())
    with Store(tmp_path / "new.db") as new:
        create_tag(new, "ukraine", "#000000")
        result = import_refi(new, path)
        assert result.tags_added == 4
        tags = {t.name: t for t in list_tags(new)}
        assert "Ukraine" not in tags and tags["ukraine"].colour == "#000000"  # kept as it was
        assert tags["NATO"].parent_id == tags["Security"].id
        assert tags["Économie"].colour == "#22aa55"
        assert import_refi(new, path).tags_added == 0


FOREIGN_QDE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From another tool">
  <CodeBook><Codes>
    <Code guid="{AAAAAAAA-0000-0000-0000-000000000001}" name="Diplomacy" isCodable="true"
          color="#A0C">
      <Code guid="aaaaaaaa-0000-0000-0000-000000000002" name="Sanctions" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="bbbbbbbb-0000-0000-0000-000000000001" name="Council statement">
      <PlainTextContent>$TEXT</PlainTextContent>
      <PlainTextSelection guid="cccccccc-0000-0000-0000-000000000001" startPosition="$START"
          endPosition="$END">
        <Description>Memo from the other tool</Description>
        <Coding guid="dddddddd-0000-0000-0000-000000000001">
          <CodeRef targetGUID="AAAAAAAA-0000-0000-0000-000000000002"/>
        </Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="cccccccc-0000-0000-0000-000000000002" startPosition="5"
          endPosition="900"/>
      <Coding guid="dddddddd-0000-0000-0000-000000000002">
        <CodeRef targetGUID="aaaaaaaa-0000-0000-0000-000000000001"/>
      </Coding>
    </TextSource>
    <PDFSource guid="eeeeeeee-0000-0000-0000-000000000001" name="scan.pdf"/>
  </Sources>
</Project>"""


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_another_tools_project_with_crlf_text_comes_in_by_quote(
    store: Store, tmp_path: Path
) -> None:
    text = "The Council met.\r\n\r\nIt adopted sanctions against 🇷🇺 entities.\r\nNothing else."
    start = text.index("sanctions against")
    end = text.index(" entities") + len(" entities")
    qde = (
        FOREIGN_QDE.replace("$TEXT", text.replace("\r", "&#13;"))
        .replace("$START", str(start))
        .replace("$END", str(end))
    )
    result = import_refi(store, _zip(tmp_path / "other.qdpx", {"project.qde": qde.encode()}))
    assert (result.imported, result.tags_added, result.highlights_added) == (1, 2, 1)
    assert len(result.problems) == 3  # the lost selection, the whole-source code, the PDF
    (excerpt,) = query_excerpts(store)
    assert excerpt.quote == "sanctions against 🇷🇺 entities"
    assert [t.name for t in excerpt.tags] == ["Sanctions"]
    assert excerpt.note == "Memo from the other tool"
    release = get_release(store, excerpt.release_id)
    assert release.title == "Council statement"
    assert (
        release.text
        == "The Council met.\n\nIt adopted sanctions against 🇷🇺 entities.\nNothing else."
    )
    tags = {t.name: t for t in list_tags(store)}
    assert (
        tags["Diplomacy"].colour == "#aa00cc"
        and tags["Sanctions"].parent_id == tags["Diplomacy"].id
    )
    again = import_refi(store, tmp_path / "other.qdpx")  # known by its GUID the second time
    assert (again.unchanged, again.imported, again.highlights_added) == (1, 0, 0)


def test_a_bad_file_is_refused_whole(sample: Sample, out_dir: Path, tmp_path: Path) -> None:
    good = out_dir / "project.qdpx"
    write_export(sample.store, "qdpx", good, ExcerptFilter())
    with zipfile.ZipFile(good) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    last = sorted(n for n in members if n.startswith("sources/"))[-1]
    members[last] = "caf\u00e9".encode("latin-1")  # not UTF-8
    broken = _zip(out_dir / "broken.qdpx", members)
    with Store(tmp_path / "new.db") as new:
        with pytest.raises(UnreadableFile, match="not UTF-8"):
            import_refi(new, broken)
        assert _counts(new) == (0, 0, 0)  # not even the codebook or the first source


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"project.qde": b"<Project/>", "../evil.txt": b"x"}, "outside itself"),
        ({"project.qde": b"<Project/>", "/etc/evil": b"x"}, "outside itself"),
        ({"project.qde": b"<Project/>", "sources/bomb.txt": bytes(20 * 2**20)}, "suspiciously"),
        ({"sources/a.txt": b"text"}, "no project.qde"),
        ({"project.qde": b"<Project><unclosed></Project>"}, "not well formed"),
        ({"project.qde": b"<CodeBook/>"}, "root is not Project"),
    ],
)
def test_archives_that_could_harm_or_mislead_are_refused(
    store: Store, tmp_path: Path, members: dict[str, bytes], reason: str
) -> None:
    with pytest.raises(UnreadableFile, match=reason):
        import_refi(store, _zip(tmp_path / "bad.qdpx", members))
    assert _counts(store) == (0, 0, 0)


def test_entities_are_never_expanded_or_fetched(store: Store, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    qdc = tmp_path / "entities.qdc"
    qdc.write_text(
        f'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY s SYSTEM "file://{secret}">'
        '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="aaaaaaaa-0000-0000-0000-000000000001" name="Leak" isCodable="true">'
        "<Description>&s;&b;</Description></Code></Codes></CodeBook>"
    )
    import_refi(store, qdc)
    (tag,) = list_tags(store)
    assert "TOP SECRET" not in tag.description and "aaaa" not in tag.description


def test_other_files_are_not_refi_qda(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile, match="not a REFI-QDA file"):
        import_refi(store, tmp_path / "notes.txt")
    fake = tmp_path / "fake.qdpx"
    fake.write_text("not a zip")
    with pytest.raises(UnreadableFile, match="not a readable .qdpx archive"):
        import_refi(store, fake)


@pytest.mark.parametrize("crlf_counts", [1, 2])
def test_crlf_counted_either_way_is_placed_by_the_selections_name(
    store: Store, tmp_path: Path, crlf_counts: int
) -> None:
    text = "First line.\r\n\r\nSecond paragraph, 🇺🇦 quoted part.\r\nThird line."
    counted = text if crlf_counts == 2 else text.replace("\r\n", "\n")
    start = counted.index("quoted part")
    inline = text.replace("\r", "&#13;")  # a CR survives XML parsing only as a reference
    qde = f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="p"><Sources>
  <TextSource guid="bbbbbbbb-0000-0000-0000-000000000009" name="Two conventions">
    <PlainTextContent>{inline}</PlainTextContent>
    <PlainTextSelection guid="cccccccc-0000-0000-0000-000000000009" name="quoted part"
        startPosition="{start}" endPosition="{start + 11}"/>
  </TextSource></Sources></Project>"""
    result = import_refi(store, _zip(tmp_path / "two.qdpx", {"project.qde": qde.encode()}))
    assert result.problems == []
    assert [e.quote for e in query_excerpts(store)] == ["quoted part"]
