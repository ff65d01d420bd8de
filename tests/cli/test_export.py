"""``communique export`` through click's CliRunner on the real command group."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from export_sample import Sample

from cli.main import cli


def _run(sample: Sample, *args: str):
    return CliRunner().invoke(cli, ["--db", str(sample.store.path), "export", *args])


def _csv_quotes(path: Path) -> list[str]:
    return [row["quote"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))]


def test_export_by_tag_includes_sub_tags_and_says_how_many(sample: Sample, out_dir: Path) -> None:
    target = out_dir / "security.csv"
    result = _run(sample, "--format", "csv", "-o", str(target), "--tag", "security")
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"4 excerpts written to {target}"
    assert len(_csv_quotes(target)) == 4  # Ukraine ×3 and NATO ×1, under Security


def test_filters_combine(sample: Sample, out_dir: Path) -> None:
    target = out_dir / "both.csv"
    args = ["-o", str(target), "--tag", "Ukraine", "--tag", "ÉCONOMIE", "--all-tags"]
    assert _run(sample, *args).exit_code == 0  # the format comes from the extension
    assert _csv_quotes(target) == [
        "resilience.\n\nLa Sécurité européenne — الأمن الأوروبي — 𠀋 matters"
    ]
    args = ["-o", str(target), "--source", "Farnesina", "--since", "2024", "--query", "UKRAINE"]
    assert _run(sample, *args).exit_code == 0
    assert _csv_quotes(target) == ["🇺🇦 Ukraine’s full independence"]
    assert _run(sample, "-o", str(target), "--until", "2023-12").output.startswith("0 ")


@pytest.mark.parametrize("fmt", ["xlsx", "md", "docx", "json", "qdpx"])
def test_every_format_from_the_command_line(sample: Sample, out_dir: Path, fmt: str) -> None:
    target = out_dir / f"all.{fmt}"
    result = _run(sample, "--format", fmt, "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"6 excerpts written to {target}"


def test_the_codebook_counts_tags(sample: Sample, out_dir: Path) -> None:
    result = _run(sample, "-o", str(out_dir / "codes.qdc"))
    assert result.output.strip() == f"5 tags written to {out_dir / 'codes.qdc'}"


def test_user_errors_are_one_sentence_and_write_nothing(sample: Sample, out_dir: Path) -> None:
    unknown = _run(sample, "-o", str(out_dir / "a.csv"), "--tag", "Climate")
    assert unknown.exit_code == 2
    assert "There is no tag named “Climate”" in unknown.output and "Ukraine" in unknown.output
    bad_date = _run(sample, "-o", str(out_dir / "a.csv"), "--since", "5 May")
    assert bad_date.exit_code == 2 and "not a date; write one like 2024" in bad_date.output
    no_format = _run(sample, "-o", str(out_dir / "a.zip"))
    assert no_format.exit_code == 2 and "--format" in no_format.output
    itself = _run(sample, "--format", "csv", "-o", str(sample.store.path))
    assert itself.exit_code == 1 and "is the store itself" in itself.output
    assert "Traceback" not in itself.output
    assert list(out_dir.iterdir()) == []


def test_a_project_for_maxqda_from_the_command_line(sample: Sample, out_dir: Path) -> None:
    target = out_dir / "team.qdpx"
    result = _run(sample, "--format", "qdpx", "--for", "MAXQDA", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"6 excerpts written to {target}"
    with zipfile.ZipFile(target) as archive:
        texts = [archive.read(n) for n in archive.namelist() if n.startswith("sources/")]
    assert texts and all(b"\r\n" in text for text in texts)


def test_for_is_refused_with_another_format(sample: Sample, out_dir: Path) -> None:
    result = _run(sample, "--for", "nvivo", "-o", str(out_dir / "all.csv"))
    assert result.exit_code == 2
    assert "--for applies to a qdpx project, not to csv" in result.output
    assert list(out_dir.iterdir()) == []
