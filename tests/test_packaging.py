"""The program as people install it: a wheel (what pip and pipx install) carries everything
the program ships, and the installed copy opens the window on its own sample releases."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

LEFT_OUT = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", "build", "dist", ".*_cache", ".hypothesis"
)

# The installed entry point, with a timer that closes the window once it has been shown.
OPEN_THE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from gui.app import application
from cli.main import main
import gui, resources

assert gui.__file__.startswith(sys.argv[2]), gui.__file__
assert resources.__file__.startswith(sys.argv[2]), resources.__file__
app = application()
assert not app.windowIcon().isNull()
QTimer.singleShot(1500, app.quit)
sys.argv = ["communique", "--db", sys.argv[1]]
main()
"""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the source tree (so the checkout gets no build/)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(REPO_ROOT, source, ignore=LEFT_OUT)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(work)],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (found,) = work.glob("communique_desk-*.whl")
    return found


def test_the_wheel_carries_every_file_of_resources_and_the_entry_point(wheel: Path) -> None:
    shipped = {
        path.relative_to(REPO_ROOT).as_posix()
        for path in (REPO_ROOT / "resources").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert "resources/samples/state-department-press-releases-2021-07-12.rss" in shipped
    assert "resources/communique-desk.desktop" in shipped
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode()
    assert shipped <= names, sorted(shipped - names)
    assert "communique = cli.main:main" in scripts


def test_the_installed_copy_opens_the_window_on_its_own_samples(
    wheel: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), wheel],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    db = tmp_path / "first-run.db"
    # Run away from the checkout, with the installed copy first on the path: nothing can be
    # found in the source tree.
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(site))
    opened = subprocess.run(
        [sys.executable, "-c", OPEN_THE_WINDOW, str(db), str(site)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert opened.returncode == 0, opened.stderr[-3000:]
    with sqlite3.connect(db) as conn:
        (releases,) = conn.execute("SELECT count(*) FROM releases").fetchone()
    samples = [
        p for p in (site / "resources" / "samples").iterdir() if p.suffix in (".txt", ".rss")
    ]
    assert samples and releases == 4 + 10  # four saved pages and a feed of ten items
