"""The README's first command: `communique` opens the window on a store with real releases."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# The real entry point, with a timer that closes the window once it has been shown.
PROGRAM = """
import sys
from PySide6.QtCore import QTimer
from gui.app import application
from cli.main import main

app = application()
QTimer.singleShot(1500, app.quit)
sys.argv = ["communique", "--db", sys.argv[1]]
main()
"""


def open_window(db: Path) -> None:
    """Run ``communique --db DB`` in a fresh process: the window opens, then quits."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(db)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_communique_opens_a_new_store_filled_with_the_sample_releases(tmp_path: Path) -> None:
    db = tmp_path / "first-run.db"
    open_window(db)
    with sqlite3.connect(db) as conn:
        titles = [row[0] for row in conn.execute("SELECT title FROM releases")]
    samples = sorted((REPO_ROOT / "resources" / "samples").iterdir())
    assert len(titles) == 4 + 10  # four saved pages and one feed snapshot of ten items
    assert any(title.startswith("Telephone conversation between the Deputy") for title in titles)
    assert all(path.suffix in (".txt", ".rss") for path in samples)


def test_a_file_that_is_not_a_store_is_refused_with_a_message(tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not a store")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-m", "cli", "--db", str(notes), "list"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "not a Communiqué Desk store" in result.stderr
    assert notes.read_text() == "not a store"


def test_communique_upgrades_an_older_store_and_opens_it(tmp_path: Path) -> None:
    from store import db as db_module
    from store.db import SCHEMA_VERSION, Store

    older = tmp_path / "older.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION - 1)
        with Store(older) as store, store.write() as conn:  # the codebook as it was then
            conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
    open_window(older)
    with sqlite3.connect(older) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("SELECT name FROM tags").fetchall() == [("Ukraine",)]
    assert (tmp_path / f"older.db.v{SCHEMA_VERSION - 1}.bak").exists()
