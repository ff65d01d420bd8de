"""A real store of the Swiss federal releases (de, fr, it, en), imported as an analyst would."""

from __future__ import annotations

from pathlib import Path

from store.db import Store
from store.imports.pipeline import import_paths
from tests.conftest import CORPUS

SWISS = CORPUS / "swiss-news" / "releases.jsonl"


def build_swiss_store(path: Path) -> Path:
    """Import every Swiss release (1,492 language versions, each with its given language)."""
    with Store(path) as store:
        summary = import_paths(store, [SWISS])
        assert summary.imported == 1492 and not summary.skipped
    return path
