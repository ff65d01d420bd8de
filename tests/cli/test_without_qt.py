"""Every command runs on a machine without Qt; only the window needs PySide6.

As napari tests its model with Qt uninstalled, a child process here makes any import of
PySide6 or shiboken6 fail, then runs each command against a real store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

CHILD = r"""
import json, sys

class NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6"):
            raise ImportError(f"No module named {name!r} (blocked)", name=name)

sys.meta_path.insert(0, NoQt())
from click.testing import CliRunner
from cli.main import cli
from store.export import FORMATS

db, samples, out = sys.argv[1:4]
runner = CliRunner()
seen = {}

def run(name, *args):
    result = runner.invoke(cli, ["--db", db, *args])
    seen[name] = {"code": result.exit_code, "out": result.stdout, "err": result.stderr,
                  "error": repr(result.exception) if result.exit_code else None}
    return result

run("version", "--version")
run("help", "--help")
run("import", "import", "--json", samples)
run("list", "list", "--json")
first = json.loads(seen["list"]["out"])[-1]["id"]
shown = run("show", "show", "--json", str(first))
words = " ".join(json.loads(shown.stdout)["text"].split()[:3])
run("search", "search", "--json", "NATO")
run("highlight", "highlight", str(first), "--quote", words, "--tag", "Ukraine", "--json")
run("tags", "tags", "--json")
for fmt in FORMATS:
    run(f"export {fmt}", "export", "--format", fmt, "-o", f"{out}/excerpts.{fmt}")
run("backup", "backup", f"{out}/backup.db")
run("check", "check")
run("reclean", "reclean", "--json")
run("orphans", "orphans", "--json")
run("window", )
seen["qt loaded"] = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6")]
print(json.dumps(seen))
"""


def test_every_command_runs_with_pyside6_unimportable(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(tmp_path / "s.db"),
            str(REPO_ROOT / "resources" / "samples"),
            str(out),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout)
    window = seen.pop("window")
    assert seen.pop("qt loaded") == []
    failed = {name: ran for name, ran in seen.items() if ran["code"] != 0}
    assert failed == {}
    assert json.loads(seen["import"]["out"])["imported"] == 14
    assert "communique, version" in seen["version"]["out"]
    assert json.loads(seen["highlight"]["out"])["tags"] == ["Ukraine"]
    assert seen["check"]["out"].strip() == "ok"
    assert (out / "backup.db").stat().st_size > 0
    exported = sorted(p.name for p in out.iterdir() if p.name.startswith("excerpts."))
    assert len(exported) == len([n for n in seen if n.startswith("export ")])
    # With no command the window is wanted: one sentence, no traceback, a failing status.
    assert window["code"] == 2
    assert window["err"].count("\n") == 1 and "PySide6" in window["err"]
    assert "Traceback" not in window["err"]


def test_communique_list_loads_no_qt(tmp_path: Path) -> None:
    """The installed entry point, as a terminal runs it."""
    program = (
        "import sys\n"
        "from cli.main import main\n"
        "sys.argv = ['communique', '--db', sys.argv[1], 'list', '--limit', '20']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    code = done.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))), code,"
        " file=sys.stderr)\n"
    )
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path / "s.db")],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stderr.strip().splitlines()[-1] == "[] 0"
