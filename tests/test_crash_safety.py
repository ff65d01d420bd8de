"""SIGKILL at random moments: while highlighting (command line and window) and mid-export.

The first test is ``scripts/crash_test.py`` with 5 rounds instead of 100 (the long run and
its last result are in docs/reliability.md). The export tests kill a real process half-way
through writing: no cleanup code runs then, so only writing to a temporary file and renaming
it can keep the analyst's earlier export whole.
"""

from __future__ import annotations

import csv
import importlib.util
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from store.db import Store
from store.highlights import add_highlight
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import ensure_tags

REPO_ROOT = Path(__file__).resolve().parents[1]
EXCERPTS = 3000


def load_crash_test():
    spec = importlib.util.spec_from_file_location(
        "crash_test", REPO_ROOT / "scripts" / "crash_test.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_killing_the_program_while_it_writes_loses_nothing(tmp_path: Path) -> None:
    crash_test = load_crash_test()
    lines: list[str] = []
    failures = crash_test.run(rounds=5, seed=7, workdir=tmp_path, echo=lines.append)
    assert failures == [], "\n".join(lines)
    assert "5 kills (3 command line, 2 window)" in lines[-1]


# The exporting program: report each progress tick (slowed down when it is to be killed, so
# that the kill lands half-way), and "done" if it ever finishes.
EXPORTER = """
import sys, time
from store.db import Store
from store.excerpts import ExcerptFilter
from store.export import write_export

db, fmt, target, pause = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])

def progress(done, total):
    print("progress", done, total, flush=True)
    time.sleep(pause)

with Store(db) as store:
    write_export(store, fmt, target, ExcerptFilter(), progress)
print("done", flush=True)
"""


@pytest.fixture(scope="module")
def big_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with EXCERPTS tagged excerpts, enough for an export to take a while."""
    path = tmp_path_factory.mktemp("export") / "big.db"
    words = "The Ministers reaffirmed their support for Ukraine's sovereignty"
    with Store(path) as store, store.write():
        saved = save_release(
            store,
            ParsedRelease(
                title="Joint statement",
                date="2024-05-31",
                body_markdown=paragraphs_to_markdown([words] * 200),
            ),
            None,
        )
        (tag,), _ = ensure_tags(store, ["Ukraine"])
        for n in range(EXCERPTS):
            start = (n % 200) * (len(words) + 2)
            add_highlight(store, saved.release_id, start, start + len(words), [tag], f"n{n}")
    return path


def export(db: Path, fmt: str, target: Path, kill_at_first_tick: bool) -> list[str]:
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            EXPORTER,
            str(db),
            fmt,
            str(target),
            "0.05" if kill_at_first_tick else "0",
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    if kill_at_first_tick:
        first = child.stdout.readline()
        assert first.startswith("progress"), child.communicate()[1]
        os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate(timeout=120)
    if kill_at_first_tick:
        assert child.returncode == -signal.SIGKILL
    else:
        assert child.returncode == 0, err
    return out.splitlines()


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "qdpx"])
def test_an_export_killed_half_way_leaves_the_earlier_file_whole(
    big_store: Path, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / f"excerpts.{fmt}"
    target.write_bytes(b"last week's export, which the analyst still needs")
    lines = export(big_store, fmt, target, kill_at_first_tick=True)
    assert "done" not in lines  # killed half-way, not after
    assert target.read_bytes() == b"last week's export, which the analyst still needs"
    # What a kill leaves is the hidden temporary file, never a half-written target.
    leftovers = {p.name for p in tmp_path.iterdir()} - {target.name}
    assert all(n.startswith(f".{target.name}.") and n.endswith(".part") for n in leftovers)


def test_an_export_killed_before_its_first_file_leaves_no_file(
    big_store: Path, tmp_path: Path
) -> None:
    target = tmp_path / "fresh.xlsx"
    export(big_store, "xlsx", target, kill_at_first_tick=True)
    assert not target.exists()


def test_an_export_left_to_finish_replaces_the_file_whole(big_store: Path, tmp_path: Path) -> None:
    table, archive = tmp_path / "excerpts.csv", tmp_path / "excerpts.qdpx"
    for target in (table, archive):
        target.write_bytes(b"old")
        assert export(big_store, target.suffix[1:], target, kill_at_first_tick=False)[-1] == "done"
    with table.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.reader(handle))) == EXCERPTS + 1
    with zipfile.ZipFile(archive) as project:
        assert project.testzip() is None
