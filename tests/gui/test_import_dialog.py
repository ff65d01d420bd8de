"""Importing through the dialog path: a worker thread, progress, cancel, a per-file summary."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from gui.background.job import JOB_SWITCH_INTERVAL
from gui.dialogs import import_dialog
from gui.dialogs.import_dialog import ImportRunner, run_import, summary_text
from store.db import Store
from store.imports.reading_progress import bytes_read_text
from store.releases import count_releases, page_of_releases

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "farnesina"
SEED_FILE = SEED / "000_ee7cf94feceb9baf.txt"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One good release (the Farnesina seed) and one binary file named .txt."""
    if not SEED_FILE.exists():
        pytest.skip("the shared corpus is not here")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "a_farnesina.txt")
    (folder / "b_broken.txt").write_bytes(bytes(range(256)) * 40)
    return folder


def _markdown_releases(folder: Path, count: int) -> None:
    folder.mkdir()
    for n in range(count):
        (folder / f"{n:02}.md").write_text(
            f"---\ntitle: Statement number {n}\ndate: 2024-03-{n + 1:02}\nsource: Test\n---\n\n"
            f"The ministers met for the {n}th time and discussed Ukraine.\n",
            encoding="utf-8",
        )


def _run(qtbot, runner: ImportRunner):
    with qtbot.waitSignal(runner.finished, timeout=30_000) as finished:
        runner.start()
    return finished.args[0]


def test_runner_imports_good_file_and_lists_the_bad_one(qtbot, db_path, folder):
    Store(db_path).close()
    runner = ImportRunner(db_path, [str(folder)])
    seen: list[tuple[int, int, str]] = []
    runner.progress.connect(lambda done, total, name: seen.append((done, total, name)))
    summary = _run(qtbot, runner)

    assert summary.imported == 1 and not summary.cancelled
    assert [Path(s.file).name for s in summary.skipped] == ["b_broken.txt"]
    assert summary.skipped[0].reason
    size = SEED_FILE.stat().st_size
    assert seen[0][2] == f"Importing a_farnesina.txt\n{bytes_read_text(0, size)} (file 1 of 2)"
    assert f"Importing a_farnesina.txt\n{bytes_read_text(size, size)} (file 1 of 2)" in [
        label for *_, label in seen
    ]
    with Store(db_path) as store:
        titles = [r.title for r in page_of_releases(store, limit=10)]
    assert any("NATO" in t for t in titles)
    headline, counts, details = summary_text(summary)
    assert headline == "Import finished: 2 files read."
    assert counts.splitlines()[:2] == ["New releases: 1", "Updated: 0"]
    assert "b_broken.txt: " in details


def test_cancel_mid_way_keeps_whole_files_only(qtbot, db_path, tmp_path):
    _markdown_releases(tmp_path / "many", 6)
    runner = ImportRunner(db_path, [str(tmp_path / "many")])
    # A direct connection runs in the worker thread, before the first file is imported:
    # the worker finishes that file and stops.
    runner.progress.connect(lambda *_: runner.cancel(), Qt.ConnectionType.DirectConnection)
    summary = _run(qtbot, runner)

    assert summary.cancelled and summary.files == 1 and summary.imported == 1
    with Store(db_path) as store:
        assert count_releases(store) == 1
        (only,) = page_of_releases(store, limit=10)
    assert only.title == "Statement number 0"
    assert summary_text(summary)[0].startswith("Import cancelled:")


def test_run_import_shows_the_summary_and_returns_it(qtbot, db_path, folder, monkeypatch):
    shown = []
    monkeypatch.setattr(import_dialog, "show_import_summary", lambda p, s: shown.append(s))
    summary = run_import(db_path, [str(folder), str(folder / "missing.txt")])
    assert shown == [summary]
    assert summary.imported == 1
    reasons = {Path(s.file).name: s.reason for s in summary.skipped}
    assert reasons["missing.txt"] == "no such file or folder"
    assert run_import(db_path, []) is None


def test_a_store_that_cannot_be_opened_is_reported_not_raised(qtbot, tmp_path, folder):
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are my notes, not a database " * 100)
    summary = _run(qtbot, ImportRunner(not_a_store, [str(folder)]))
    assert summary.imported == 0
    assert "not a Communiqué Desk store" in summary.skipped[0].reason


def test_while_an_import_runs_the_window_takes_the_gil_back_within_a_millisecond(
    qtbot, db_path, folder
):
    """The worker saves releases in Python; the window's thread must not wait Python's
    default 5 ms for the GIL each time it comes back from Qt."""
    default = sys.getswitchinterval()
    sys.setswitchinterval(0.005)  # Python's default, whatever an earlier job left
    try:
        summary = _run(qtbot, ImportRunner(db_path, [str(folder)]))
        assert summary.imported and sys.getswitchinterval() <= JOB_SWITCH_INTERVAL
    finally:
        sys.setswitchinterval(default)
