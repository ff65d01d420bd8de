"""The window composes; nothing but the application entry reaches into it."""

from __future__ import annotations

from pathlib import Path

from module_imports import imported_modules

GUI = Path(__file__).resolve().parents[2] / "gui"
ENTRY = {"gui/app.py", "gui/main_window.py"}


def test_no_gui_module_but_the_entry_imports_the_main_window_even_inside_functions() -> None:
    offenders = [
        str(path.relative_to(GUI.parent))
        for path in GUI.rglob("*.py")
        if str(path.relative_to(GUI.parent)) not in ENTRY
        and "gui.main_window" in imported_modules(path)
    ]
    assert offenders == []


def test_every_action_of_the_window_is_in_the_table_and_has_a_handler(qtbot, tmp_path) -> None:
    """The table is the one place the window's actions are declared: the window makes no
    named QAction of its own beside it (panels keep their own, such as the codebook's)."""
    from PySide6.QtGui import QAction

    from gui.app import build_window
    from gui.window_actions import ACTIONS

    window = build_window(tmp_path / "store.db")
    qtbot.addWidget(window)
    named = {
        a.objectName()
        for a in window.findChildren(QAction)
        if a.parent() is window and a.objectName()
    }
    declared = {spec.name for spec in ACTIONS}
    assert declared <= named
    assert named == declared
    window.store.close()
