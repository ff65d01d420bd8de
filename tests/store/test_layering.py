"""The store runs without Qt: no module under store/ imports PySide6, shiboken6 or gui."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from module_imports import imported_modules

STORE = Path(__file__).resolve().parents[2] / "store"
FORBIDDEN = ("PySide6", "shiboken6", "gui")


def test_no_store_module_imports_qt_or_gui_even_inside_functions() -> None:
    offenders = {
        f"{path.relative_to(STORE.parent)}: {name}"
        for path in STORE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN
    }
    assert not offenders, offenders


def test_import_linter_contract_holds() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=STORE.parent,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_whole_store_imports_in_a_process_without_qt() -> None:
    # A meta-path hook makes any Qt import fail, as on a machine without PySide6.
    code = (
        "import sys, importlib, pkgutil\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'gui'):\n"
        "            raise ImportError('blocked: ' + name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "import store\n"
        "for info in pkgutil.walk_packages(store.__path__, 'store.'):\n"
        "    if not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=STORE.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
