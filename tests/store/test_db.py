"""Opening stores: settings every connection has, migrations, refusals, backups."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from store.db import NotAStore, Store, StoreError, StoreTooNew, default_store_path
from store.schema import SCHEMA_VERSION


def test_a_new_store_has_wal_foreign_keys_and_the_current_schema(db_path: Path) -> None:
    with Store(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"releases", "originals", "release_versions", "tags", "highlights"} <= set(
            store.db.table_names()
        )
        assert "excerpts" in store.db.view_names()


def test_a_failed_write_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as conn:
        conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
        raise RuntimeError("crash in the middle")
    assert store.db["tags"].count == 0


def test_an_inner_failure_undoes_only_the_inner_block(store: Store) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
        with pytest.raises(RuntimeError), store.write():
            conn.execute("INSERT INTO tags(name, created_at) VALUES ('Kosovo', '')")
            raise RuntimeError
    assert [r["name"] for r in store.db["tags"].rows] == ["Ukraine"]


def test_two_connections_writing_at_once_never_see_database_is_locked(db_path: Path) -> None:
    Store(db_path).close()
    errors: list[BaseException] = []

    def writer(prefix: str) -> None:
        try:
            with Store(db_path) as mine:
                for n in range(200):
                    with mine.write() as conn:
                        count = conn.execute("SELECT count(*) FROM tags").fetchone()[0]
                        conn.execute(
                            "INSERT INTO tags(name, created_at) VALUES (?, '')",
                            (f"{prefix}{n}-{count}",),
                        )
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(p,)) for p in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    with Store(db_path) as store:
        assert store.db["tags"].count == 400


def test_a_file_that_is_not_a_store_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("my notes, not a database")
    with pytest.raises(NotAStore, match="notes.db"):
        Store(text_file)
    assert text_file.read_text() == "my notes, not a database"


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE accounts(id)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    with pytest.raises(NotAStore):
        Store(other)
    assert other.read_bytes() == before


def test_a_store_from_a_newer_version_is_refused_and_left_unchanged(db_path: Path) -> None:
    Store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version"):
        Store(db_path)
    assert db_path.read_bytes() == before


def test_migrating_an_older_store_writes_a_backup_first(db_path: Path, monkeypatch) -> None:
    from store import db as db_module
    from store import schema

    # An older program knew one migration fewer: pretend the current one is new.
    extra = ["CREATE TABLE saved_searches (id INTEGER PRIMARY KEY, query TEXT)"]
    with Store(db_path) as old, old.write() as conn:
        conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, extra])
    monkeypatch.setattr(db_module, "MIGRATIONS", schema.MIGRATIONS)
    monkeypatch.setattr(db_module, "MIGRATION_STEPS", [*schema.MIGRATION_STEPS, "Saving searches"])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(db_path) as migrated:
        assert "saved_searches" in migrated.db.table_names()
    backup = db_path.with_name(f"{db_path.name}.v{SCHEMA_VERSION}.bak")
    assert backup.exists()
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT name FROM tags").fetchall() == [("Ukraine",)]
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_backup_is_a_consistent_copy_and_never_overwrites_the_store(store: Store, tmp_path) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO tags(name, created_at) VALUES ('Sanctions', '')")
    copy = store.backup_to(tmp_path / "copy.db")
    with Store(copy) as restored:
        assert [r["name"] for r in restored.db["tags"].rows] == ["Sanctions"]
    with pytest.raises(Exception, match="cannot overwrite the store"):
        store.backup_to(store.path)


def test_the_environment_variable_chooses_the_default_store(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("COMMUNIQUE_DB", str(tmp_path / "desk.db"))
    assert default_store_path() == tmp_path / "desk.db"
    monkeypatch.delenv("COMMUNIQUE_DB")
    assert default_store_path().name == "communique.db"


def test_the_write_ahead_log_shrinks_back_after_a_big_import(db_path: Path) -> None:
    from store.db import WAL_SIZE_LIMIT

    wal = db_path.with_name(db_path.name + "-wal")
    page = "x" * 60_000
    with Store(db_path) as store:
        with store.write() as conn:  # one big transaction, as a bulk import is
            conn.executemany(
                "INSERT INTO tags(name, created_at) VALUES (?, '')",
                ((f"{n} {page}",) for n in range(WAL_SIZE_LIMIT // 60_000 + 400)),
            )
        assert wal.stat().st_size > WAL_SIZE_LIMIT
        with store.write() as conn:  # the next write starts the log again, cut back
            conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")
        assert wal.stat().st_size <= WAL_SIZE_LIMIT


def _older_store(db_path: Path, monkeypatch, version: int) -> None:
    from store import db as db_module

    with monkeypatch.context() as older:
        older.setattr(db_module, "SCHEMA_VERSION", version)
        with Store(db_path) as old, old.write() as conn:
            conn.execute("INSERT INTO tags(name, created_at) VALUES ('Ukraine', '')")


def test_every_migration_names_its_step_for_the_analyst() -> None:
    from store.schema import MIGRATION_STEPS, MIGRATIONS

    assert len(MIGRATION_STEPS) == len(MIGRATIONS)
    assert all(step.strip() for step in MIGRATION_STEPS)


def test_an_upgrade_reports_the_backup_then_each_migration(db_path: Path, monkeypatch) -> None:
    from store.schema import MIGRATION_STEPS

    _older_store(db_path, monkeypatch, SCHEMA_VERSION - 2)
    heard = []
    with Store(db_path, progress=lambda *step: heard.append(step)) as store:
        assert store.db["tags"].count == 1
    assert heard == [
        (1, 3, "Backing up the store"),
        (2, 3, MIGRATION_STEPS[-2]),
        (3, 3, MIGRATION_STEPS[-1]),
    ]
    heard.clear()
    Store(db_path, progress=lambda *step: heard.append(step)).close()
    assert heard == []


def test_a_new_store_is_created_without_an_upgrade(db_path: Path) -> None:
    heard = []
    with Store(db_path, progress=lambda *step: heard.append(step)) as store:
        assert store.created
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "releases_fts" in store.db.table_names()
    assert heard == []  # nothing was upgraded, so no step is announced
    assert not list(db_path.parent.glob("*.bak"))
    with Store(db_path) as again:
        assert not again.created


def test_upgrade_backup_says_which_stores_will_be_upgraded_without_touching_them(
    db_path: Path, tmp_path: Path, monkeypatch
) -> None:
    from store.db import upgrade_backup

    _older_store(db_path, monkeypatch, SCHEMA_VERSION - 1)
    before = db_path.read_bytes()
    assert upgrade_backup(db_path) == db_path.with_name(f"test.db.v{SCHEMA_VERSION - 1}.bak")
    assert db_path.read_bytes() == before
    Store(db_path).close()
    assert upgrade_backup(db_path) is None  # current
    assert upgrade_backup(tmp_path / "new.db") is None and not (tmp_path / "new.db").exists()
    notes = tmp_path / "notes.db"
    notes.write_text("not a database")
    assert upgrade_backup(notes) is None  # Store() explains the refusal
    assert upgrade_backup(":memory:") is None


def test_an_upgrade_whose_backup_fails_leaves_the_store_unchanged(
    db_path: Path, monkeypatch
) -> None:
    _older_store(db_path, monkeypatch, SCHEMA_VERSION - 1)
    db_path.with_name(f"test.db.v{SCHEMA_VERSION - 1}.bak").mkdir()  # the name is taken
    before = db_path.read_bytes()
    with pytest.raises(StoreError, match="backup could not be written.*not changed"):
        Store(db_path)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.partial"))
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1


def test_a_migration_that_fails_is_explained_and_undone_whole(db_path: Path, monkeypatch) -> None:
    from store import db as db_module

    Store(db_path).close()
    clash = ["CREATE TABLE saved_searches (id INTEGER PRIMARY KEY)", "CREATE TABLE tags (x)"]
    monkeypatch.setattr(db_module, "MIGRATIONS", [*db_module.MIGRATIONS, clash])
    monkeypatch.setattr(db_module, "MIGRATION_STEPS", [*db_module.MIGRATION_STEPS, "Saving"])
    monkeypatch.setattr(db_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match="stopped at “Saving”.*opening it again resumes"):
        Store(db_path)
    monkeypatch.undo()
    with Store(db_path) as store:
        assert "saved_searches" not in store.db.table_names()
