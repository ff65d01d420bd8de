"""The command line runs without Qt: every subcommand works where PySide6 cannot be imported,
and only the bare ``communique`` (the window) imports it."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from store.export import COUNTED, FORMATS
from tests.conftest import REPO_ROOT

CLI = REPO_ROOT / "cli"
SAMPLES = REPO_ROOT / "resources" / "samples"
FORBIDDEN = ("PySide6", "shiboken6", "gui")

# A meta-path hook makes any Qt import fail as on a machine without PySide6; then each
# command given (a JSON list of argument lists) runs on the real group, and the results are
# printed as JSON, with the names of any gui module that was imported meanwhile.
WITHOUT_QT = """
import json, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, NoQt())

from click.testing import CliRunner
from cli.main import cli

results = []
for args in json.loads(sys.argv[1]):
    result = CliRunner().invoke(cli, args)
    results.append({"args": args, "code": result.exit_code, "out": result.stdout,
                    "err": result.stderr, "error": repr(result.exception)})
gui = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "gui"))
print(json.dumps({"results": results, "gui": gui}))
"""


def run_without_qt(*commands: list[str]) -> list[dict]:
    """Run the commands, in order, in one process that cannot import Qt; their results."""
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_QT, json.dumps(commands)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["gui"] == []
    for result in report["results"]:
        assert result["code"] == 0, result
    return report["results"]


def _python(program: str, db: Path) -> subprocess.CompletedProcess[str]:
    """Run ``program`` in a fresh Python from the project's root, the store's path as argument."""
    return subprocess.run(
        [sys.executable, "-c", program, str(db)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _imports_with_place(path: Path) -> set[tuple[str, bool]]:
    """Each module ``path`` imports, and whether the import runs inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_functions = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
        for node in ast.walk(function)
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update((alias.name, id(node) in in_functions) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add((node.module, id(node) in in_functions))
    return found


def test_only_the_window_start_imports_gui_and_only_inside_a_function() -> None:
    imported = {
        (str(path.relative_to(REPO_ROOT)), name, in_function)
        for path in CLI.rglob("*.py")
        for name, in_function in _imports_with_place(path)
        if name.split(".")[0] in FORBIDDEN
    }
    assert imported == {("cli/main.py", "gui.app", True)}


def test_every_subcommand_runs_where_pyside6_cannot_be_imported(tmp_path: Path) -> None:
    db = ["--db", str(tmp_path / "store.db")]
    version, help_, imported, listed, found, tags = run_without_qt(
        ["--version"],
        ["--help"],
        [*db, "import", str(SAMPLES)],
        [*db, "list", "--json"],
        [*db, "search", "--json", "Stoltenberg"],
        [*db, "tags"],
    )
    assert "version 0.1.0" in version["out"]
    assert "Commands:" in help_["out"] and "orphans" in help_["out"]
    assert imported["out"].startswith("14 imported, 0 updated, 0 unchanged, 0 skipped")
    assert len(json.loads(listed["out"])) == 14
    (hit,) = json.loads(found["out"])
    assert "[Stoltenberg]" in hit["snippet"]
    assert tags["out"] == ""

    release = str(hit["id"])
    out = tmp_path / "exports"
    out.mkdir()
    exports = [[*db, "export", "--format", fmt, "-o", str(out / f"all.{fmt}")] for fmt in FORMATS]
    results = run_without_qt(
        [*db, "highlight", release, "--quote", "Jens Stoltenberg", "--tag", "NATO", "--json"],
        [*db, "show", release],
        [*db, "show", "--json", release],
        [*db, "search", "Stoltenberg"],
        [*db, "list"],
        [*db, "tags", "--json"],
        *exports,
        [*db, "backup", str(tmp_path / "copy.db")],
        [*db, "check"],
        [*db, "check", "--repair"],
        [*db, "reclean"],
        [*db, "reclean", "--json"],
        [*db, "orphans"],
        [*db, "orphans", "--json"],
    )
    highlighted, shown, shown_json, searched, listing, tags_json = results[:6]
    exported = results[6 : 6 + len(FORMATS)]
    backup, check, repair, reclean, reclean_json, orphans, orphans_json = results[
        6 + len(FORMATS) :
    ]

    highlight = json.loads(highlighted["out"])
    assert (highlight["quote"], highlight["tags"]) == ("Jens Stoltenberg", ["NATO"])
    assert f"#{highlight['id']} [" in shown["out"] and "Telephone conversation" in shown["out"]
    assert json.loads(shown_json["out"])["highlights"] == [highlight]
    assert searched["out"].lstrip().startswith(release)
    assert listing["err"] == "(14 of 14 releases)\n"
    assert [tag["name"] for tag in json.loads(tags_json["out"])] == ["NATO"]
    for fmt, result in zip(FORMATS, exported, strict=True):
        assert result["out"] == f"1 {COUNTED[fmt]} written to {out / f'all.{fmt}'}\n"
        assert (out / f"all.{fmt}").stat().st_size > 0
    assert backup["out"] == f"Backed up to {tmp_path / 'copy.db'}\n"
    assert check["out"] == repair["out"] == "ok\n"
    assert reclean["out"] == "0 cleaned again, 14 unchanged, 0 skipped\n"
    assert json.loads(reclean_json["out"])["unchanged"] == 14
    assert orphans["err"] == "No highlight has lost its place.\n"
    assert json.loads(orphans_json["out"]) == []


def test_the_bare_command_says_in_one_sentence_that_the_window_needs_pyside6(
    tmp_path: Path,
) -> None:
    program = WITHOUT_QT.split("from click.testing")[0] + (
        "from cli.main import main\nsys.argv = ['communique', '--db', sys.argv[1]]\nmain()\n"
    )
    done = _python(program, tmp_path / "store.db")
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "the window needs PySide6" in line
    assert "pip install 'PySide6-Essentials<6.12'" in line
    assert not (tmp_path / "store.db").exists()  # nothing was opened


def test_the_installed_communique_list_loads_no_qt(tmp_path: Path) -> None:
    # The console script as installed (pyproject's entry point), with PySide6 importable.
    program = (
        "import sys\n"
        "from importlib.metadata import entry_points\n"
        "(communique,) = entry_points(group='console_scripts', name='communique')\n"
        "sys.argv = ['communique', '--db', sys.argv[1], 'list']\n"
        "try:\n"
        "    communique.load()()\n"
        "except SystemExit as exit:\n"
        "    assert not exit.code, exit.code\n"
        "print('PySide6' in sys.modules, any(m.split('.')[0] == 'gui' for m in sys.modules))\n"
    )
    done = _python(program, tmp_path / "store.db")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == "False False\n"
    assert done.stderr.endswith("(0 of 0 releases)\n")
