"""``communique backup`` and ``check``, and telling a crash from a clean close."""

from __future__ import annotations

import os
import signal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli as communique
from store import health
from store.db import Store
from store.highlights import add_highlight_by_quote
from store.markdown_text import paragraphs_to_markdown
from store.parsed import ParsedRelease
from store.release_saving import save_release
from store.tags import create_tag
from tests.conftest import child_holding_the_store_open


def run(db_path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(communique, ["--db", str(db_path), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def filled(db_path: Path) -> Path:
    """A closed store with a few releases, a tag and a highlight."""
    with Store(db_path) as store:
        tag = create_tag(store, "NATO").created
        for n in range(30):
            saved = save_release(
                store,
                ParsedRelease(
                    title=f"Statement {n}",
                    identity=f"statement-{n}",
                    body_markdown=paragraphs_to_markdown([f"The Alliance met on day {n}."]),
                ),
                None,
            )
        add_highlight_by_quote(store, saved.release_id, "The Alliance", tag_ids=[tag])
    return db_path


def test_backup_while_another_copy_is_writing_holds_only_committed_work(
    filled: Path, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "desk.db"
    with Store(filled) as window:  # the open window, in the middle of a change
        window.conn.execute("BEGIN IMMEDIATE")
        window.conn.execute("INSERT INTO tags(name, created_at) VALUES ('uncommitted', '')")
        code, out, err = run(filled, "backup", str(target))
        window.conn.execute("ROLLBACK")
    assert code == 0, err
    assert "Backed up to" in out
    assert run(target, "check")[:2] == (0, "ok\n")
    with Store(target) as copy:
        assert [r["name"] for r in copy.db["tags"].rows] == ["NATO"]
        assert copy.db["releases"].count == 30
        assert copy.db["highlight_tags"].count == 1


def test_backup_refuses_the_store_and_its_journal_files(filled: Path, tmp_path: Path) -> None:
    before = filled.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "symbolic.db").symlink_to(filled)
    os.link(filled, elsewhere / "hard.db")
    for target in (
        filled,
        filled.parent / "." / filled.name,
        Path(f"{filled}-wal"),
        elsewhere / "symbolic.db",
        elsewhere / "hard.db",
    ):
        code, _, err = run(filled, "backup", "--overwrite", str(target))
        assert code != 0 and "is the store itself" in err
    assert filled.read_bytes() == before


def test_backup_replaces_an_existing_file_only_when_asked(filled: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("not to be lost")
    code, _, err = run(filled, "backup", str(notes))
    assert code != 0 and "already exists" in err and "--overwrite" in err
    assert notes.read_text() == "not to be lost"
    assert run(filled, "backup", "--overwrite", str(notes))[0] == 0
    assert run(notes, "check")[1] == "ok\n"


def test_check_says_ok_for_a_sound_store(filled: Path) -> None:
    assert run(filled, "check") == (0, "ok\n", "")


def test_check_finds_a_search_index_out_of_step(filled: Path) -> None:
    with sqlite3.connect(filled) as conn:  # another program edits behind the triggers' back
        conn.execute("DROP TRIGGER releases_fts_update")
        conn.execute("UPDATE releases SET text = 'quite different words' WHERE id = 3")
    code, out, _ = run(filled, "check")
    assert code == 1
    assert "search index" in out


def test_check_finds_a_highlight_whose_release_is_gone(filled: Path) -> None:
    with sqlite3.connect(filled) as conn:  # foreign keys are off by default in sqlite3
        conn.execute("DELETE FROM releases WHERE id = (SELECT release_id FROM highlights)")
    code, out, _ = run(filled, "check")
    assert code == 1
    assert "of highlights refers to a missing row of releases" in out


def test_check_finds_kept_counts_gone_astray_and_repair_counts_again(filled: Path) -> None:
    with sqlite3.connect(filled) as conn:  # Datasette's "upsert" of the highlight's row:
        # REPLACE deletes the old row without its delete triggers, the insert adds one more
        conn.execute(
            "INSERT OR REPLACE INTO highlights SELECT * FROM highlights WHERE id = "
            "(SELECT min(id) FROM highlights)"
        )
    code, out, _ = run(filled, "check")
    assert code == 1
    assert out.splitlines() == [
        "the kept count of highlights per release differs from a fresh count in 2 rows "
        "(communique check --repair counts again)",
        "the kept count of releases and excerpts in the store differs from a fresh count "
        "in 2 rows (communique check --repair counts again)",
    ]
    code, out, _ = run(filled, "check", "--repair")
    assert (code, out.splitlines()) == (
        0,
        [
            "counted again: highlights per release",
            "counted again: releases and excerpts in the store",
            "ok",
        ],
    )
    with Store(filled) as store:
        (highlighted,) = store.conn.execute(
            "SELECT highlight_count FROM releases WHERE highlight_count > 0"
        ).fetchone()
        assert highlighted == 1
    assert run(filled, "check") == (0, "ok\n", "")


def damage_an_index(db_path: Path) -> None:
    """Overwrite the root page of an index with garbage, as a failing disk might."""
    with sqlite3.connect(db_path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'releases_title'"
        ).fetchone()
    with open(db_path, "r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(b"\xa5" * page_size)


def test_check_and_quick_check_find_a_damaged_page(filled: Path) -> None:
    damage_an_index(filled)
    code, out, _ = run(filled, "check")
    assert code == 1 and out.strip() and out != "ok\n"
    with Store(filled) as store:
        assert health.quick_check(store)


def test_quick_check_is_empty_for_a_sound_store(filled: Path) -> None:
    with Store(filled) as store:
        assert health.quick_check(store) == []


def test_a_clean_close_leaves_no_marker(filled: Path) -> None:
    assert health.was_closed_cleanly(filled)
    health.mark_open(filled)
    assert health.marker_path(filled).exists()
    assert health.was_closed_cleanly(filled)  # open in this very process: not a crash
    health.mark_closed(filled)
    assert not health.marker_path(filled).exists()
    assert health.was_closed_cleanly(filled)


def test_a_killed_program_is_an_unclean_exit(filled: Path) -> None:
    child = child_holding_the_store_open(filled)
    assert health.was_closed_cleanly(filled)  # still running: another copy, not a crash
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert not health.was_closed_cleanly(filled)
    health.mark_open(filled)  # the next start takes the marker over
    health.mark_closed(filled)
    assert health.was_closed_cleanly(filled)


def test_closing_one_copy_keeps_the_marker_of_the_one_still_running(filled: Path) -> None:
    child = child_holding_the_store_open(filled)
    try:
        health.mark_open(filled)
        health.mark_closed(filled)
        assert health.marker_path(filled).exists()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    assert not health.was_closed_cleanly(filled)  # that copy's crash is not hidden
