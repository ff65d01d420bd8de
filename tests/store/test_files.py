"""The store's own files: which names are the store, and that backup and export refuse them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store.db import Store, StoreError
from store.excerpts import ExcerptFilter
from store.export import ExportError, write_export
from store.files import STORE_FILE_SUFFIXES, is_store_file


@pytest.mark.parametrize("suffix", STORE_FILE_SUFFIXES)
def test_the_main_file_and_each_file_sqlite_keeps_beside_it_are_the_store(
    store: Store, suffix: str
) -> None:
    kept = store.path.with_name(store.path.name + suffix)
    assert is_store_file(store.path, kept)
    assert is_store_file(store.path, kept.parent / "." / kept.name)


def test_a_file_sqlite_has_not_made_yet_is_the_store_all_the_same(store: Store) -> None:
    journal = store.path.with_name(store.path.name + "-journal")
    assert not journal.exists()
    assert is_store_file(store.path, journal)


def test_a_symbolic_link_to_a_store_file_is_the_store(store: Store, tmp_path: Path) -> None:
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists()  # an open WAL store has its log beside it
    for name, target in (("main.db", store.path), ("log", wal)):
        link = tmp_path / "elsewhere" / name
        link.parent.mkdir(exist_ok=True)
        link.symlink_to(target)
        assert is_store_file(store.path, link)


def test_a_hard_link_to_the_store_is_the_store(store: Store, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere" / "copy-that-is-not.db"
    link.parent.mkdir()
    os.link(store.path, link)
    assert is_store_file(store.path, link)


def test_other_files_are_not_the_store(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_bytes(store.path.read_bytes())  # the same bytes, another file
    assert not is_store_file(store.path, other)
    assert not is_store_file(store.path, tmp_path / "not-yet.db")
    assert not is_store_file(store.path, store.path.with_name(store.path.name + "-backup"))
    assert not is_store_file(store.path, store.path.with_name(store.path.stem + ".db.wal"))


def test_an_in_memory_store_has_no_files() -> None:
    with Store(":memory:") as in_memory:
        assert not is_store_file(in_memory.path, Path("anything.db"))


def _links_to_the_store(store: Store, tmp_path: Path) -> list[Path]:
    folder = tmp_path / "links"
    folder.mkdir()
    symbolic, hard = folder / "symbolic.db", folder / "hard.db"
    symbolic.symlink_to(store.path)
    os.link(store.path, hard)
    return [symbolic, hard, store.path.with_name(store.path.name + "-shm")]


def test_backup_refuses_links_to_the_store_and_leaves_it_whole(
    store: Store, tmp_path: Path
) -> None:
    before = store.path.read_bytes()
    for target in _links_to_the_store(store, tmp_path):
        with pytest.raises(StoreError, match="cannot overwrite the store"):
            store.backup_to(target)
    assert store.path.read_bytes() == before


def test_export_refuses_links_to_the_store_and_leaves_it_whole(
    store: Store, tmp_path: Path
) -> None:
    before = store.path.read_bytes()
    for target in _links_to_the_store(store, tmp_path):
        with pytest.raises(ExportError, match="is the store itself"):
            write_export(store, "csv", target, ExcerptFilter())
    assert store.path.read_bytes() == before
