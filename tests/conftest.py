"""Fixtures shared by the whole suite: real stores on disk, the real corpus, no screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples every run, so a red build always means a change broke
# something; local runs keep exploring new random examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# Qt runs without a screen in tests; set before any test imports PySide6.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "farnesina" / "000_ee7cf94feceb9baf.txt"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path):
    from store.db import Store

    with Store(db_path) as opened:
        yield opened


def child_holding_the_store_open(db_path: Path) -> subprocess.Popen[str]:
    """Another copy of the program with the store open (its open-marker held), running."""
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from store import health; "
            "health.mark_open(sys.argv[1]); print('open', flush=True); time.sleep(60)",
            str(db_path),
        ],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "open\n"
    return child
