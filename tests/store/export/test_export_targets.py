"""Every format: all or nothing on disk, cancel, progress, and the store is never a target."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_sample import Sample

from store.excerpts import ExcerptFilter, query_excerpts
from store.export import FORMATS, ExportCancelled, ExportError, format_for_path, write_export
from store.export.base import TICK_EVERY


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_writes_a_file_and_counts_what_it_wrote(
    sample: Sample, out_dir: Path, fmt: str
) -> None:
    target = out_dir / f"excerpts.{fmt}"
    written = write_export(sample.store, fmt, target, ExcerptFilter())
    assert written == (5 if fmt == "qdc" else 6)  # qdc counts tags
    assert target.stat().st_size > 0
    assert [p.name for p in out_dir.iterdir()] == [target.name]  # no temporary file left


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_store_itself_is_refused_and_left_untouched(sample: Sample, fmt: str) -> None:
    store_path = sample.store.path
    before = store_path.read_bytes()
    with pytest.raises(ExportError, match="is the store itself"):
        write_export(sample.store, fmt, store_path, ExcerptFilter())
    with pytest.raises(ExportError, match="is the store itself"):  # reached another way
        write_export(sample.store, fmt, store_path.parent / "." / store_path.name, ExcerptFilter())
    wal = store_path.with_name(store_path.name + "-wal")
    with pytest.raises(ExportError, match="is the store itself"):
        write_export(sample.store, fmt, wal, ExcerptFilter())
    assert store_path.read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_cancel_leaves_no_file_and_an_existing_target_whole(
    sample: Sample, out_dir: Path, fmt: str
) -> None:
    fresh = out_dir / f"fresh.{fmt}"
    with pytest.raises(ExportCancelled):
        write_export(sample.store, fmt, fresh, ExcerptFilter(), should_cancel=lambda: True)
    assert list(out_dir.iterdir()) == []
    kept = out_dir / f"kept.{fmt}"
    kept.write_bytes(b"an earlier export")
    with pytest.raises(ExportCancelled):
        write_export(sample.store, fmt, kept, ExcerptFilter(), should_cancel=lambda: True)
    assert kept.read_bytes() == b"an earlier export"
    assert [p.name for p in out_dir.iterdir()] == [kept.name]


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "qdc"])
def test_cancel_mid_way_through_a_long_export(sample: Sample, out_dir: Path, fmt: str) -> None:
    """Writers ask every TICK_EVERY excerpts: a cancel at the second ask stops them mid-way."""
    many = query_excerpts(sample.store) * TICK_EVERY  # 6 × TICK_EVERY excerpts
    asked = []

    def cancel_on_second_ask() -> bool:
        asked.append(True)
        return len(asked) == 2

    with pytest.raises(ExportCancelled):
        write_export(
            sample.store, fmt, out_dir / f"big.{fmt}", many, should_cancel=cancel_on_second_ask
        )
    assert len(asked) == 2 and list(out_dir.iterdir()) == []


def test_progress_reaches_the_total(sample: Sample, out_dir: Path) -> None:
    calls: list[tuple[int, int]] = []
    write_export(
        sample.store,
        "json",
        out_dir / "a.json",
        ExcerptFilter(),
        progress=lambda *c: calls.append(c),
    )
    assert calls[-1] == (6, 6)


def test_a_failing_writer_leaves_the_previous_file(
    sample: Sample, out_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = out_dir / "out.csv"
    target.write_text("previous")

    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("store.export.csv_export.excerpt_row", broken)
    with pytest.raises(OSError, match="disk full"):
        write_export(sample.store, "csv", target, ExcerptFilter())
    assert target.read_text() == "previous" and len(list(out_dir.iterdir())) == 1


def test_bad_targets_and_formats_are_one_clear_sentence(sample: Sample, out_dir: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_export(sample.store, "csv", out_dir, ExcerptFilter())
    with pytest.raises(ExportError, match="does not exist"):
        write_export(sample.store, "csv", out_dir / "missing" / "a.csv", ExcerptFilter())
    with pytest.raises(ExportError, match="Unknown export format “pdf”"):
        write_export(sample.store, "pdf", out_dir / "a.pdf", ExcerptFilter())


def test_the_format_follows_the_file_extension() -> None:
    assert format_for_path("Briefing.MD") == "md"
    assert format_for_path("notes.markdown") == "md"
    assert format_for_path("project.qdpx") == "qdpx"
    assert format_for_path("archive.zip") is None


def test_a_docx_cancelled_while_its_body_is_written_leaves_nothing(
    sample: Sample, out_dir: Path
) -> None:
    """The body is streamed into the package python-docx wrote beside the target; a cancel
    then leaves neither the target nor that package."""
    asked_while_writing_the_body = []

    def cancel_once_the_package_is_there() -> bool:
        writing = any(p.name.endswith(".package") for p in out_dir.iterdir())
        asked_while_writing_the_body.append(writing)
        return writing

    with pytest.raises(ExportCancelled):
        write_export(
            sample.store,
            "docx",
            out_dir / "b.docx",
            ExcerptFilter(),
            should_cancel=cancel_once_the_package_is_there,
        )
    assert asked_while_writing_the_body[-1] is True
    assert list(out_dir.iterdir()) == []
