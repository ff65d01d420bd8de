"""Exporting from the excerpts view: the worker thread, the files read back, cancel, errors.

Exports run through :class:`ExportRunner` (its own store connection, as in the window) and
the files are read with the csv module and zipfile; the scope is what the view shows.
"""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_excerpts_view import build_excerpt_store, counted, tick
from window_helpers import shown_window

from gui.dialogs.export_dialog import (
    ExportRunner,
    ExportTarget,
    result_message,
    target_for,
)
from gui.operations.runner import Operations
from gui.widgets.excerpts_view import ExcerptsView
from store.db import Store


@pytest.fixture
def sample(db_path: Path) -> dict[str, dict[str, int]]:
    return build_excerpt_store(db_path)


@pytest.fixture
def view(qtbot, db_path: Path, sample):
    with Store(db_path) as store:
        shown = ExcerptsView(Operations(store))
        qtbot.addWidget(shown)
        shown.resize(1000, 600)
        shown.show()
        yield shown
        shown.close()


def run(qtbot, view: ExcerptsView, fmt: str, path: Path, cancel: bool = False):
    runner = ExportRunner(view.store.path, fmt, path, view.export_source())
    if cancel:
        runner.cancel()
    with qtbot.waitSignal(runner.finished, timeout=20000) as done:
        runner.start()
    return done.args[0]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_holds_the_excerpts_the_filter_shows(qtbot, view, sample, tmp_path) -> None:
    h = sample["highlights"]
    tick(view, "Ukraine")
    target = tmp_path / "ukraine.csv"
    result = run(qtbot, view, "csv", target)
    assert result.count == view.model.rowCount() == 3 and result.error is None
    rows = read_csv(target)
    assert {int(r["highlight_id"]) for r in rows} == {h["support"], h["flag"], h["deep"]}
    flag = next(r for r in rows if int(r["highlight_id"]) == h["flag"])
    assert flag["quote"] == "Solidarité avec l'Ukraine 🇺🇦"
    assert flag["release_title"] == "Déclaration sur la sécurité 🇺🇦"
    assert result_message(result) == f"3 excerpts written to {target}"


def test_selected_rows_are_the_scope(qtbot, view, sample, tmp_path) -> None:
    model = counted(view)
    wanted = {sample["highlights"]["two_paragraphs"], sample["highlights"]["rare"]}
    rows = [r for r in range(model.rowCount()) if model.excerpt(r).highlight_id in wanted]
    selection = view.table.selectionModel()
    for row in rows:
        selection.select(
            model.index(row, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
        )
    assert view.count_label.text() == "7 excerpts · 2 selected"
    target = tmp_path / "two.csv"
    assert run(qtbot, view, "csv", target).count == 2
    by_id = {int(r["highlight_id"]): r for r in read_csv(target)}
    assert set(by_id) == wanted
    assert by_id[sample["highlights"]["two_paragraphs"]]["quote"] == (
        "agissent ensemble.\n\nنص عربي: الأمن"
    )
    assert by_id[sample["highlights"]["two_paragraphs"]]["note"] == (
        "Spans two paragraphs\nand a line break"
    )


def test_qdpx_codes_the_filtered_selections(qtbot, view, sample, tmp_path) -> None:
    tick(view, "Security")
    view.sub_topics.setChecked(False)
    target = tmp_path / "security.qdpx"
    assert run(qtbot, view, "qdpx", target).count == 2
    with zipfile.ZipFile(target) as archive:
        project = etree.fromstring(archive.read("project.qde"))
        texts = [n for n in archive.namelist() if n.startswith("sources/")]
    selections = project.findall(".//{*}PlainTextSelection")
    assert len(selections) == 2
    assert len(texts) == 2  # the maritime statement and the French declaration
    codes = {code.get("name") for code in project.iter("{*}Code")}
    assert {"Security", "Ukraine", "NATO"} <= codes


def test_cancel_leaves_no_file(qtbot, view, tmp_path) -> None:
    target = tmp_path / "cancelled.qdpx"
    result = run(qtbot, view, "qdpx", target, cancel=True)
    assert result.cancelled and result.count == 0
    assert list(tmp_path.glob("cancelled*")) == [] and list(tmp_path.glob(".cancelled*")) == []
    assert result_message(result) == "Export cancelled; no file was written."


def test_a_bad_target_is_one_sentence(qtbot, view, tmp_path) -> None:
    result = run(qtbot, view, "csv", tmp_path / "missing-folder" / "x.csv")
    assert result.error and result.error.endswith(".") and "\n" not in result.error
    assert "does not exist" in result.error


def test_format_comes_from_the_extension_else_the_file_type() -> None:
    assert target_for("/tmp/brief.docx", "Spreadsheet, CSV (*.csv)").fmt == "docx"
    assert target_for("/tmp/codes.QDC").fmt == "qdc"
    chosen = target_for("/tmp/brief", "Briefing, Markdown (*.md *.markdown)")
    assert (chosen.fmt, chosen.path.name) == ("md", "brief.md")


def test_export_button_asks_runs_and_reports(qtbot, monkeypatch, tmp_path, sample, db_path):
    """The whole path a click takes, in the window: ask (replaced), progress, status bar."""
    from gui.app import build_window

    window = build_window(db_path)
    qtbot.addWidget(window)
    window.show()
    target = tmp_path / "all.md"
    monkeypatch.setattr(ExportTarget, "ask", classmethod(lambda cls, *a, **k: cls(target, "md")))
    window.window_actions["actionExport"].trigger()  # brings the Excerpts tab forward, then exports
    assert window.tabs.currentWidget() is window.excerpts_view
    assert target.read_text(encoding="utf-8").count("new support for Ukraine") == 1
    assert window.statusBar().currentMessage() == f"7 excerpts written to {target}"
    qtbot.mouseClick(window.excerpts_view.export_button, Qt.MouseButton.LeftButton)
    window.close()
    window.store.close()


def test_export_error_is_shown_in_a_box(qtbot, monkeypatch, tmp_path, db_path, sample) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    bad = ExportTarget(tmp_path / "nowhere" / "x.csv", "csv")
    monkeypatch.setattr(ExportTarget, "ask", classmethod(lambda cls, *a, **k: bad))
    with shown_window(qtbot, db_path) as window:
        window.show_excerpts()
        qtbot.mouseClick(window.excerpts_view.export_button, Qt.MouseButton.LeftButton)
        assert len(shown) == 1 and "nowhere" in shown[0]
        assert not bad.path.parent.exists()
