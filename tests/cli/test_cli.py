"""The command line, as a script would use it: JSON shapes, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as communique
from tests.conftest import CORPUS, SEED


def test_import_list_show_search_and_highlight(run) -> None:
    code, out, _ = run("import", "--json", str(SEED), str(CORPUS / "ep-pages" / "ep-1.page.txt"))
    assert code == 0
    summary = json.loads(out)
    assert (summary["imported"], summary["skipped"]) == (2, [])

    code, out, _ = run("list", "--json")
    releases = json.loads(out)
    assert {r["date"] for r in releases} == {"2022-11-25", "2023-10-05"}
    assert set(releases[0]) >= {"id", "title", "date", "source", "url", "language"}

    code, out, _ = run("search", "--json", "Stoltenberg")
    (hit,) = json.loads(out)
    assert "[Stoltenberg]" in hit["snippet"]
    seed_id = hit["id"]

    code, out, _ = run(
        "highlight", str(seed_id), "--quote", "territorial  integrity,\nsovereignty",
        "--tag", "Ukraine", "--tag", "NATO", "--note", "stock phrase", "--json",
    )  # fmt: skip
    assert code == 0, out
    made = json.loads(out)
    assert made["quote"] == "territorial integrity, sovereignty"

    code, out, _ = run("show", "--json", str(seed_id))
    shown = json.loads(out)
    assert shown["text"].startswith("Today, the Deputy Prime Minister")
    (highlight,) = shown["highlights"]
    assert shown["text"][highlight["start"] : highlight["end"]] == highlight["quote"]
    assert (sorted(highlight["tags"]), highlight["note"]) == (["NATO", "Ukraine"], "stock phrase")

    code, out, _ = run("tags", "--json")
    assert {t["name"]: t["highlight_count"] for t in json.loads(out)} == {"NATO": 1, "Ukraine": 1}


def test_a_skipped_file_makes_the_exit_status_non_zero(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, _ = run("import", "--json", str(bad), str(SEED))
    assert code != 0
    summary = json.loads(out)
    assert summary["imported"] == 1
    assert summary["skipped"][0]["file"].endswith("bad.json") and summary["skipped"][0]["reason"]


@pytest.mark.parametrize("query", ['"', "NEAR(", "AND OR", "\x00", "*", "col:x", "((a", "-NATO"])
def test_any_search_text_is_accepted(run, query: str) -> None:
    run("import", str(SEED))
    code, out, err = run("search", "--json", query)
    assert code == 0 and "Traceback" not in err
    assert isinstance(json.loads(out), list)


def test_errors_are_one_sentence_not_a_traceback(run, tmp_path: Path) -> None:
    run("import", str(SEED))
    code, _, err = run("show", "999")
    assert code != 0 and "no release with id 999" in err
    code, _, err = run("highlight", "1", "--quote", "words that are not there", "--tag", "X")
    assert code != 0 and "does not contain" in err and "Traceback" not in err
    not_a_store = tmp_path / "notes.txt"
    not_a_store.write_text("hello")
    result = CliRunner().invoke(communique, ["--db", str(not_a_store), "list"])
    assert result.exit_code != 0 and "not a Communiqué Desk store" in result.stderr
    assert not_a_store.read_text() == "hello"


def test_a_qdpx_project_exported_by_the_cli_imports_into_a_new_store(run, tmp_path: Path) -> None:
    run("import", str(SEED))
    run("highlight", "1", "--quote", "southern flank", "--tag", "NATO", "--note", "south 🌍")
    project = tmp_path / "desk.qdpx"
    code, out, err = run("export", "--format", "qdpx", "-o", str(project))
    assert code == 0, err
    other = CliRunner()
    new_db = ["--db", str(tmp_path / "new.db")]
    result = other.invoke(communique, [*new_db, "import", "--json", str(project)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["imported"] == 1
    shown = json.loads(other.invoke(communique, [*new_db, "show", "--json", "1"]).stdout)
    (highlight,) = shown["highlights"]
    assert (highlight["quote"], highlight["tags"], highlight["note"]) == (
        "southern flank",
        ["NATO"],
        "south 🌍",
    )


def test_a_new_store_says_once_that_it_was_created(run, db_path) -> None:
    code, out, err = run("list", "--json")
    assert (code, json.loads(out)) == (0, [])
    assert err == f"Created a new store at {db_path}.\n"
    code, out, err = run("list", "--json")
    assert err == ""


def test_upgrading_an_older_store_says_each_step_on_stderr(run, db_path, monkeypatch) -> None:
    from store import db as db_module
    from store.schema import MIGRATION_STEPS, SCHEMA_VERSION

    with monkeypatch.context() as older:
        older.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        db_module.Store(db_path).close()
    code, out, err = run("list", "--json")
    assert (code, json.loads(out)) == (0, [])  # stdout is the command's JSON alone
    assert err.splitlines() == [
        "Upgrading the store, step 1 of 2: Backing up the store…",
        f"Upgrading the store, step 2 of 2: {MIGRATION_STEPS[-1]}…",
    ]
    code, out, err = run("list", "--json")
    assert err == ""  # upgraded once
