"""Every mistake a user can make at the command line ends as one sentence that says what to
do, on stderr, with a non-zero status and no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as communique
from tests.conftest import SEED


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()
    runner.invoke(communique, ["--db", str(db_path), "import", str(SEED)])

    def invoke(*args: str) -> tuple[int, str]:
        result = runner.invoke(communique, ["--db", str(db_path), *args])
        # A refusal is an exit with a message, never an exception escaping the command.
        assert result.exception is None or isinstance(result.exception, SystemExit)
        return result.exit_code, result.stderr

    return invoke


def last_line(said: str) -> str:
    """Click's own usage errors end with the sentence; the lines before point to --help."""
    return said.strip().splitlines()[-1]


def one_sentence(line: str) -> bool:
    body = line.removeprefix("Error: ")
    return body.endswith(".") and ". " not in body.replace("e.g. ", "")


@pytest.mark.parametrize("command", ["show", "highlight"])
def test_an_unknown_release_id_says_where_the_ids_are(run, command: str) -> None:
    args = [command, "999"] + (["--quote", "NATO"] if command == "highlight" else [])
    code, said = run(*args)
    assert code == 1
    assert said == "Error: There is no release with id 999; communique list shows the ids.\n"


def test_a_quote_the_release_lacks_points_to_its_text(run) -> None:
    code, said = run("highlight", "1", "--quote", "no such words anywhere")
    assert code == 1 and one_sentence(last_line(said))
    assert "does not contain “no such words anywhere”" in said
    assert "communique show 1" in said


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["highlight", "1", "--quote", "NATO", "--occurrence", "0"], "0 is not in the range x>=1"),
        (["list", "--limit", "-5"], "-5 is not in the range x>=1"),
        (["search", "NATO", "--limit", "0"], "0 is not in the range x>=1"),
    ],
)
def test_counts_below_one_are_refused(run, args: list[str], expected: str) -> None:
    code, said = run(*args)
    assert code == 2 and expected in last_line(said)


def test_an_empty_topic_name_says_how_to_write_one(run, db_path: Path) -> None:
    code, said = run("highlight", "1", "--quote", "NATO", "--tag", "")
    assert code == 1
    assert last_line(said) == (
        "Error: A topic needs a name; write it as Topic, or Parent/Topic for a sub-topic."
    )
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM highlights").fetchone() == (0,)


@pytest.mark.parametrize("date", ["2022-13", "2022-02-30", "yesterday", "2022-1"])
def test_a_date_the_calendar_lacks_is_refused_with_the_forms_it_takes(
    run, tmp_path: Path, date: str
) -> None:
    code, said = run("export", "-o", str(tmp_path / "out.csv"), "--since", date)
    assert code == 2
    assert f"“{date}” is not a date; write one like 2024, 2024-05 or 2024-05-31." in said
    assert not (tmp_path / "out.csv").exists()


def test_since_after_until_says_to_swap_them(run, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, said = run("export", "-o", str(out), "--since", "2023", "--until", "2022-12")
    assert code == 2 and not out.exists()
    assert last_line(said) == (
        "Error: --since 2023 comes after --until 2022-12, so no excerpt could match; swap them."
    )
    # The same month as both ends is a month, not an empty range.
    code, _ = run("export", "-o", str(out), "--since", "2024-02", "--until", "2024-02")
    assert code == 0


def test_an_unknown_export_topic_points_to_the_codebook(run, tmp_path: Path) -> None:
    code, said = run("export", "-o", str(tmp_path / "out.csv"), "--tag", "Climate")
    assert code == 2
    assert "There is no tag named “Climate” in the codebook; communique tags lists them" in said


def test_a_backup_into_a_folder_that_cannot_be_written_says_what_to_choose(
    run, tmp_path: Path
) -> None:
    # A folder where a file is expected: SQLite cannot create the backup inside it.
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    code, said = run("backup", str(blocked / "desk.db"))
    assert code == 1 and one_sentence(last_line(said))
    assert said.startswith("Error: The backup was not written (")
    assert "choose a folder you can write to" in said


def test_a_file_that_is_not_a_store_is_left_alone_and_says_what_to_open(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    result = CliRunner().invoke(communique, ["--db", str(notes), "list"])
    assert result.exit_code == 1 and one_sentence(last_line(result.stderr))
    assert "is not a Communiqué Desk store" in result.stderr
    assert "open a store, or a new file name to create one" in result.stderr
    assert notes.read_text() == "my notes"
