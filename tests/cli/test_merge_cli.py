"""``communique merge`` as a team uses it: a colleague's store, twice, and a QDPX project."""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from cli.main import cli as communique
from tests.conftest import SEED


def _in(db: Path, *args: str):
    return CliRunner().invoke(communique, ["--db", str(db), *args])


def test_merging_a_colleagues_store_twice_adds_once(tmp_path: Path, run, run_json) -> None:
    ben = tmp_path / "ben.db"
    assert _in(ben, "import", str(SEED)).exit_code == 0
    made = _in(ben, "--coder", "ben", "highlight", "1", "--quote", "NATO", "--tag", "Alliance")
    assert made.exit_code == 0
    before = hashlib.sha256(ben.read_bytes()).hexdigest()
    assert run("import", str(SEED))[0] == 0
    code, preview = run_json("merge", str(ben), "--preview", "--json")
    assert (code, preview["highlights_added"], preview["tags_added"]) == (0, 1, 1)
    code, merged = run_json("merge", str(ben), "--json")
    assert code == 0
    assert (merged["releases_added"], merged["releases_matched"]) == (0, 1)
    assert (merged["highlights_added"], merged["tags_added"], merged["conflicts"]) == (1, 1, [])
    code, again = run_json("merge", str(ben), "--json")
    assert (again["highlights_added"], again["tags_added"]) == (0, 0)
    code, shown = run_json("show", "1", "--json")
    assert [(h["coder"], h["tags"]) for h in shown["highlights"]] == [("ben", ["Alliance"])]
    assert hashlib.sha256(ben.read_bytes()).hexdigest() == before


def test_a_project_of_another_tool_keeps_its_coders(tmp_path: Path, run, run_json) -> None:
    ben = tmp_path / "ben.db"
    assert _in(ben, "import", str(SEED)).exit_code == 0
    assert (
        _in(
            ben, "--coder", "ben", "highlight", "1", "--quote", "NATO", "--tag", "Alliance"
        ).exit_code
        == 0
    )
    project = tmp_path / "ben.qdpx"
    assert _in(ben, "export", "--format", "qdpx", "--output", str(project)).exit_code == 0
    code, merged = run_json("merge", str(project), "--json")
    assert code == 0 and merged["highlights_added"] == 1
    code, shown = run_json("show", "1", "--json")
    assert [h["coder"] for h in shown["highlights"]] == ["ben"]


def test_what_cannot_be_merged_is_one_sentence(tmp_path: Path, run) -> None:
    code, _, err = run("merge", str(tmp_path / "missing.db"))
    assert code == 1 and "missing.db is not a file" in err
