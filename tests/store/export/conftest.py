"""Fixtures for the export tests: the sample store (``export_sample``) and a clean folder."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_sample import Sample, build_sample

from store.db import Store


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    """A folder for exports alone (the store lives in tmp_path with its -wal and -shm)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def sample(store: Store) -> Sample:
    return build_sample(store)
