"""A store written by an older version is upgraded behind a dialog, off the GUI thread."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from older_stores import save_before_issuers
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.dialogs.store_upgrade import UpgradeDialog, open_store
from store import db as db_module
from store.attribution_upgrade import ATTRIBUTION_SCHEMA, STEP, pending_from
from store.db import SCHEMA_VERSION, Store
from store.issuers import find_issuer
from store.releases import count_releases, search_releases
from tests.gui.conftest import RELEASES

OLD_VERSION = SCHEMA_VERSION - 1  # the version before the latest migration


class UpgradeDialogsSeen(QObject):
    """Watches the application for upgrade dialogs being shown; keeps a picture of each."""

    def __init__(self, pictures: Path) -> None:
        super().__init__()
        self.pictures = pictures
        self.seen: list[dict] = []
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, UpgradeDialog) and event.type() == QEvent.Type.Show:
            picture = self.pictures / f"upgrade-dialog-{len(self.seen)}.png"
            watched.grab().save(str(picture))
            self.seen.append(
                {
                    "text": watched.explanation.text(),
                    "step": watched.step_label.text(),
                    "modality": watched.windowModality(),
                    "picture": picture,
                }
            )
        return False

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)


@pytest.fixture
def dialogs_seen(qapp, tmp_path):
    watcher = UpgradeDialogsSeen(tmp_path)
    yield watcher
    watcher.stop()


def old_store(path: Path, monkeypatch: pytest.MonkeyPatch, version: int = OLD_VERSION) -> Path:
    """A store with releases, written by the version before the latest migration (or by
    ``version``)."""
    with monkeypatch.context() as older:
        older.setattr(db_module, "SCHEMA_VERSION", version)
        with Store(path) as store:
            for parsed in RELEASES:
                save_before_issuers(store, parsed, None)
    return path


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def test_switching_to_an_older_store_upgrades_it_behind_a_dialog(
    qtbot, window, tmp_path, monkeypatch, dialogs_seen
) -> None:
    older = old_store(tmp_path / "archive 2022.db", monkeypatch)
    assert window.files.switch_store(older)
    [shown] = dialogs_seen.seen
    backup = older.with_name(f"archive 2022.db.v{OLD_VERSION}.bak")
    assert "Upgrading the store <b>archive 2022.db</b>" in shown["text"]
    assert str(backup) in shown["text"] and "closing the program is safe" in shown["text"]
    assert shown["step"].startswith("Backing up the store")
    assert shown["modality"] == Qt.WindowModality.WindowModal
    assert not QApplication.instance().activeModalWidget()  # gone once the store is open
    assert user_version(older) == SCHEMA_VERSION
    assert "archive 2022.db" in window.windowTitle()
    assert window.model.rowCount() == len(RELEASES)
    assert len(search_releases(window.store, "mari*")) == 1  # the new search index is filled
    assert backup.exists() and user_version(backup) == OLD_VERSION


def test_opening_an_older_store_at_start_shows_the_dialog_over_no_window(
    qtbot, tmp_path, monkeypatch, dialogs_seen
) -> None:
    older = old_store(tmp_path / "older.db", monkeypatch)
    with open_store(older) as store:  # what the program does before it builds the window
        assert count_releases(store) == len(RELEASES)
    [shown] = dialogs_seen.seen
    assert shown["modality"] == Qt.WindowModality.ApplicationModal
    assert shown["picture"].stat().st_size > 0
    assert user_version(older) == SCHEMA_VERSION


def test_a_store_whose_releases_are_still_to_be_gone_over_finishes_behind_the_dialog(
    qtbot, window, tmp_path, monkeypatch, dialogs_seen
) -> None:
    # From before issuers: its releases' issuers are found again after the migrations.
    older = old_store(tmp_path / "half done.db", monkeypatch, ATTRIBUTION_SCHEMA - 1)
    Store(older).close()  # an earlier program's upgrade: the schema's steps, not the releases'
    assert user_version(older) == SCHEMA_VERSION
    assert window.files.switch_store(older)
    [shown] = dialogs_seen.seen
    assert "taken up where it stopped" in shown["text"] and "backup" not in shown["text"]
    assert shown["step"] == f"{STEP}…"
    assert pending_from(window.store.conn) == 0
    model = window.model
    issuers = {model.summary(row).issuer for row in range(model.rowCount())}
    # Each release's issuer found from what it gave (a known issuer's own name if any).
    assert issuers == {find_issuer(window.store, parsed.source).name for parsed in RELEASES}


def test_a_current_store_opens_with_no_dialog(qtbot, window, tmp_path, dialogs_seen) -> None:
    current = tmp_path / "current.db"
    Store(current).close()
    assert window.files.switch_store(current)
    assert dialogs_seen.seen == []
    assert not list(tmp_path.glob("current.db.v*.bak"))


def test_a_new_store_opens_with_no_dialog(qtbot, window, tmp_path, dialogs_seen) -> None:
    assert window.files.switch_store(tmp_path / "new.db")
    assert dialogs_seen.seen == []
    assert user_version(tmp_path / "new.db") == SCHEMA_VERSION


def test_a_failed_upgrade_is_explained_and_leaves_the_store_as_it_was(
    qtbot, window, tmp_path, monkeypatch, dialogs_seen
) -> None:
    older = old_store(tmp_path / "older.db", monkeypatch)
    # Something already has the backup's name and cannot be replaced: the backup fails.
    older.with_name(f"older.db.v{OLD_VERSION}.bak").mkdir()
    before = older.read_bytes()
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[2]))
    assert not window.files.switch_store(older)
    assert len(dialogs_seen.seen) == 1
    assert told and "its backup could not be written" in told[0]
    assert "the store was not changed" in told[0]
    assert older.read_bytes() == before and user_version(older) == OLD_VERSION
    assert not list(tmp_path.glob("*.partial"))
    assert window.model.rowCount() == len(RELEASES)  # still on the store it showed
    assert "older.db" not in window.windowTitle()
