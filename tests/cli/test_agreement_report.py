"""``communique agreement --output``: the report as CSV, XLSX and DOCX, the same figures as
the JSON, read back with the libraries that read such files."""

from __future__ import annotations

import csv

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.conftest import SEED


def _two_coders(run) -> None:
    assert run("import", str(SEED))[0] == 0
    for coder, quote, tag in (
        ("ana", "Secretary General", "NATO"),
        ("ben", "Secretary General of NATO", "NATO"),
        ("ben", "Deputy Prime Minister", "=Government"),  # a topic that reads like a formula
    ):
        args = ("highlight", "1", "--coder", coder, "--quote", quote, "--tag", tag)
        assert run(*args)[0] == 0


def _json(run_json) -> dict:
    code, report = run_json("agreement", "--coder", "ana", "--coder", "ben", "--json")
    assert code == 0
    return report


def test_the_csv_holds_the_json_s_figures(run, run_json, out_dir) -> None:
    _two_coders(run)
    expected = _json(run_json)
    target = out_dir / "agreement.csv"
    code, out, _ = run("agreement", "--coder", "ana", "--coder", "ben", "--output", str(target))
    assert code == 0 and f"Wrote the report to {target}." in out
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_scope = {(row["scope"], row["tag"], row["release_id"]): row for row in rows}
    overall = by_scope["overall", "", ""]
    assert float(overall["kappa"]) == pytest.approx(expected["overall"]["kappa"])
    assert int(overall["units"]) == expected["overall"]["units"]
    for tag in expected["tags"]:
        shown = tag["tag"] if not tag["tag"].startswith("=") else "'" + tag["tag"]
        row = by_scope["topic", shown, ""]
        assert float(row["alpha"]) == pytest.approx(tag["alpha"])
        assert int(row["units"]) == tag["units"]
    (release,) = expected["releases"]
    row = by_scope["release", "", str(release["release_id"])]
    assert row["release_title"].startswith("Telephone conversation")
    assert float(row["percent"]) == pytest.approx(release["percent"])


def test_the_workbook_has_overall_topics_and_releases_sheets(run, run_json, out_dir) -> None:
    _two_coders(run)
    expected = _json(run_json)
    target = out_dir / "agreement.xlsx"
    assert run("agreement", "--coder", "ana", "--coder", "ben", "--output", str(target))[0] == 0
    book = load_workbook(target)
    assert book.sheetnames == ["Overall", "Topics", "Releases"]
    header, *topics = [list(row) for row in book["Topics"].iter_rows(values_only=True)]
    assert header[:3] == ["coder_a", "coder_b", "tag"]
    named = {row[2]: dict(zip(header, row, strict=True)) for row in topics}
    assert set(named) == {tag["tag"] for tag in expected["tags"]}  # "=Government" as text
    for tag in expected["tags"]:
        assert named[tag["tag"]]["kappa"] == pytest.approx(tag["kappa"])
    header, overall = [list(row) for row in book["Overall"].iter_rows(values_only=True)]
    assert dict(zip(header, overall, strict=True))["alpha"] == pytest.approx(
        expected["overall"]["alpha"]
    )


def test_the_docx_report_tables_the_topics_and_releases(run, run_json, out_dir) -> None:
    _two_coders(run)
    expected = _json(run_json)
    target = out_dir / "agreement.docx"
    code, _, _ = run("agreement", "--output", str(target))  # every pair: here one
    assert code == 0
    document = Document(str(target))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "ana and ben" in headings
    topics, releases = document.tables
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in topics.rows}
    assert rows["Topic"][1:4] == ["units", "both", "only A"]
    assert rows["Overall"][7] == f"{expected['overall']['kappa']:.3f}"
    nato = next(tag for tag in expected["tags"] if tag["tag"] == "NATO")
    assert rows["NATO"][8] == f"{nato['alpha']:.3f}"
    assert releases.rows[1].cells[0].text.startswith("Telephone conversation")


def test_a_report_in_another_format_is_refused_naming_the_file(run, out_dir) -> None:
    _two_coders(run)
    target = out_dir / "agreement.pdf"
    code, _, err = run("agreement", "--coder", "ana", "--coder", "ben", "--output", str(target))
    assert code == 1 and "agreement.pdf: an agreement report is saved as .csv" in err
    assert not target.exists()
